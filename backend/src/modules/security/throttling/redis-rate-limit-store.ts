import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RateLimitHit, RateLimitStore } from './rate-limit-store';

/**
 * The check-and-count of `RateLimitStore.hit` as one Lua script, so it is atomic in Redis: every instance's hits on a
 * key are serialised by Redis itself. KEYS: the counters; ARGV: ttlMs and limit per key (ttl1, limit1, ttl2, …).
 * Returns { allowed (1/0), count1, count2, … }. `PEXPIRE` runs when a counter is created (its first hit), so a
 * counter lives until its window ends (plus slack) and never longer.
 */
export const RATE_LIMIT_HIT_SCRIPT = `
local n = #KEYS
local result = { 1 }
for i = 1, n do
  local count = tonumber(redis.call('GET', KEYS[i]) or '0')
  result[i + 1] = count
  if count >= tonumber(ARGV[i * 2]) then result[1] = 0 end
end
if result[1] == 1 then
  for i = 1, n do
    local count = redis.call('INCR', KEYS[i])
    if count == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[i * 2 - 1]) end
    result[i + 1] = count
  end
end
return result
`;

/** The client with the script defined as a command (`EVALSHA`, falling back to `EVAL` once after a Redis restart). */
export type RateLimitRedis = Redis & {
  othRateLimitHit(numberOfKeys: number, ...keysAndArgs: (string | number)[]): Promise<number[]>;
};

export function defineRateLimitCommand(redis: Redis): RateLimitRedis {
  redis.defineCommand('othRateLimitHit', { lua: RATE_LIMIT_HIT_SCRIPT });
  return redis as RateLimitRedis;
}

/** How often a Redis failure is logged at most, however many requests meet it. */
const WARN_INTERVAL_MS = 10_000;

/**
 * Counters in Redis, shared by every instance (one round trip per request: the script's `EVALSHA`, pipelined by
 * ioredis with the other commands of the same tick). When Redis cannot answer (down, or slower than the client's
 * command timeout) the request is counted in this process's memory instead: limits then hold per instance until
 * Redis is back, rather than failing every request or letting everything through.
 */
export class RedisRateLimitStore implements RateLimitStore {
  private readonly logger = new Logger('RateLimitStore');
  private lastWarning = 0;

  constructor(
    private readonly redis: RateLimitRedis,
    private readonly fallback: MemoryRateLimitStore,
  ) {}

  async hit(
    keys: readonly string[],
    limits: readonly number[],
    ttlMs: readonly number[],
    now: number,
  ): Promise<RateLimitHit> {
    const args: (string | number)[] = keys.slice();
    for (let i = 0; i < keys.length; i++) args.push(ttlMs[i], limits[i]);
    try {
      const reply = await this.redis.othRateLimitHit(keys.length, ...args);
      return { allowed: reply[0] === 1, counts: reply.slice(1) };
    } catch (err) {
      if (now - this.lastWarning >= WARN_INTERVAL_MS) {
        this.lastWarning = now;
        this.logger.warn(
          { err: { message: (err as Error).message } },
          'Redis rate-limit store unavailable: counting in memory for now',
        );
      }
      return this.fallback.hitNow(keys, limits, ttlMs, now);
    }
  }
}
