import { uuidV7 } from './uuid-v7';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('uuidV7', () => {
  it('is a version 7, RFC 9562 variant UUID', () => {
    for (let i = 0; i < 1000; i++) expect(uuidV7()).toMatch(V7);
  });

  it('starts with the time in milliseconds, as 48 bits of hex', () => {
    const at = Date.UTC(2026, 11, 7, 23, 0, 0, 123);
    const id = uuidV7(at);
    expect(parseInt(id.slice(0, 8) + id.slice(9, 13), 16)).toBe(at);
    expect(uuidV7(0).startsWith('00000000-0000-7')).toBe(true);
    expect(uuidV7(2 ** 48 - 1).startsWith('ffffffff-ffff-7')).toBe(true);
  });

  it('sorts ids made in later milliseconds after earlier ones', () => {
    const ids = Array.from({ length: 100 }, (_, i) => uuidV7(1_800_000_000_000 + i * 7));
    expect([...ids].sort()).toEqual(ids);
  });

  it('makes distinct ids within one millisecond (74 random bits), across pool refills', () => {
    const at = Date.now();
    const ids = new Set(Array.from({ length: 5000 }, () => uuidV7(at)));
    expect(ids.size).toBe(5000);
  });
});
