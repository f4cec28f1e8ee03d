import { IpMatcher, IpRuleEntry, IpRuleSet } from './ip-rule-set';
import { parseIpAddress } from './ip-range';

const forever = (range: string): IpRuleEntry => ({ range, expiresAt: null });
const address = (ip: string) => parseIpAddress(ip)!;

describe('IpMatcher', () => {
  const matcher = new IpMatcher([
    '203.0.113.7',
    '198.51.100.0/24',
    '2001:db8:1:2::/64',
    '2001:db8:ff::1',
    '2001:db9::/32',
    '10.0.0.0/8',
  ]);

  it.each([
    ['203.0.113.7', true],
    ['203.0.113.8', false],
    ['::ffff:203.0.113.7', true],
    ['198.51.100.255', true],
    ['::ffff:198.51.100.1', true],
    ['198.51.101.0', false],
    ['10.200.3.4', true],
    ['11.0.0.1', false],
    ['2001:db8:1:2:ffff::1', true],
    ['2001:db8:1:3::1', false],
    ['2001:DB8:FF:0::1', true],
    ['2001:db8:ff::2', false],
    ['2001:db9:abcd::1', true],
    ['2001:dba::1', false],
  ])('%s → %s', (ip, expected) => {
    expect(matcher.matches(address(ip))).toBe(expected);
  });

  it('matches nothing when empty', () => {
    expect(new IpMatcher([]).matches(address('203.0.113.7'))).toBe(false);
  });

  it('stays fast with many single-address rules (hash lookups, not a linear scan)', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => `11.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    const big = new IpMatcher(many);
    const probe = address('8.8.8.8');
    const started = process.hrtime.bigint();
    for (let i = 0; i < 10_000; i++) big.matches(probe);
    const perLookupNs = Number(process.hrtime.bigint() - started) / 10_000;
    // A BlockList of 20 000 rules takes about 300 µs per lookup; the sets take well under a microsecond.
    expect(perLookupNs).toBeLessThan(20_000);
    expect(big.matches(address('11.0.78.31'))).toBe(true);
  });
});

describe('IpRuleSet', () => {
  it('blocks what a manual block or an automatic ban covers; the allowlist exempts from automatic bans only', () => {
    const set = new IpRuleSet(
      {
        manualBlocks: [forever('198.51.100.0/24')],
        autoBlocks: [forever('203.0.113.7'), forever('203.0.113.8'), forever('198.51.100.9')],
        allows: [forever('203.0.113.8'), forever('198.51.100.9')],
      },
      0,
    );
    expect(set.isBlocked('203.0.113.7')).toBe(true);
    expect(set.isBlocked('203.0.113.8')).toBe(false);
    expect(set.isBlocked('198.51.100.9')).toBe(true);
    expect(set.isBlocked('192.0.2.1')).toBe(false);
    expect(set.isBlocked('garbage')).toBe(false);
    expect(set.isAllowed('203.0.113.8')).toBe(true);
    expect(set.isAllowed('::ffff:203.0.113.8')).toBe(true);
    expect(set.isAllowed('203.0.113.7')).toBe(false);
  });

  it('ignores rules past their expiry at once, without reloading', () => {
    const set = new IpRuleSet(
      {
        manualBlocks: [{ range: '203.0.113.7', expiresAt: 1_000 }, forever('203.0.113.9')],
        autoBlocks: [{ range: '203.0.113.8', expiresAt: 2_000 }],
        allows: [],
      },
      0,
    );
    expect(set.validUntil).toBe(1_000);
    expect(set.at(999)).toBe(set);
    expect(set.at(999).isBlocked('203.0.113.7')).toBe(true);
    const later = set.at(1_000);
    expect(later).not.toBe(set);
    expect(later.isBlocked('203.0.113.7')).toBe(false);
    expect(later.isBlocked('203.0.113.8')).toBe(true);
    expect(later.validUntil).toBe(2_000);
    const latest = later.at(2_000);
    expect(latest.isBlocked('203.0.113.8')).toBe(false);
    expect(latest.isBlocked('203.0.113.9')).toBe(true);
    expect(latest.validUntil).toBe(Infinity);
  });

  it('says until when an address is blocked: the last rule covering it to end, Infinity for one without expiry', () => {
    const set = new IpRuleSet(
      {
        manualBlocks: [
          { range: '198.51.100.0/24', expiresAt: 5_000 },
          { range: '198.51.100.7', expiresAt: 9_000 },
          { range: '2001:db8:5::/48', expiresAt: null },
        ],
        autoBlocks: [
          { range: '203.0.113.7', expiresAt: 3_000 },
          { range: '2001:db8:1:2::/64', expiresAt: 4_000 },
          { range: '203.0.113.8', expiresAt: 6_000 },
        ],
        allows: [forever('203.0.113.8')],
      },
      0,
    );
    expect(set.blockedUntil('198.51.100.1')).toBe(5_000);
    expect(set.blockedUntil('198.51.100.7')).toBe(9_000);
    expect(set.blockedUntil('2001:db8:5:1::1')).toBe(Infinity);
    expect(set.blockedUntil('203.0.113.7')).toBe(3_000);
    expect(set.blockedUntil('2001:db8:1:2::99')).toBe(4_000);
    // Allowed: an automatic ban does not apply.
    expect(set.blockedUntil('203.0.113.8')).toBeNull();
    expect(set.blockedUntil('192.0.2.1')).toBeNull();
    expect(set.blockedUntil('garbage')).toBeNull();
  });

  it('is empty (one boolean test per request) without blocks', () => {
    expect(IpRuleSet.EMPTY.empty).toBe(true);
    expect(new IpRuleSet({ manualBlocks: [], autoBlocks: [], allows: [forever('10.0.0.0/8')] }, 0).empty).toBe(true);
  });
});
