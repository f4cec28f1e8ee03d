import { isIPv4, isIPv6 } from 'node:net';

/**
 * IP addresses and CIDR ranges as the blocklist stores and matches them: parsed to numbers, written back in one
 * canonical text form, so one address or range has exactly one spelling in the database and in lookups.
 *
 * - IPv4: dotted quad (`203.0.113.7`); Node's `isIPv4` already refuses leading zeros and other odd spellings.
 * - IPv6: RFC 5952 (lower case, no leading zeros, the longest run of two or more zero groups as `::`).
 * - IPv4-mapped IPv6 (`::ffff:203.0.113.7`, and ranges inside `::ffff:0:0/96`) is the IPv4 address or range it maps:
 *   a dual-stack socket reports IPv4 clients that way, and a rule must match them whichever way they arrive.
 * - A range is `address/prefix`; a single address (a /32 or /128) is written without the prefix.
 */
export type IpFamily = 4 | 6;

export interface IpAddress {
  family: IpFamily;
  /** The address as a number (IPv4 in the low 32 bits). */
  value: bigint;
  /** Canonical text. */
  text: string;
}

export interface IpRange {
  family: IpFamily;
  /** The first address of the range (host bits zero). */
  network: bigint;
  prefix: number;
  /** Canonical text: `network/prefix`, or the bare address for a /32 or /128. */
  text: string;
}

const BITS: Record<IpFamily, number> = { 4: 32, 6: 128 };
const ALL_ONES_128 = (1n << 128n) - 1n;

function ipv4ToBigInt(text: string): bigint {
  let value = 0;
  let part = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      value = value * 256 + part;
      part = 0;
    } else part = part * 10 + (c - 48);
  }
  return BigInt(value * 256 + part);
}

function bigIntToIpv4(value: bigint): string {
  const n = Number(value);
  return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${n % 256}`;
}

/** An IPv6 address that `isIPv6` accepted (no zone id) as a number. */
function ipv6ToBigInt(text: string): bigint {
  let source = text;
  const lastColon = source.lastIndexOf(':');
  if (source.indexOf('.', lastColon) !== -1) {
    // Embedded IPv4 in the last 32 bits (`::ffff:1.2.3.4`, `64:ff9b::1.2.3.4`): rewritten as two hex groups.
    const v4 = Number(ipv4ToBigInt(source.slice(lastColon + 1)));
    source = `${source.slice(0, lastColon + 1)}${Math.floor(v4 / 65536).toString(16)}:${(v4 % 65536).toString(16)}`;
  }
  const parse = (part: string): number[] => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const gap = source.indexOf('::');
  let groups: number[];
  if (gap === -1) groups = parse(source);
  else {
    const head = parse(source.slice(0, gap));
    const rest = parse(source.slice(gap + 2));
    groups = [...head, ...new Array<number>(8 - head.length - rest.length).fill(0), ...rest];
  }
  let value = 0n;
  for (const group of groups) value = (value << 16n) | BigInt(group);
  return value;
}

function bigIntToIpv6(value: bigint): string {
  const groups: number[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(Number((value >> shift) & 0xffffn));
  // The longest run of at least two zero groups (the first one on a tie) becomes `::`.
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function format(family: IpFamily, value: bigint): string {
  return family === 4 ? bigIntToIpv4(value) : bigIntToIpv6(value);
}

/**
 * Parses an IP address as Node and proxies report it (`request.ip`): IPv4, IPv6 (an IPv4-mapped one becomes IPv4).
 * Null for anything else, zone ids (`fe80::1%eth0`) included.
 */
export function parseIpAddress(input: string): IpAddress | null {
  if (isIPv4(input)) return { family: 4, value: ipv4ToBigInt(input), text: input };
  if (!isIPv6(input) || input.includes('%')) return null;
  const value = ipv6ToBigInt(input);
  if (value >> 32n === 0xffffn) {
    const v4 = value & 0xffffffffn;
    return { family: 4, value: v4, text: bigIntToIpv4(v4) };
  }
  return { family: 6, value, text: bigIntToIpv6(value) };
}

/** Why a range was refused (the message goes to the admin as is). */
export class IpRangeError extends Error {
  override readonly name = 'IpRangeError';
}

/**
 * Parses `address` or `address/prefix` (IPv4 or IPv6) into its canonical range; throws IpRangeError saying what is
 * wrong. Host bits must be zero (`203.0.113.5/24` is refused, naming `203.0.113.0/24`): a range written with host
 * bits is more often a typo in the prefix than a wish for the whole network.
 */
export function parseIpRange(input: string): IpRange {
  const trimmed = input.trim();
  const slash = trimmed.indexOf('/');
  const addressText = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const prefixText = slash === -1 ? undefined : trimmed.slice(slash + 1);
  if (isIPv6(addressText) && addressText.includes('%')) {
    throw new IpRangeError(`"${trimmed}" has a zone id; give the address without %…`);
  }
  const family: IpFamily | 0 = isIPv4(addressText) ? 4 : isIPv6(addressText) ? 6 : 0;
  if (family === 0) throw new IpRangeError(`"${trimmed}" is not an IPv4 or IPv6 address or CIDR range`);
  const bits = BITS[family];
  let prefix = bits;
  if (prefixText !== undefined) {
    if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
      throw new IpRangeError(`"${trimmed}": the prefix length must be a whole number from 0 to ${bits}`);
    }
    prefix = Number(prefixText);
  }
  let value = family === 4 ? ipv4ToBigInt(addressText) : ipv6ToBigInt(addressText);
  let resolvedFamily: IpFamily = family;
  if (family === 6 && value >> 32n === 0xffffn && prefix >= 96) {
    // IPv4-mapped: the IPv4 range it stands for.
    value &= 0xffffffffn;
    prefix -= 96;
    resolvedFamily = 4;
  }
  const width = BigInt(BITS[resolvedFamily]);
  const hostMask = (1n << (width - BigInt(prefix))) - 1n;
  const network = value & ~hostMask & (resolvedFamily === 4 ? 0xffffffffn : ALL_ONES_128);
  if (network !== value) {
    const suggestion = `${format(resolvedFamily, network)}/${prefix}`;
    throw new IpRangeError(`"${trimmed}" has host bits set; the range is written ${suggestion}`);
  }
  const full = prefix === BITS[resolvedFamily];
  const text = full ? format(resolvedFamily, network) : `${format(resolvedFamily, network)}/${prefix}`;
  return { family: resolvedFamily, network, prefix, text };
}

/** True when `address` lies in `range`. */
export function rangeContains(range: IpRange, address: IpAddress): boolean {
  if (range.family !== address.family) return false;
  const width = BigInt(BITS[range.family]);
  return address.value >> (width - BigInt(range.prefix)) === range.network >> (width - BigInt(range.prefix));
}

/** The /64 network of an IPv6 address, canonical (`2001:db8:1:2::/64`). */
export function ipv6Network64(address: IpAddress): string {
  return `${bigIntToIpv6((address.value >> 64n) << 64n)}/64`;
}

/**
 * The key under which a client address is counted (throttling, auto-bans) and banned: the IPv4 address, or the /64
 * of an IPv6 address — one subscriber usually holds a whole /64, so counting single IPv6 addresses would let one
 * client rotate through 2^64 budgets. Unparseable input is returned as is.
 */
export function clientKeyOf(ip: string): string {
  if (isIPv4(ip)) return ip;
  const address = parseIpAddress(ip);
  if (!address) return ip;
  return address.family === 4 ? address.text : ipv6Network64(address);
}
