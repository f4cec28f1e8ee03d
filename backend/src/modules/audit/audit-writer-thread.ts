import { join, resolve } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../common/threads/start-worker';
import type { AuditLog } from './audit-batch-writer';
import { EntryFields, makeEntry } from './audit-entry';
import { AuditSpool } from './audit-spool';
import type { AuditThreadData, FromAuditThread, ToAuditThread } from './audit-thread-protocol';

/** How long shutdown waits for the thread to store what it holds before the main thread spools the rest itself. */
export const STOP_TIMEOUT_MS = 15_000;
/**
 * The outbox goes to the thread at least this often (or at AUDIT_FLUSH_INTERVAL_MS when that is shorter, or as soon as
 * a batch waits). Records are serialised as they are taken and leave the main thread's heap within this time: held
 * for a whole flush interval they survived garbage collections and were copied by each (measured: a third of the
 * main thread's collection time at 3000 requests/s).
 */
export const POST_INTERVAL_MS = 100;
/** First wait before a thread that ended unexpectedly is started again; doubled each time, up to the maximum. */
const RESTART_DELAY_MS = 500;
const MAX_RESTART_DELAY_MS = 30_000;

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * The main thread's side of the audit writer thread (audit-writer.worker.ts). Records are serialised (JSON) into an
 * outbox as they are taken and sent over as one string every POST_INTERVAL_MS, or as soon as a batch is waiting; each
 * message is answered once its entries are stored (or spooled). Until then the main thread keeps them: if the thread ends unexpectedly, the main
 * thread appends them to the spool itself, starts a new thread, and that thread replays them. Nothing recorded is
 * lost; an entry the dead thread had already stored but not yet answered for is stored twice (a record's request id
 * shows it).
 */
export class AuditWriterThread {
  private worker: Worker | null = null;
  /** Records taken since the last message, each as JSON. */
  private outbox: string[] = [];
  private nextId = 0;
  /** Sent and not yet answered for, by message id (ids ascend in send order). */
  private readonly inFlight = new Map<number, { json: string; count: number }>();
  private readonly waiters: { id: number; resolve: () => void }[] = [];
  private timer: NodeJS.Timeout | null = null;
  private restartTimer: NodeJS.Timeout | null = null;
  private restartDelay = RESTART_DELAY_MS;
  /** A rescue (spooling a dead thread's entries) in progress: sends wait for it. */
  private rescue: Promise<void> | null = null;
  private stopping: Promise<void> | null = null;
  private stopped: (() => void) | null = null;

  constructor(
    private readonly data: AuditThreadData,
    private readonly log: AuditLog,
    private readonly modulePath = join(__dirname, 'audit-writer.worker'),
  ) {}

  /** Entries recorded and not yet stored or spooled. */
  get pending(): number {
    let count = this.outbox.length;
    for (const message of this.inFlight.values()) count += message.count;
    return count;
  }

  start(): void {
    this.spawn();
    if (this.data.audit.flushIntervalMs > 0) {
      this.timer = setInterval(() => void this.send(), Math.min(this.data.audit.flushIntervalMs, POST_INTERVAL_MS));
      this.timer.unref();
    }
  }

  record(fields: EntryFields): void {
    let json: string;
    try {
      json = JSON.stringify(fields);
    } catch {
      // What JSON cannot hold (a BigInt, a cycle in an event's details): made storable first, as the thread would.
      json = JSON.stringify(makeEntry(fields, new Date()));
    }
    this.outbox.push(json);
    if (this.outbox.length >= this.data.audit.batchSize) void this.send();
  }

  /** Resolves once everything recorded before the call is stored in the database or in the spool. Never rejects. */
  async flush(): Promise<void> {
    await this.send(true);
  }

  /** Sends what waits, asks the thread to store it and close its connection, and waits for that (or times out). */
  stop(): Promise<void> {
    this.stopping ??= (async () => {
      if (this.timer) clearInterval(this.timer);
      if (this.restartTimer) clearTimeout(this.restartTimer);
      this.timer = this.restartTimer = null;
      await this.send(true);
      const worker = this.worker;
      if (!worker) return;
      // From here on, the thread's end is expected (its exit handler leaves it alone).
      this.worker = null;
      const done = new Promise<void>((resolveStop) => (this.stopped = resolveStop));
      const timeout = new Promise<'timeout'>((resolveTimeout) =>
        setTimeout(() => resolveTimeout('timeout'), STOP_TIMEOUT_MS).unref(),
      );
      worker.postMessage({ type: 'stop' } satisfies ToAuditThread);
      if ((await Promise.race([done, timeout])) === 'timeout') {
        this.log.error({ timeoutMs: STOP_TIMEOUT_MS }, 'Audit writer thread did not stop in time');
      }
      await worker.terminate();
      // Whatever the thread did not answer for goes to the spool, for the next start.
      await this.spoolInFlight();
    })();
    return this.stopping;
  }

  /**
   * Sends the outbox (with `wait`, also when it is empty: the answer then means everything before is stored) and
   * resolves when the thread has answered for it. Without a thread (it ended and is being restarted), the entries
   * go to the spool from here.
   */
  private async send(wait = false): Promise<void> {
    if (this.rescue) await this.rescue;
    if (this.outbox.length === 0 && !wait) return;
    const count = this.outbox.length;
    const json = `[${this.outbox.join(',')}]`;
    this.outbox = [];
    if (!this.worker) {
      await this.toSpool([{ json, count }]);
      return;
    }
    const id = ++this.nextId;
    this.inFlight.set(id, { json, count });
    const answered = new Promise<void>((resolveSend) => this.waiters.push({ id, resolve: resolveSend }));
    this.worker.postMessage({ type: 'entries', id, json, flush: wait } satisfies ToAuditThread);
    if (wait) await answered;
  }

  private spawn(): void {
    const worker = startWorker(this.modulePath, {
      workerData: this.data,
      // The thread's entity column types follow DATABASE_URL (database/columns.ts), as on the main thread.
      env: { ...process.env, DATABASE_URL: this.data.database.type === 'postgres' ? this.data.database.url : '' },
      stdout: false,
      stderr: false,
    });
    this.worker = worker;
    worker.on('message', (message: FromAuditThread) => this.onMessage(message));
    worker.on('error', (error) =>
      this.log.error({ err: { message: errorMessage(error) } }, 'Audit writer thread failed'),
    );
    worker.on('exit', (code) => {
      if (this.worker !== worker) return; // stopped on purpose
      this.worker = null;
      this.log.error({ code }, 'Audit writer thread ended unexpectedly: its entries go to the spool; restarting it');
      this.rescue = this.spoolInFlight().finally(() => (this.rescue = null));
      void this.rescue.then(() => this.scheduleRestart());
    });
  }

  private onMessage(message: FromAuditThread): void {
    if (message.type === 'stopped') {
      this.stopped?.();
      return;
    }
    for (const id of this.inFlight.keys()) if (id <= message.id) this.inFlight.delete(id);
    this.restartDelay = RESTART_DELAY_MS;
    this.release(message.id);
  }

  private release(upTo: number): void {
    while (this.waiters.length > 0 && this.waiters[0].id <= upTo) this.waiters.shift()!.resolve();
  }

  private scheduleRestart(): void {
    if (this.stopping) return;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (!this.stopping) this.spawn();
    }, this.restartDelay);
    this.restartTimer.unref();
    this.restartDelay = Math.min(this.restartDelay * 2, MAX_RESTART_DELAY_MS);
  }

  /** The entries of every unanswered message, in order, to the spool (only while no thread runs). */
  private async spoolInFlight(): Promise<void> {
    const ids = [...this.inFlight.keys()].sort((a, b) => a - b);
    await this.toSpool(ids.map((id) => this.inFlight.get(id)!));
    for (const id of ids) this.inFlight.delete(id);
    this.release(ids.at(-1) ?? 0);
    this.release(this.nextId);
  }

  /** Messages' records to the spool, in order (only while no thread runs). */
  private async toSpool(messages: { json: string; count: number }[]): Promise<void> {
    const count = messages.reduce((sum, message) => sum + message.count, 0);
    if (count === 0) return;
    const now = new Date();
    try {
      const entries = messages.flatMap((message) => JSON.parse(message.json) as EntryFields[]);
      // A spool of its own for each rescue: it numbers its segment after those the thread left.
      const spool = new AuditSpool(resolve(this.data.audit.spoolDir));
      await spool.init();
      await spool.append(entries.map((fields) => makeEntry(fields, now)));
      await spool.idle();
    } catch (error) {
      this.log.error(
        { err: { message: errorMessage(error) }, entries: count },
        'Audit entries could be handed neither to the writer thread nor to the spool',
      );
      // Kept for the next attempt (the next flush or the next thread).
      const kept = messages.flatMap((message) => (JSON.parse(message.json) as unknown[]).map((e) => JSON.stringify(e)));
      this.outbox.unshift(...kept);
    }
  }
}
