/**
 * IPv4/IPv6 addresses and CIDR ranges, checked before they are sent (the API checks them again and answers
 * INVALID_IP_RANGE with its reason). Mirrors the server's rules: dotted quads without leading zeros, IPv6 in any
 * valid spelling without a zone id, a prefix of 0–32 or 0–128, and no host bits set in a range.
 */

const IPV4_PART = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${IPV4_PART}(?:\\.${IPV4_PART}){3}$`);
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

type Family = 4 | 6;

interface ParsedAddress {
  readonly family: Family;
  readonly value: bigint;
}

function ipv4Value(text: string): bigint {
  return text.split('.').reduce((value, part) => (value << 8n) | BigInt(Number(part)), 0n);
}

/** The 16-bit groups of an IPv6 address (an embedded IPv4 tail counts as two), or null when it is not one. */
function ipv6Groups(text: string): number[] | null {
  if (text.includes('%') || (text.match(/::/g) ?? []).length > 1) {
    return null;
  }
  const toGroups = (part: string, allowIpv4Tail: boolean): number[] | null => {
    if (part === '') {
      return [];
    }
    const pieces = part.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i] ?? '';
      if (allowIpv4Tail && i === pieces.length - 1 && IPV4.test(piece)) {
        const v4 = Number(ipv4Value(piece));
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
      } else if (HEX_GROUP.test(piece)) {
        groups.push(parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const gap = text.indexOf('::');
  if (gap === -1) {
    const groups = toGroups(text, true);
    return groups?.length === 8 ? groups : null;
  }
  const head = toGroups(text.slice(0, gap), false);
  const tail = toGroups(text.slice(gap + 2), true);
  if (!head || !tail || head.length + tail.length > 7) {
    return null;
  }
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

function parseAddress(text: string): ParsedAddress | null {
  if (IPV4.test(text)) {
    return { family: 4, value: ipv4Value(text) };
  }
  const groups = ipv6Groups(text);
  return groups ? { family: 6, value: groups.reduce((value, group) => (value << 16n) | BigInt(group), 0n) } : null;
}

function formatAddress(family: Family, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
  }
  const groups = [112n, 96n, 80n, 64n, 48n, 32n, 16n, 0n].map((shift) => Number((value >> shift) & 0xffffn));
  // RFC 5952: the longest run of two or more zero groups becomes "::".
  let best = { start: -1, length: 1 };
  for (let i = 0; i < 8;) {
    let end = i;
    while (end < 8 && groups[end] === 0) {
      end++;
    }
    if (end - i > best.length) {
      best = { start: i, length: end - i };
    }
    i = end === i ? i + 1 : end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best.start === -1) {
    return hex.join(':');
  }
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** Whether `text` is one IPv4 or IPv6 address (what the audit log's `ip` filter takes). */
export function isIpAddress(text: string): boolean {
  return parseAddress(text.trim()) !== null;
}

export type IpRangeCheck =
  | { readonly ok: true }
  | { readonly ok: false; readonly reason: 'invalid' | 'prefix' }
  | { readonly ok: false; readonly reason: 'hostBits'; readonly suggestion: string };

/** Checks an address or CIDR range (`203.0.113.0/24`, `2001:db8::/32`, `198.51.100.7`). */
export function checkIpRange(input: string): IpRangeCheck {
  const text = input.trim();
  const slash = text.indexOf('/');
  const address = parseAddress(slash === -1 ? text : text.slice(0, slash));
  if (!address) {
    return { ok: false, reason: 'invalid' };
  }
  if (slash === -1) {
    return { ok: true };
  }
  const bits = address.family === 4 ? 32 : 128;
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) {
    return { ok: false, reason: 'prefix' };
  }
  const hostMask = (1n << BigInt(bits - Number(prefixText))) - 1n;
  if ((address.value & hostMask) !== 0n) {
    const network = address.value & ~hostMask;
    return { ok: false, reason: 'hostBits', suggestion: `${formatAddress(address.family, network)}/${prefixText}` };
  }
  return { ok: true };
}
