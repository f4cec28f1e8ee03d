import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { RateLimitRedis, RedisRateLimitStore } from './redis-rate-limit-store';

describe('RedisRateLimitStore', () => {
  it('sends keys, then ttl and limit per key, to the script in one command', async () => {
    const othRateLimitHit = jest.fn().mockResolvedValue([1, 4, 9]);
    const store = new RedisRateLimitStore({ othRateLimitHit } as unknown as RateLimitRedis, new MemoryRateLimitStore());
    await expect(store.hit(['a', 'b'], [10, 20], [60_000, 86_400_000], 0)).resolves.toEqual({
      allowed: true,
      counts: [4, 9],
    });
    expect(othRateLimitHit).toHaveBeenCalledWith(2, 'a', 'b', 60_000, 10, 86_400_000, 20);
    othRateLimitHit.mockResolvedValueOnce([0, 10, 9]);
    await expect(store.hit(['a', 'b'], [10, 20], [60_000, 86_400_000], 0)).resolves.toEqual({
      allowed: false,
      counts: [10, 9],
    });
  });

  it('counts in memory while Redis fails', async () => {
    const othRateLimitHit = jest.fn().mockRejectedValue(new Error('Connection is closed.'));
    const store = new RedisRateLimitStore({ othRateLimitHit } as unknown as RateLimitRedis, new MemoryRateLimitStore());
    await expect(store.hit(['a'], [1], [60_000], 0)).resolves.toEqual({ allowed: true, counts: [1] });
    await expect(store.hit(['a'], [1], [60_000], 0)).resolves.toEqual({ allowed: false, counts: [1] });
  });

  it('remembers a counter at its limit: later requests on it are refused without a round trip', async () => {
    const othRateLimitHit = jest.fn().mockResolvedValueOnce([0, 10, 3]);
    const store = new RedisRateLimitStore({ othRateLimitHit } as unknown as RateLimitRedis, new MemoryRateLimitStore());
    await expect(store.hit(['m', 'd'], [10, 20], [60_000, 86_400_000], 0)).resolves.toEqual({
      allowed: false,
      counts: [10, 3],
    });
    await expect(store.hit(['m', 'd'], [10, 20], [60_000, 86_400_000], 1_000)).resolves.toEqual({
      allowed: false,
      counts: [10, 0],
    });
    expect(othRateLimitHit).toHaveBeenCalledTimes(1);
    // A higher limit (an API client's raised dailyLimit), or a counter past its expiry, is asked of Redis again.
    othRateLimitHit.mockResolvedValue([1, 11, 4]);
    await expect(store.hit(['m', 'd'], [15, 20], [60_000, 86_400_000], 2_000)).resolves.toMatchObject({
      allowed: true,
    });
    await expect(store.hit(['m', 'd'], [10, 20], [60_000, 86_400_000], 60_000)).resolves.toMatchObject({
      allowed: true,
    });
    expect(othRateLimitHit).toHaveBeenCalledTimes(3);
  });
});
