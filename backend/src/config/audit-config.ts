import { dirname } from 'node:path';
import { z } from 'zod';

/** The audit log's settings (docs/configuration.md, "Audit log"). */
export interface AuditSettings {
  /** Record requests and domain events (AUDIT_ENABLED, default true; off only for measurements). */
  enabled: boolean;
  /** Records older than this many days are purged (the chain stays verifiable from its anchor). */
  retentionDays: number;
  /** The writer flushes its buffer at least this often; 0: only when `batchSize` records wait, on demand and at shutdown. */
  flushIntervalMs: number;
  /** A flush starts as soon as this many records wait; also the most rows one flush writes per transaction. */
  batchSize: number;
  /** Records held in memory at most; beyond this, waiting records go to the spool file (never dropped, never blocking). */
  bufferMax: number;
  /** Folder of the spool files, written while the database cannot take records and replayed when it can. */
  spoolDir: string;
  /**
   * Where records are hashed and written: `thread`, a worker thread of its own (the default: requests pay only for
   * handing over their record), or `inline`, on the main thread (tests that stand in for the database).
   */
  writer: AuditWriterMode;
}

export const AUDIT_WRITER_MODES = ['thread', 'inline'] as const;
export type AuditWriterMode = (typeof AUDIT_WRITER_MODES)[number];

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

/** The AUDIT_* variables, merged into the environment schema of loadConfig(). */
export const auditEnvShape = {
  AUDIT_ENABLED: z
    .preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional())
    .transform((v) => v === undefined || ['true', '1', 'yes'].includes(v)),
  AUDIT_RETENTION_DAYS: int(1, 36_500, 365),
  AUDIT_FLUSH_INTERVAL_MS: int(0, 60_000, 1000),
  AUDIT_BATCH_SIZE: int(1, 5000, 500),
  AUDIT_BUFFER_MAX: int(1, 1_000_000, 10_000),
  AUDIT_SPOOL_DIR: z.preprocess(blankToUndefined, z.string().optional()),
  AUDIT_WRITER: z.preprocess(blankToUndefined, z.enum(AUDIT_WRITER_MODES).default('thread')),
};

type AuditEnv = z.output<z.ZodObject<typeof auditEnvShape>>;

/**
 * Typed audit settings. The spool folder defaults to the folder of the SQLite file (`data/` by default), where the
 * app keeps its other local state, also when the database is PostgreSQL.
 */
export function buildAuditSettings(e: AuditEnv & { SQLITE_PATH: string }, issues: string[]): AuditSettings {
  if (e.AUDIT_BUFFER_MAX < e.AUDIT_BATCH_SIZE) issues.push('AUDIT_BUFFER_MAX: must be at least AUDIT_BATCH_SIZE');
  return {
    enabled: e.AUDIT_ENABLED,
    retentionDays: e.AUDIT_RETENTION_DAYS,
    flushIntervalMs: e.AUDIT_FLUSH_INTERVAL_MS,
    batchSize: e.AUDIT_BATCH_SIZE,
    bufferMax: e.AUDIT_BUFFER_MAX,
    spoolDir: e.AUDIT_SPOOL_DIR ?? dirname(e.SQLITE_PATH),
    writer: e.AUDIT_WRITER,
  };
}
