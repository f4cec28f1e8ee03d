import { randomToken, sha256Hex } from '../auth/auth-crypto';

/** What `randomToken()` makes: 32 random bytes (256 bits) in base64url, 43 characters. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** A new confirmation token (for the email only) and its SHA-256 (the only thing stored). */
export function issueLinkToken(): { token: string; hash: string } {
  const token = randomToken();
  return { token, hash: sha256Hex(token) };
}

/**
 * The stored hash of a token from a link, or null when it cannot be one of ours (wrong length or characters): such a
 * token is answered like an unknown one without a database look-up.
 */
export function linkTokenHash(token: string): string | null {
  return TOKEN_SHAPE.test(token) ? sha256Hex(token) : null;
}

/** One end of a link: an operator and that operator's customer id. */
export interface LinkEndRef {
  operatorId: string;
  customerId: string;
}

/**
 * The key of a pair of accounts, the same in both directions: SHA-256 of the two ends, sorted, as JSON (so no
 * separator in a customer id can make two different pairs collide). Fixed length for the unique index.
 */
export function pairKeyOf(a: LinkEndRef, b: LinkEndRef): string {
  const ends = [
    [a.operatorId, a.customerId],
    [b.operatorId, b.customerId],
  ].sort(([opA, idA], [opB, idB]) => (opA === opB ? compare(idA, idB) : compare(opA, opB)));
  return sha256Hex(JSON.stringify(ends));
}

/** Code-unit order, independent of the locale. */
function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
