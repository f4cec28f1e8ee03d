import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { AuditEntry } from './audit-entry';

/** The `prevHash` of record 1: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** Version of the hashed content's layout; part of the content, so a future layout cannot be confused with this one. */
export const CHAIN_CONTENT_VERSION = 1;

/** A record as the chain sees it: its position, its content and its two hashes. */
export interface ChainedRecord extends AuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** A place in the chain: a record's seq and hash (the head, the anchor). */
export interface ChainPoint {
  seq: number;
  hash: string;
}

/** The entry's members that chainContent hashes (before, after and details become null when missing). */
const CONTENT_KEYS = [
  'at',
  'type',
  'requestId',
  'actorKind',
  'actorId',
  'actorRole',
  'ip',
  'method',
  'route',
  'path',
  'status',
  'durationMs',
  'userAgent',
  'errorCode',
  'entity',
  'entityId',
] as const satisfies readonly (keyof AuditEntry)[];

/** What is hashed: every stored field of the record but the hashes, its seq included (renumbering breaks the chain). */
export function chainContent(seq: number, entry: AuditEntry): Record<string, unknown> {
  const content: Record<string, unknown> = { v: CHAIN_CONTENT_VERSION, seq };
  for (const key of CONTENT_KEYS) content[key] = entry[key];
  content.before = entry.before ?? null;
  content.after = entry.after ?? null;
  content.details = entry.details ?? null;
  return content;
}

const text = (value: string | null | undefined): string => (value === null ? 'null' : JSON.stringify(value));
const int = (value: number | null | undefined): string => {
  if (value === null) return 'null';
  if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite');
  return JSON.stringify(value);
};
const json = (value: Record<string, unknown> | null | undefined): string =>
  value === null || value === undefined ? 'null' : canonicalJson(value);

/**
 * `canonicalJson(chainContent(seq, entry))`, written directly: the members in their canonical order (sorted by UTF-16
 * code units), strings and numbers by JSON.stringify as canonicalJson writes them. Hashing runs for every record the
 * log takes, and the generic encoder (collect, sort, recurse) cost several times the hash itself. An entry with a
 * member missing (undefined, which canonicalJson would leave out) takes the generic path.
 */
export function chainContentJson(seq: number, entry: AuditEntry): string {
  if (CONTENT_KEYS.some((key) => entry[key] === undefined)) return canonicalJson(chainContent(seq, entry));
  return (
    `{"actorId":${text(entry.actorId)},"actorKind":${text(entry.actorKind)},"actorRole":${text(entry.actorRole)}` +
    `,"after":${json(entry.after)},"at":${text(entry.at)},"before":${json(entry.before)}` +
    `,"details":${json(entry.details)},"durationMs":${int(entry.durationMs)},"entity":${text(entry.entity)}` +
    `,"entityId":${text(entry.entityId)},"errorCode":${text(entry.errorCode)},"ip":${text(entry.ip)}` +
    `,"method":${text(entry.method)},"path":${text(entry.path)},"requestId":${text(entry.requestId)}` +
    `,"route":${text(entry.route)},"seq":${int(seq)},"status":${int(entry.status)},"type":${text(entry.type)}` +
    `,"userAgent":${text(entry.userAgent)},"v":${CHAIN_CONTENT_VERSION}}`
  );
}

/** SHA-256 (hex) of the previous record's hash, a newline and the canonical JSON of the content. */
export function recordHash(prevHash: string, seq: number, entry: AuditEntry): string {
  return createHash('sha256')
    .update(`${prevHash}\n${chainContentJson(seq, entry)}`)
    .digest('hex');
}

/**
 * An entry with its place in the chain, every member written out: `{ ...entry, seq, prevHash, hash }` costs V8 (Node
 * 20) several microseconds per record for this shape, more than hashing it.
 */
function chainedRecord(entry: AuditEntry, seq: number, prevHash: string, hash: string): ChainedRecord {
  return {
    at: entry.at,
    type: entry.type,
    requestId: entry.requestId,
    actorKind: entry.actorKind,
    actorId: entry.actorId,
    actorRole: entry.actorRole,
    ip: entry.ip,
    method: entry.method,
    route: entry.route,
    path: entry.path,
    status: entry.status,
    durationMs: entry.durationMs,
    userAgent: entry.userAgent,
    errorCode: entry.errorCode,
    entity: entry.entity,
    entityId: entry.entityId,
    before: entry.before,
    after: entry.after,
    details: entry.details,
    seq,
    prevHash,
    hash,
  };
}

/** Chains entries after `head`, in order: seq head.seq + 1, + 2…, each hash over the one before. */
export function chainEntries(head: ChainPoint, entries: readonly AuditEntry[]): ChainedRecord[] {
  let prev = head;
  return entries.map((entry) => {
    const seq = prev.seq + 1;
    const hash = recordHash(prev.hash, seq, entry);
    const record = chainedRecord(entry, seq, prev.hash, hash);
    prev = { seq, hash };
    return record;
  });
}

/** True when `record` is the intact successor of `prev`: next seq, chained to its hash, content matching its hash. */
export function linksTo(prev: ChainPoint, record: ChainedRecord): boolean {
  return (
    record.seq === prev.seq + 1 &&
    record.prevHash === prev.hash &&
    recordHash(record.prevHash, record.seq, record) === record.hash
  );
}

export type ChainProblemKind = 'altered' | 'missing';

/** The first place where the chain does not hold, named by the record's seq (its id in the API). */
export interface ChainProblem {
  seq: number;
  kind: ChainProblemKind;
  message: string;
}

export interface ChainVerification {
  ok: boolean;
  /** Records checked. */
  checked: number;
  /** Where verification started (the anchor: the last purged record, or seq 0 and the genesis hash). */
  anchor: ChainPoint;
  /** The head the chain-state row names: the last record appended. */
  head: ChainPoint;
  /** The first problem found; null when the chain holds. */
  problem: ChainProblem | null;
}

/**
 * Walks records in seq order from the anchor to the head and reports the first problem:
 * - a seq that skips numbers: the records in between were removed (`missing`, naming the first);
 * - a record whose hash is not the hash of its content and prevHash: it was edited (`altered`);
 * - a record whose prevHash is not its predecessor's hash: the predecessor was edited and its hash recomputed
 *   (`altered`, naming the predecessor), or, right after the anchor, the record itself was;
 * - fewer records than the head says, or a last record whose hash is not the head's: removed or edited at the end.
 * `records` must yield the records with anchor.seq < seq <= head.seq in ascending seq order.
 */
export async function verifyChain(
  records: AsyncIterable<ChainedRecord>,
  anchor: ChainPoint,
  head: ChainPoint,
): Promise<ChainVerification> {
  let expectedSeq = anchor.seq + 1;
  let prevHash = anchor.hash;
  let checked = 0;
  const result = (problem: ChainProblem | null): ChainVerification => ({
    ok: problem === null,
    checked,
    anchor,
    head,
    problem,
  });

  for await (const record of records) {
    if (record.seq > expectedSeq) {
      const last = record.seq - 1;
      return result({
        seq: expectedSeq,
        kind: 'missing',
        message:
          last === expectedSeq ? `Record ${expectedSeq} was removed` : `Records ${expectedSeq} to ${last} were removed`,
      });
    }
    checked += 1;
    if (recordHash(record.prevHash, record.seq, record) !== record.hash) {
      return result({ seq: record.seq, kind: 'altered', message: `Record ${record.seq} does not match its hash` });
    }
    if (record.prevHash !== prevHash) {
      return result(
        record.seq === anchor.seq + 1
          ? {
              seq: record.seq,
              kind: 'altered',
              message: `Record ${record.seq} does not chain to the anchor (the last purged record, ${anchor.seq})`,
            }
          : {
              seq: record.seq - 1,
              kind: 'altered',
              message: `Record ${record.seq - 1} was changed: record ${record.seq} was chained to another hash`,
            },
      );
    }
    prevHash = record.hash;
    expectedSeq = record.seq + 1;
  }

  if (expectedSeq <= head.seq) {
    return result({
      seq: expectedSeq,
      kind: 'missing',
      message:
        expectedSeq === head.seq
          ? `Record ${head.seq} (the last one) was removed`
          : `Records ${expectedSeq} to ${head.seq} (the last ones) were removed`,
    });
  }
  if (head.seq > anchor.seq && prevHash !== head.hash) {
    return result({
      seq: head.seq,
      kind: 'altered',
      message: `Record ${head.seq} (the last one) was changed: the chain head holds another hash`,
    });
  }
  return result(null);
}
