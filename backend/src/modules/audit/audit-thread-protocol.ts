import type { AppConfig } from '../../config/app-config';
import type { AuditSettings } from '../../config/audit-config';

/** What the audit writer thread is started with (workerData): plain data, copied into the thread. */
export interface AuditThreadData {
  database: AppConfig['database'];
  audit: AuditSettings;
  logLevel: AppConfig['logLevel'];
}

/** Main thread → writer thread. */
export type ToAuditThread =
  /**
   * Entries recorded since the last message (a JSON array of EntryFields), to be stored; answered with `stored` once
   * they are (or spooled): at the thread's next flush (every flush interval, or as soon as a batch waits), or at once
   * with `flush`.
   */
  | { type: 'entries'; id: number; json: string; flush: boolean }
  /** Store what waits, close the database, answer `stopped`. */
  | { type: 'stop' };

/** Writer thread → main thread. */
export type FromAuditThread =
  /** The entries of message `id`, and of every message before it, are in the database or in the spool. */
  { type: 'stored'; id: number } | { type: 'stopped' };
