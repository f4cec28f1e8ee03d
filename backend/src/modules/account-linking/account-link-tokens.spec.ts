import { issueLinkToken, linkTokenHash, pairKeyOf } from './account-link-tokens';

describe('account-link tokens', () => {
  it('issues 256-bit base64url tokens and stores only their SHA-256', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const { token, hash } = issueLinkToken();
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(hash).toMatch(/^[0-9a-f]{64}$/);
      expect(hash).not.toContain(token);
      expect(linkTokenHash(token)).toBe(hash);
      seen.add(token);
    }
    expect(seen.size).toBe(50);
  });

  it.each([
    ['empty', ''],
    ['short', 'abc'],
    ['too long', 'a'.repeat(44)],
    ['padding', `${'a'.repeat(42)}=`],
    ['SQL', `' OR '1'='1' -- ${'a'.repeat(20)}`],
    ['base64 +/', `${'a'.repeat(41)}+/`],
  ])('treats a malformed token (%s) as unknown without hashing it', (_label, token) => {
    expect(linkTokenHash(token)).toBeNull();
  });

  it('gives both directions of a pair the same key, and different pairs different keys', () => {
    const a = { operatorId: '029', customerId: 'C000001' };
    const b = { operatorId: '030', customerId: 'C000002' };
    expect(pairKeyOf(a, b)).toBe(pairKeyOf(b, a));
    expect(pairKeyOf(a, b)).toMatch(/^[0-9a-f]{64}$/);
    expect(pairKeyOf(a, b)).not.toBe(pairKeyOf(a, { ...b, customerId: 'C000003' }));
    // A separator inside a customer id cannot make two pairs collide.
    expect(pairKeyOf({ operatorId: '001', customerId: 'x","002' }, { operatorId: '003', customerId: 'y' })).not.toBe(
      pairKeyOf({ operatorId: '001', customerId: 'x' }, { operatorId: '002', customerId: 'y' }),
    );
    // Same operator on both ends (refused by the service) still orders by customer id.
    expect(pairKeyOf({ operatorId: '001', customerId: 'b' }, { operatorId: '001', customerId: 'a' })).toBe(
      pairKeyOf({ operatorId: '001', customerId: 'a' }, { operatorId: '001', customerId: 'b' }),
    );
  });
});
