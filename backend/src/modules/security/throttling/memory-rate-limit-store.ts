import { RateLimitHit, RateLimitStore } from './rate-limit-store';

interface Counter {
  count: number;
  /** Epoch ms after which the counter is gone. */
  expiresAt: number;
}

/** Bound on the counters held; about 150 bytes each, so at most some 15 MB. */
export const MEMORY_STORE_MAX_KEYS = 100_000;
/** Expired counters are swept at most this often, on some request (never on a timer). */
export const MEMORY_STORE_SWEEP_INTERVAL_MS = 10_000;

/**
 * Counters in this process's memory (no REDIS_URL, or as the fallback while Redis is away): exact within the
 * process, since Node runs each hit to completion without interruption; not shared between instances.
 *
 * Memory stays bounded without a timer per key or per request: an expired counter is replaced when next touched;
 * a sweep over the whole map drops every expired counter, run from a hit at most every 10 s (amortised: a few
 * milliseconds for a full map, once per 10 s at most); and when the map is full even after a sweep, the oldest
 * counters (the first inserted) are dropped, 1 % at a time. Dropping a live counter forgets its count, so the bound
 * must stay far above the number of callers active in a day (100 000 counters: two per signed-in user, one per
 * anonymous address and route class, one per address and auto-ban trigger).
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly counters = new Map<string, Counter>();
  private nextSweepAt = 0;

  constructor(
    private readonly maxKeys = MEMORY_STORE_MAX_KEYS,
    private readonly sweepIntervalMs = MEMORY_STORE_SWEEP_INTERVAL_MS,
  ) {}

  get size(): number {
    return this.counters.size;
  }

  hit(
    keys: readonly string[],
    limits: readonly number[],
    ttlMs: readonly number[],
    now: number,
  ): Promise<RateLimitHit> {
    return Promise.resolve(this.hitNow(keys, limits, ttlMs, now));
  }

  /** The same as `hit`, synchronously. */
  hitNow(keys: readonly string[], limits: readonly number[], ttlMs: readonly number[], now: number): RateLimitHit {
    if (now >= this.nextSweepAt) this.sweep(now);
    const counts = new Array<number>(keys.length);
    let allowed = true;
    for (let i = 0; i < keys.length; i++) {
      const counter = this.live(keys[i], now);
      counts[i] = counter ? counter.count : 0;
      if (counts[i] >= limits[i]) allowed = false;
    }
    if (!allowed) return { allowed, counts };
    for (let i = 0; i < keys.length; i++) {
      const counter = this.counters.get(keys[i]);
      if (counter) counts[i] = ++counter.count;
      else {
        this.makeRoom(now);
        this.counters.set(keys[i], { count: 1, expiresAt: now + ttlMs[i] });
        counts[i] = 1;
      }
    }
    return { allowed, counts };
  }

  /** Drops every expired counter. */
  sweep(now: number): void {
    this.nextSweepAt = now + this.sweepIntervalMs;
    for (const [key, counter] of this.counters) if (counter.expiresAt <= now) this.counters.delete(key);
  }

  private live(key: string, now: number): Counter | undefined {
    const counter = this.counters.get(key);
    if (counter && counter.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return counter;
  }

  private makeRoom(now: number): void {
    if (this.counters.size < this.maxKeys) return;
    this.sweep(now);
    if (this.counters.size < this.maxKeys) return;
    let evict = Math.max(1, Math.ceil(this.maxKeys / 100));
    for (const key of this.counters.keys()) {
      this.counters.delete(key);
      if (--evict === 0) break;
    }
  }
}
