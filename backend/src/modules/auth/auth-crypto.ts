import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random secret for links and cookies: 32 bytes (256 bits), base64url (43 characters). */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** SHA-256 as 64 hex characters: enough for random secrets of ≥ 128 bits (no password-style stretching needed). */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

/** HMAC-SHA-256 as 64 hex characters (refresh-token hashes are keyed, so a database dump alone cannot forge them). */
export function hmacHex(key: string, value: string): string {
  return createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

/** Compares two hex digests in constant time. */
export function sameHexDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && x.length > 0 && timingSafeEqual(x, y);
}

/** The normalised form of an email for lookups and throttling. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
