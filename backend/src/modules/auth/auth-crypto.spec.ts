import { hmacHex, normalizeEmail, randomToken, sameHexDigest, sha256Hex } from './auth-crypto';

describe('auth crypto helpers', () => {
  it('makes 256-bit base64url tokens that differ every time', () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a, 'base64url')).toHaveLength(32);
    expect(randomToken()).not.toBe(a);
  });

  it('hashes to 64 hex characters, keyed and unkeyed', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hmacHex('k1', 'abc')).toMatch(/^[0-9a-f]{64}$/);
    expect(hmacHex('k1', 'abc')).not.toBe(hmacHex('k2', 'abc'));
  });

  it('compares digests in constant time and refuses empty or odd input', () => {
    const d = sha256Hex('x');
    expect(sameHexDigest(d, sha256Hex('x'))).toBe(true);
    expect(sameHexDigest(d, sha256Hex('y'))).toBe(false);
    expect(sameHexDigest('', '')).toBe(false);
    expect(sameHexDigest(d, 'abcd')).toBe(false);
  });

  it('normalises emails', () => {
    expect(normalizeEmail('  Ann.Example@Example.ORG ')).toBe('ann.example@example.org');
  });
});
