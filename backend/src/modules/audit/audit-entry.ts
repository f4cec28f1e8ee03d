import type { AuditActorKind } from './entities/audit-record.entity';

/**
 * A record before it joins the chain: what the request hook and the event listener produce, what the buffer holds
 * and what a spool file stores (one JSON line each). Every field is present (null when it does not apply) and already
 * fits its column, so the hash computed when it is appended is the hash of what the database holds.
 */
export interface AuditEntry {
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  type: string;
  requestId: string | null;
  actorKind: AuditActorKind;
  actorId: string | null;
  actorRole: string | null;
  ip: string | null;
  method: string | null;
  route: string | null;
  path: string | null;
  status: number | null;
  durationMs: number | null;
  userAgent: string | null;
  errorCode: string | null;
  entity: string | null;
  entityId: string | null;
  /** Changes: the thing before and after (objects; any other JSON value is kept as `{ value }`). */
  before: JsonObject | null;
  after: JsonObject | null;
  details: JsonObject | null;
}

/** A JSON object, as the JSON columns hold it. */
export type JsonObject = Record<string, unknown>;

/** Column widths of `audit_records` (entities/audit-record.entity.ts). */
export const AUDIT_LIMITS = {
  type: 64,
  requestId: 128,
  actorId: 64,
  actorRole: 20,
  ip: 64,
  method: 10,
  route: 300,
  path: 1000,
  userAgent: 300,
  errorCode: 64,
  entity: 40,
  entityId: 100,
} as const;

/** A JSON value (before, after, details) larger than this is replaced by a note saying so. */
export const MAX_JSON_CHARS = 64 * 1024;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
// NUL is exactly what must go (PostgreSQL refuses it in text and jsonb).
const NUL = /\u0000/g;

/**
 * A string as both databases store it: no NUL (PostgreSQL refuses it in text and jsonb), lone surrogates replaced by
 * U+FFFD (they do not survive UTF-8), cut to `max` characters without splitting a surrogate pair.
 */
export function storableString(value: string, max?: number): string {
  let s = value.replace(NUL, '').replace(LONE_SURROGATE, '\uFFFD');
  if (max !== undefined && s.length > max) {
    s = s.slice(0, max);
    if (/[\uD800-\uDBFF]$/.test(s)) s = s.slice(0, -1);
  }
  return s;
}

/** `storableString` for an optional value: anything but a non-empty string becomes null. */
export function storableText(value: unknown, max: number): string | null {
  return typeof value === 'string' && value !== '' ? storableString(value, max) : null;
}

/** A whole number for an integer column, or null. */
export function storableInt(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.round(value) : null;
}

function sanitizeJson(value: unknown): unknown {
  if (typeof value === 'string') return storableString(value);
  if (Array.isArray(value)) return value.map(sanitizeJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[storableString(k)] = sanitizeJson(v);
    return out;
  }
  return value;
}

/**
 * A value as it will come back from a JSON column: plain JSON (dates as ISO strings, no undefined, no functions),
 * storable strings, at most MAX_JSON_CHARS; null for undefined. Unserialisable values (cycles, BigInt) become a note.
 */
export function storableJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch {
    return { unserialisable: true };
  }
  if (text === undefined) return null;
  if (text.length > MAX_JSON_CHARS) return { truncated: true, chars: text.length };
  return sanitizeJson(JSON.parse(text));
}

/** An ISO instant for a date-ish value; `fallback` when it is missing or not a valid date. */
export function isoInstant(value: unknown, fallback: Date): string {
  const date = typeof value === 'string' || value instanceof Date ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : fallback.toISOString();
}

/** `storableJson` as an object: null stays null, arrays and other values are kept as `{ value }`. */
export function storableObject(value: unknown): JsonObject | null {
  const json = storableJson(value);
  if (json === null) return null;
  return typeof json === 'object' && !Array.isArray(json) ? (json as JsonObject) : { value: json };
}

/** What makeEntry takes: any field may be missing, and the JSON members may be any value. */
export type EntryFields = Partial<Omit<AuditEntry, 'before' | 'after' | 'details'>> &
  Pick<AuditEntry, 'type' | 'actorKind'> & { before?: unknown; after?: unknown; details?: unknown };

/** A complete entry from a partial one: every field present, values cut to their columns. */
export function makeEntry(fields: EntryFields, now: Date): AuditEntry {
  return {
    at: isoInstant(fields.at, now),
    type: storableString(fields.type, AUDIT_LIMITS.type),
    requestId: storableText(fields.requestId, AUDIT_LIMITS.requestId),
    actorKind: fields.actorKind,
    actorId: storableText(fields.actorId, AUDIT_LIMITS.actorId),
    actorRole: storableText(fields.actorRole, AUDIT_LIMITS.actorRole),
    ip: storableText(fields.ip, AUDIT_LIMITS.ip),
    method: storableText(fields.method, AUDIT_LIMITS.method),
    route: storableText(fields.route, AUDIT_LIMITS.route),
    path: storableText(fields.path, AUDIT_LIMITS.path),
    status: storableInt(fields.status),
    durationMs: storableInt(fields.durationMs),
    userAgent: storableText(fields.userAgent, AUDIT_LIMITS.userAgent),
    errorCode: storableText(fields.errorCode, AUDIT_LIMITS.errorCode),
    entity: storableText(fields.entity, AUDIT_LIMITS.entity),
    entityId: storableText(fields.entityId, AUDIT_LIMITS.entityId),
    before: storableObject(fields.before),
    after: storableObject(fields.after),
    details: storableObject(fields.details),
  };
}
