/**
 * Where request counters live: Redis when REDIS_URL is set (shared by every instance), this process's memory
 * otherwise. One `hit` checks and counts one request against one or more windows at once, atomically:
 *
 * - if any counter is already at its limit, nothing is counted and the request is refused (`allowed: false`) —
 *   refused requests do not eat into the budget, so a client that keeps retrying gets its quota back when the
 *   window ends, not later;
 * - otherwise every counter goes up by one (created with its expiry on first use) and `counts` holds the new values.
 *
 * With a limit of L, any number of concurrent hits therefore admit exactly L.
 */
export interface RateLimitHit {
  allowed: boolean;
  /** One count per key, in order: after this hit when allowed, as found when refused. */
  counts: number[];
}

export interface RateLimitStore {
  /**
   * `keys[i]` is checked against `limits[i]`; a counter created by this hit expires `ttlMs[i]` ms after `now`.
   * `now` is the caller's clock (epoch ms), used by the in-memory store only.
   */
  hit(keys: readonly string[], limits: readonly number[], ttlMs: readonly number[], now: number): Promise<RateLimitHit>;
}

/** Nest injection token of the store in use. */
export const RATE_LIMIT_STORE = Symbol('RATE_LIMIT_STORE');

/** Every counter key starts with this (in Redis as in memory). */
export const RATE_LIMIT_KEY_PREFIX = 'oth:rl:';
