import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import type { AuditSettings } from '../../config/audit-config';
import { AuditBatchWriter, AuditLog } from './audit-batch-writer';
import { EntryFields, makeEntry } from './audit-entry';
import { AuditWriterThread } from './audit-writer-thread';
import { AuditRepository } from './audit.repository';

export { MAX_SEGMENT_ATTEMPTS } from './audit-batch-writer';

/**
 * The single writer of the audit log, as the rest of the app sees it: requests and events hand it their records
 * (`record`: synchronous, no I/O, never throws), `flush()` stores everything recorded before it, and shutdown stores
 * what is left. Records reach the chain in batches — every `flushIntervalMs`, as soon as `batchSize` wait, on
 * `flush()` and at shutdown — and go to the spool while the database cannot take them (AuditBatchWriter).
 *
 * Where that work runs (AUDIT_WRITER):
 * - `thread` (default): in a worker thread with a database connection of its own (AuditWriterThread). Hashing the
 *   chain and writing rows cost more than the request they record; off the main thread, a request pays only for
 *   handing its record over, and the writing uses the machine's other cores.
 * - `inline`: on the main thread, over the app's own connection (tests that stand in for the database use it).
 * A SQLite database in memory has no second connection, so it is always written inline.
 */
@Injectable()
export class AuditWriter implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditWriter.name);
  private readonly settings: AuditSettings;
  private readonly inline: AuditBatchWriter | null = null;
  private readonly thread: AuditWriterThread | null = null;
  private readonly now: () => Date;

  constructor(repository: AuditRepository, config: AppConfigService, clock: Clock) {
    this.settings = config.audit;
    const log: AuditLog = this.logger;
    const { database } = config;
    const inMemory = database.type === 'sqlite' && database.path === ':memory:';
    if (this.settings.writer === 'thread' && !inMemory) {
      this.thread = new AuditWriterThread({ database, audit: this.settings, logLevel: config.logLevel }, log);
    } else {
      this.inline = new AuditBatchWriter(repository, this.settings, () => clock.now(), log);
    }
    this.now = () => clock.now();
  }

  get enabled(): boolean {
    return this.settings.enabled;
  }

  /** Records recorded and not yet stored (or spooled). */
  get pending(): number {
    return this.thread?.pending ?? this.inline?.pending ?? 0;
  }

  /** The folder of the spool files. */
  get spoolDir(): string {
    return this.settings.spoolDir;
  }

  /**
   * Takes a record for the log. Its fields are made storable (cut to their columns, JSON made plain) by the writer,
   * off the request's path; `at` should be set (otherwise the time it is stored is used).
   */
  record(fields: EntryFields): void {
    if (!this.settings.enabled) return;
    if (this.thread) this.thread.record(fields);
    else this.inline?.record(makeEntry(fields, this.now()));
  }

  /** Stores everything recorded before the call — in the database, or in the spool. Never rejects. */
  flush(): Promise<void> {
    if (!this.settings.enabled) return Promise.resolve();
    return this.thread ? this.thread.flush() : this.inline!.flush();
  }

  onApplicationBootstrap(): void {
    if (!this.settings.enabled) return;
    if (this.thread) this.thread.start();
    else this.inline?.start();
  }

  /** Requests in flight have finished by now (Nest closes the server first): store what waits. */
  async onApplicationShutdown(): Promise<void> {
    if (!this.settings.enabled) return;
    if (this.thread) await this.thread.stop();
    else await this.inline?.stop();
  }
}
