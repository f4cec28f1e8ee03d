import type { AppConfig } from '../../config/app-config';
import type { AuditSettings } from '../../config/audit-config';
import type { EntryFields } from './audit-entry';

/** What the audit writer thread is started with (workerData): plain data, copied into the thread. */
export interface AuditThreadData {
  database: AppConfig['database'];
  audit: AuditSettings;
  logLevel: AppConfig['logLevel'];
}

/** Main thread → writer thread. */
export type ToAuditThread =
  /** Entries recorded since the last message, to be stored; answered with `stored` once they are (or spooled). */
  | { type: 'entries'; id: number; entries: EntryFields[] }
  /** Store what waits, close the database, answer `stopped`. */
  | { type: 'stop' };

/** Writer thread → main thread. */
export type FromAuditThread =
  /** The entries of message `id`, and of every message before it, are in the database or in the spool. */
  { type: 'stored'; id: number } | { type: 'stopped' };
