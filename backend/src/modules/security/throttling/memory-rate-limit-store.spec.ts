import { MemoryRateLimitStore } from './memory-rate-limit-store';

describe('MemoryRateLimitStore', () => {
  it('counts until the limit, then refuses without counting', () => {
    const store = new MemoryRateLimitStore();
    const hit = () => store.hitNow(['k'], [3], [60_000], 1_000);
    expect([hit(), hit(), hit()]).toEqual([
      { allowed: true, counts: [1] },
      { allowed: true, counts: [2] },
      { allowed: true, counts: [3] },
    ]);
    expect(hit()).toEqual({ allowed: false, counts: [3] });
    expect(hit()).toEqual({ allowed: false, counts: [3] });
  });

  it('checks every window before counting any: one full window refuses, and the others are not counted', () => {
    const store = new MemoryRateLimitStore();
    const hit = () => store.hitNow(['minute', 'day'], [2, 3], [60_000, 86_400_000], 0);
    expect(hit()).toEqual({ allowed: true, counts: [1, 1] });
    expect(hit()).toEqual({ allowed: true, counts: [2, 2] });
    expect(hit()).toEqual({ allowed: false, counts: [2, 2] });
    expect(store.hitNow(['minute2', 'day'], [2, 3], [60_000, 86_400_000], 0)).toEqual({
      allowed: true,
      counts: [1, 3],
    });
    expect(store.hitNow(['minute3', 'day'], [2, 3], [60_000, 86_400_000], 0)).toEqual({
      allowed: false,
      counts: [0, 3],
    });
    expect(store.size).toBe(3);
  });

  it('forgets a counter once it expires (on access)', () => {
    const store = new MemoryRateLimitStore();
    store.hitNow(['k'], [1], [1_000], 0);
    expect(store.hitNow(['k'], [1], [1_000], 999).allowed).toBe(false);
    expect(store.hitNow(['k'], [1], [1_000], 1_000)).toEqual({ allowed: true, counts: [1] });
  });

  it('sweeps expired counters from some request, at most every sweep interval, without timers', () => {
    const store = new MemoryRateLimitStore(1_000, 10_000);
    for (let i = 0; i < 100; i++) store.hitNow([`old-${i}`], [5], [1_000], 0);
    expect(store.size).toBe(100);
    // Within the interval after the first sweep (at 0): nothing swept, though they expired at 1 000.
    store.hitNow(['x'], [5], [60_000], 5_000);
    expect(store.size).toBe(101);
    store.hitNow(['y'], [5], [60_000], 10_000);
    expect(store.size).toBe(2);
  });

  it('stays within its bound: expired counters go first, then the oldest live ones', () => {
    const store = new MemoryRateLimitStore(100, 1e12);
    for (let i = 0; i < 100; i++) store.hitNow([`short-${i}`], [5], [i < 50 ? 10 : 60_000], 0);
    expect(store.size).toBe(100);
    store.hitNow(['new-1'], [5], [60_000], 20);
    expect(store.size).toBe(51);
    for (let i = 0; i < 49; i++) store.hitNow([`more-${i}`], [5], [60_000], 20);
    expect(store.size).toBe(100);
    store.hitNow(['new-2'], [5], [60_000], 20);
    expect(store.size).toBe(100);
    // The oldest live counter (short-50) made room; the newest are kept.
    expect(store.hitNow(['short-50'], [1], [60_000], 20)).toEqual({ allowed: true, counts: [1] });
    expect(store.hitNow(['new-2'], [1], [60_000], 20)).toEqual({ allowed: false, counts: [1] });
    for (let i = 0; i < 10_000; i++) store.hitNow([`flood-${i}`], [5], [60_000], 20);
    expect(store.size).toBeLessThanOrEqual(100);
  });

  it('hit() answers the same as hitNow(), as a promise', async () => {
    const store = new MemoryRateLimitStore();
    await expect(store.hit(['k'], [1], [1_000], 0)).resolves.toEqual({ allowed: true, counts: [1] });
    await expect(store.hit(['k'], [1], [1_000], 0)).resolves.toEqual({ allowed: false, counts: [1] });
  });
});
