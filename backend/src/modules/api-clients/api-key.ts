import { randomBytes } from 'node:crypto';

/** `oth_<prefix: 8 hex>_<secret: 32 random bytes, base64url>`: 256 bits of secret, the prefix names the key. */
const KEY_PATTERN = /^oth_([0-9a-f]{8})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  key: string;
  prefix: string;
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(4).toString('hex');
  return { key: `oth_${prefix}_${randomBytes(32).toString('base64url')}`, prefix };
}

/** The prefix of a well-formed key, or undefined. */
export function apiKeyPrefix(key: string): string | undefined {
  return KEY_PATTERN.exec(key)?.[1];
}
