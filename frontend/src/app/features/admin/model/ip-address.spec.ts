import { describe, expect, it } from 'vitest';

import { checkIpRange, isIpAddress } from './ip-address';

describe('isIpAddress', () => {
  it.each([
    '203.0.113.7',
    '0.0.0.0',
    '255.255.255.255',
    '::1',
    '::',
    '2001:db8::7',
    '2001:DB8:0:0:0:0:0:1',
    '::ffff:203.0.113.7',
  ])('accepts %s', (address) => {
    expect(isIpAddress(address)).toBe(true);
  });

  it.each([
    '',
    '203.0.113',
    '203.0.113.256',
    '203.0.113.07',
    '1.2.3.4.5',
    '2001:db8::1::2',
    '2001:db8:::1',
    'fe80::1%eth0',
    '12345::',
    'g::1',
    '1:2:3:4:5:6:7:8:9',
    'example.org',
  ])('refuses %s', (address) => {
    expect(isIpAddress(address)).toBe(false);
  });
});

describe('checkIpRange', () => {
  it.each([
    '203.0.113.7',
    '203.0.113.0/24',
    '0.0.0.0/0',
    '10.0.0.0/8',
    '2001:db8::/32',
    '2001:db8:1:2::/64',
    '::1/128',
    ' 198.51.100.0/24 ',
  ])('accepts %s', (range) => {
    expect(checkIpRange(range)).toEqual({ ok: true });
  });

  it('refuses what is not an address', () => {
    expect(checkIpRange('blocked.example')).toEqual({ ok: false, reason: 'invalid' });
    expect(checkIpRange('/24')).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a prefix longer than the family allows, or not a number', () => {
    expect(checkIpRange('203.0.113.0/33')).toEqual({ ok: false, reason: 'prefix' });
    expect(checkIpRange('2001:db8::/129')).toEqual({ ok: false, reason: 'prefix' });
    expect(checkIpRange('203.0.113.0/')).toEqual({ ok: false, reason: 'prefix' });
    expect(checkIpRange('203.0.113.0/2a')).toEqual({ ok: false, reason: 'prefix' });
  });

  it('refuses host bits and names the network the range is written as', () => {
    expect(checkIpRange('203.0.113.5/24')).toEqual({ ok: false, reason: 'hostBits', suggestion: '203.0.113.0/24' });
    expect(checkIpRange('2001:db8::1/64')).toEqual({ ok: false, reason: 'hostBits', suggestion: '2001:db8::/64' });
    expect(checkIpRange('2001:db8:0:0:1:0:0:1/96')).toEqual({
      ok: false,
      reason: 'hostBits',
      suggestion: '2001:db8:0:0:1::/96',
    });
  });
});
