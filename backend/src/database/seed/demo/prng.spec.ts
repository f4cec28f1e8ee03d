import { hashSeed, Random } from './prng';

describe('Random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const run = (seed: number) => {
      const r = new Random(seed);
      return Array.from({ length: 5 }, () => r.int(0, 1_000_000));
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
  });

  it('stays within bounds and covers them', () => {
    const r = new Random(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(1, 6);
      expect(v).toBeGreaterThanOrEqual(1);
      expect(v).toBeLessThanOrEqual(6);
      seen.add(v);
    }
    expect(seen.size).toBe(6);
  });

  it('picks by weight', () => {
    const r = new Random(1);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a / 10_000).toBeGreaterThan(0.85);
    expect(counts.a / 10_000).toBeLessThan(0.95);
  });

  it('hashes keys to well-spread seeds', () => {
    expect(hashSeed('029', 1)).toBe(hashSeed('029', 1));
    expect(hashSeed('029', 1)).not.toBe(hashSeed('029', 2));
    expect(hashSeed('029', 12)).not.toBe(hashSeed('0291', 2));
  });
});
