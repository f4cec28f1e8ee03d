import { canonicalJson } from './canonical-json';

export type FieldChangeKind = 'added' | 'removed' | 'changed';

/** One field that differs between an event's `before` and `after`. */
export interface FieldChange {
  /** Dotted path of the field (`name`, `address.city`); arrays are compared whole (`modes`). */
  path: string;
  kind: FieldChangeKind;
  /** The value before (absent when `added`). */
  before?: unknown;
  /** The value after (absent when `removed`). */
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const child = path ? `${path}.${key}` : key;
      const inBefore = Object.hasOwn(before, key) && before[key] !== undefined;
      const inAfter = Object.hasOwn(after, key) && after[key] !== undefined;
      if (inBefore && !inAfter) out.push({ path: child, kind: 'removed', before: before[key] });
      else if (!inBefore && inAfter) out.push({ path: child, kind: 'added', after: after[key] });
      else walk(before[key], after[key], child, out);
    }
    return;
  }
  if (!same(before, after)) out.push({ path: path || '(value)', kind: 'changed', before, after });
}

/**
 * The fields that differ between `before` and `after`, sorted by path. A creation (before null) lists every field
 * of `after` as added, a deletion every field of `before` as removed; objects are compared field by field, arrays and
 * other values as a whole (canonical JSON, so key order does not count).
 */
export function fieldDiff(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return out;
  walk(hasBefore ? before : {}, hasAfter ? after : {}, '', out);
  return out;
}
