import { resolve } from 'node:path';
import type { AuditSettings } from '../../config/audit-config';
import { AuditEntry, makeEntry } from './audit-entry';
import { AuditSpool, SealedSegment } from './audit-spool';
import type { AuditRepository } from './audit.repository';
import { AUDIT_ACTOR_KINDS, AuditActorKind } from './entities/audit-record.entity';

/** A spool segment that keeps failing while the database answers is replayed entry by entry after this many attempts. */
export const MAX_SEGMENT_ATTEMPTS = 5;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Where the batch writer logs: Nest's Logger on the main thread, a pino logger in the writer thread (same calls). */
export interface AuditLog {
  log(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/** What the batch writer needs of the database (AuditRepository; a fake in unit tests). */
export type AuditStore = Pick<AuditRepository, 'append' | 'spoolCursor' | 'deleteSpoolCursor' | 'ping'>;

/**
 * The core of the audit log's writer: entries in (`record`, synchronous, no I/O), batches out to the chain. It keeps
 * entries in a bounded in-memory buffer and appends them in batches: every `flushIntervalMs` once started, as soon as
 * `batchSize` entries wait, on `flush()` and at `stop()`.
 *
 * When the database cannot take a batch, the batch and everything waiting go to the spool (append-only files under
 * the spool folder) and are replayed, in order, before anything newer once the database takes writes again. A full
 * buffer also goes to the spool, so a slow database never makes requests wait and no entry is dropped.
 *
 * One runs per process: in the audit writer thread (production), or on the main thread (`AUDIT_WRITER=inline`);
 * see AuditWriter.
 */
export class AuditBatchWriter {
  private readonly spool: AuditSpool;
  private buffer: AuditEntry[] = [];
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** Set while writes fail: when it began and how many entries went to the spool since. */
  private outage: { since: number; spooled: number } | null = null;
  private readonly segmentFailures = new Map<number, number>();

  constructor(
    private readonly repository: AuditStore,
    private readonly settings: AuditSettings,
    private readonly now: () => Date,
    private readonly logger: AuditLog,
  ) {
    this.spool = new AuditSpool(resolve(this.settings.spoolDir));
  }

  /** Entries waiting in memory. */
  get pending(): number {
    return this.buffer.length;
  }

  /** The folder of the spool files. */
  get spoolDir(): string {
    return this.spool.dir;
  }

  /** Takes an entry for the log. Never waits and never throws: the entry is stored by a later flush. */
  record(entry: AuditEntry): void {
    this.buffer.push(entry);
    if (this.buffer.length >= this.settings.bufferMax) this.spill();
    else if (this.buffer.length >= this.settings.batchSize) void this.flush();
  }

  /**
   * Stores everything recorded before the call — in the database, or in the spool when the database cannot take it —
   * replaying the spool first. Flushes run one at a time; the promise never rejects.
   */
  flush(): Promise<void> {
    if (this.queued) return this.queued;
    const start = (): Promise<void> => {
      this.queued = null;
      const run = this.flushOnce()
        .catch((error: unknown) => this.logger.error({ err: { message: errorMessage(error) } }, 'Audit flush failed'))
        .finally(() => {
          if (this.running === run) this.running = null;
        });
      this.running = run;
      return run;
    };
    if (!this.running) return start();
    this.queued = this.running.then(start);
    return this.queued;
  }

  /** Starts the flush timer (when an interval is set) and replays what a previous run left in the spool. */
  start(): void {
    if (this.settings.flushIntervalMs > 0) {
      this.timer = setInterval(() => void this.flush(), this.settings.flushIntervalMs);
      this.timer.unref();
    }
    // Replays what a previous run left in the spool (an outage, or a database that was down at shutdown).
    void this.flush();
  }

  /** Stops the timer and stores what waits (in the database, or in the spool when it cannot take it). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.flush();
    await this.spool.idle();
    if (this.buffer.length > 0) {
      this.logger.error(
        { entries: this.buffer.length },
        'Audit entries could be stored neither in the database nor in the spool',
      );
    }
  }

  private async flushOnce(): Promise<void> {
    await this.spool.init().catch((error: unknown) => {
      this.logger.error({ err: { message: errorMessage(error) } }, 'Cannot read the audit spool folder');
    });
    for (;;) {
      if (this.spool.hasData) {
        if (!(await this.replaySpool())) return this.spillRest();
        continue;
      }
      const batch = this.buffer.splice(0, this.settings.batchSize);
      if (batch.length === 0) return;
      // Entries spooled while this batch is in flight get a later segment than the batch would, if it fails.
      const ticket = this.spool.reserve();
      try {
        await this.repository.append(batch);
      } catch (error) {
        this.writesFailing(error, batch.length);
        await this.toSpool(() => this.spool.appendReserved(ticket, batch), batch);
        return this.spillRest();
      }
      this.writesSucceeding();
    }
  }

  /** Replays every sealed segment in order; false when one could not be stored (the rest stays spooled). */
  private async replaySpool(): Promise<boolean> {
    this.spool.seal();
    let segments: SealedSegment[];
    try {
      segments = await this.spool.sealed();
    } catch (error) {
      this.logger.error({ err: { message: errorMessage(error) } }, 'Cannot read the audit spool folder');
      return false;
    }
    for (const segment of segments) {
      try {
        const stored = await this.replaySegment(segment);
        this.segmentFailures.delete(segment.n);
        this.logger.log({ entries: stored, segment: segment.path }, 'Replayed audit entries from the spool');
      } catch (error) {
        this.writesFailing(error, 0);
        await this.afterSegmentFailure(segment);
        return false;
      }
    }
    this.writesSucceeding();
    return true;
  }

  /**
   * Appends a segment's entries after those a previous attempt already stored (its cursor), in batches, then deletes
   * the file. `oneByOne`: each entry alone, and an entry the database refuses while it answers goes to the rejected
   * file instead of holding back every entry after it.
   */
  private async replaySegment(segment: SealedSegment, oneByOne = false): Promise<number> {
    const reader = await this.spool.read(segment, () =>
      this.logger.error({ segment: segment.path }, 'Unreadable line in the audit spool: kept in the rejected file'),
    );
    const done = await this.repository.spoolCursor(reader.id);
    const cursor = (replayed: number) => ({ segmentId: reader.id, replayed });
    const size = oneByOne ? 1 : this.settings.batchSize;
    let index = 0;
    let stored = 0;
    let batch: AuditEntry[] = [];
    const store = async () => {
      try {
        await this.repository.append(batch, cursor(index));
        stored += batch.length;
      } catch (error) {
        if (!oneByOne || !(await this.databaseAnswers())) throw error;
        await this.spool.appendRejected(JSON.stringify(batch[0]));
        await this.repository.append([], cursor(index));
        this.logger.error(
          { err: { message: errorMessage(error) }, type: batch[0].type, at: batch[0].at },
          'The database refused an audit entry: kept in the rejected file of the spool folder',
        );
      }
      batch = [];
    };
    for await (const entry of reader.entries) {
      index += 1;
      if (index <= done) continue;
      batch.push(this.revalidate(entry));
      if (batch.length >= size) await store();
    }
    if (batch.length > 0) await store();
    await this.spool.remove(segment);
    await this.repository.deleteSpoolCursor(reader.id);
    return stored;
  }

  /**
   * A segment that fails again and again while the database answers holds an entry the database refuses: it is
   * replayed entry by entry, the refused entries set aside, so that it cannot hold back everything after it.
   */
  private async afterSegmentFailure(segment: SealedSegment): Promise<void> {
    const failures = (this.segmentFailures.get(segment.n) ?? 0) + 1;
    this.segmentFailures.set(segment.n, failures);
    if (failures < MAX_SEGMENT_ATTEMPTS || !(await this.databaseAnswers())) return;
    try {
      await this.replaySegment(segment, true);
      this.segmentFailures.delete(segment.n);
    } catch (error) {
      this.logger.error(
        { err: { message: errorMessage(error) } },
        'Cannot replay an audit spool segment entry by entry',
      );
    }
  }

  private async databaseAnswers(): Promise<boolean> {
    try {
      await this.repository.ping();
      return true;
    } catch {
      return false;
    }
  }

  /** A buffer at its limit goes to the spool at once; the request that filled it does not wait for the file. */
  private spill(): void {
    const entries = this.buffer.splice(0);
    if (!this.outage) {
      this.logger.warn(
        { entries: entries.length },
        'Audit buffer full: entries go to the spool until the writer catches up',
      );
    }
    void this.toSpool(() => this.spool.append(entries), entries);
    void this.flush();
  }

  private async spillRest(): Promise<void> {
    const rest = this.buffer.splice(0);
    if (rest.length === 0) return;
    if (this.outage) this.outage.spooled += rest.length;
    await this.toSpool(() => this.spool.append(rest), rest);
  }

  /** Neither the database nor the disk: the entries go back to the front of the buffer for the next attempt. */
  private async toSpool(write: () => Promise<void>, entries: AuditEntry[]): Promise<void> {
    try {
      await write();
    } catch (error) {
      this.logger.error(
        { err: { message: errorMessage(error) }, entries: entries.length },
        'Cannot write the audit spool',
      );
      this.buffer.unshift(...entries);
    }
  }

  private writesFailing(error: unknown, spooled: number): void {
    if (this.outage) {
      this.outage.spooled += spooled;
      return;
    }
    this.outage = { since: Date.now(), spooled };
    this.logger.warn(
      { err: { message: errorMessage(error) }, spoolDir: this.spool.dir },
      'Audit records cannot be written to the database: spooling them until it is back',
    );
  }

  private writesSucceeding(): void {
    if (!this.outage) return;
    const { since, spooled } = this.outage;
    this.outage = null;
    this.logger.log({ seconds: Math.round((Date.now() - since) / 1000), spooled }, 'Audit records are written again');
  }

  /** A spooled line passes the same checks as a new entry (a spool file is data from disk, not from this code). */
  private revalidate(entry: AuditEntry): AuditEntry {
    const actorKind: AuditActorKind = AUDIT_ACTOR_KINDS.includes(entry.actorKind) ? entry.actorKind : 'anonymous';
    return makeEntry({ ...entry, actorKind }, this.now());
  }
}
