import { clientKeyOf, IpRangeError, parseIpAddress, parseIpRange, rangeContains } from './ip-range';

describe('parseIpAddress', () => {
  it.each([
    ['203.0.113.7', 4, '203.0.113.7'],
    ['2001:DB8:0:0:0:0:0:1', 6, '2001:db8::1'],
    ['2001:db8:0000:0001:0:0:0:0', 6, '2001:db8:0:1::'],
    ['::', 6, '::'],
    ['::1', 6, '::1'],
    ['1:0:0:2:0:0:0:3', 6, '1:0:0:2::3'],
    ['1:0:0:2:0:0:3:4', 6, '1::2:0:0:3:4'],
    ['1:2:3:4:5:6:7:8', 6, '1:2:3:4:5:6:7:8'],
    ['1:0:2:3:4:5:6:7', 6, '1:0:2:3:4:5:6:7'],
    ['::ffff:203.0.113.7', 4, '203.0.113.7'],
    ['::FFFF:cb00:7107', 4, '203.0.113.7'],
    ['64:ff9b::192.0.2.33', 6, '64:ff9b::c000:221'],
  ])('reads %s as IPv%i %s', (input, family, text) => {
    expect(parseIpAddress(input)).toEqual(expect.objectContaining({ family, text }));
  });

  it.each(['', 'localhost', '1.2.3', '01.2.3.4', '256.1.1.1', 'fe80::1%eth0', '1::2::3', '203.0.113.7/32'])(
    'refuses %j',
    (input) => {
      expect(parseIpAddress(input)).toBeNull();
    },
  );
});

describe('parseIpRange', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7', 4, 32],
    ['203.0.113.7/32', '203.0.113.7', 4, 32],
    [' 203.0.113.0/24 ', '203.0.113.0/24', 4, 24],
    ['0.0.0.0/0', '0.0.0.0/0', 4, 0],
    ['10.0.0.0/8', '10.0.0.0/8', 4, 8],
    ['2001:DB8::/32', '2001:db8::/32', 6, 32],
    ['2001:db8:0:1::/64', '2001:db8:0:1::/64', 6, 64],
    ['2001:db8::1/128', '2001:db8::1', 6, 128],
    ['::/0', '::/0', 6, 0],
    ['::ffff:203.0.113.7', '203.0.113.7', 4, 32],
    ['::ffff:203.0.113.0/120', '203.0.113.0/24', 4, 24],
    ['::ffff:0:0/96', '0.0.0.0/0', 4, 0],
  ])('reads %j as %s', (input, text, family, prefix) => {
    expect(parseIpRange(input)).toEqual(expect.objectContaining({ text, family, prefix }));
  });

  it.each([
    ['', /not an IPv4 or IPv6/],
    ['example.org', /not an IPv4 or IPv6/],
    ['203.0.113.0/33', /prefix length .* 0 to 32/],
    ['2001:db8::/129', /prefix length .* 0 to 128/],
    ['203.0.113.0/', /prefix length/],
    ['203.0.113.0/-1', /prefix length/],
    ['203.0.113.0/2a', /prefix length/],
    ['203.0.113.0/24/1', /prefix length/],
    ['203.0.113.5/24', /host bits set; the range is written 203\.0\.113\.0\/24/],
    ['2001:db8::1/64', /host bits set; the range is written 2001:db8::\/64/],
    ['fe80::1%eth0', /zone id/],
    ['1.2.3.4 5', /not an IPv4 or IPv6/],
  ])('refuses %j', (input, message) => {
    expect(() => parseIpRange(input)).toThrow(IpRangeError);
    expect(() => parseIpRange(input)).toThrow(message);
  });

  it('tells whether an address lies in a range, across IPv4-mapped spellings', () => {
    const range = parseIpRange('203.0.113.0/24');
    expect(rangeContains(range, parseIpAddress('203.0.113.200')!)).toBe(true);
    expect(rangeContains(range, parseIpAddress('::ffff:203.0.113.9')!)).toBe(true);
    expect(rangeContains(range, parseIpAddress('203.0.114.1')!)).toBe(false);
    expect(rangeContains(parseIpRange('2001:db8::/32'), parseIpAddress('2001:db8:ffff::1')!)).toBe(true);
    expect(rangeContains(parseIpRange('2001:db8::/32'), parseIpAddress('203.0.113.1')!)).toBe(false);
    expect(rangeContains(parseIpRange('0.0.0.0/0'), parseIpAddress('198.51.100.1')!)).toBe(true);
  });
});

describe('clientKeyOf', () => {
  it('counts IPv4 per address and IPv6 per /64', () => {
    expect(clientKeyOf('203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(clientKeyOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('2001:DB8:1:2::9')).toBe('2001:db8:1:2::/64');
    expect(clientKeyOf('::1')).toBe('::/64');
    expect(clientKeyOf('not-an-ip')).toBe('not-an-ip');
  });
});
