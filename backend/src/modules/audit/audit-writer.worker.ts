import 'reflect-metadata';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { DataSource, DataSourceOptions } from 'typeorm';
import { connectionOptions } from '../../database/connection-options';
import { createDataSource } from '../../database/sqlite-gate';
import { AuditBatchWriter, AuditLog, AuditStore } from './audit-batch-writer';
import { EntryFields, makeEntry } from './audit-entry';
import type { AuditThreadData, FromAuditThread, ToAuditThread } from './audit-thread-protocol';
import { AuditRepository } from './audit.repository';
import { AuditChainState } from './entities/audit-chain-state.entity';
import { AuditRecord } from './entities/audit-record.entity';
import { AuditSpoolCursor } from './entities/audit-spool-cursor.entity';

/**
 * The audit writer thread (see AuditWriter): receives the entries requests and events recorded on the main thread,
 * and hashes them into the chain and writes them — or spools them — with an AuditBatchWriter over a database
 * connection of its own. The main thread thus pays only for handing a record over.
 */

/**
 * The audit tables over a connection of this thread's own, opened on first use and opened again after a failure:
 * a database that is down when the thread starts (or goes away later) makes writes fail, so the batch writer spools,
 * and a later flush connects again.
 */
class AuditTables implements AuditStore {
  private repository: Promise<{ dataSource: DataSource; repository: AuditRepository }> | null = null;

  constructor(private readonly options: DataSourceOptions) {}

  private connected(): Promise<AuditRepository> {
    this.repository ??= (async () => {
      const dataSource = createDataSource(this.options);
      try {
        await dataSource.initialize();
      } catch (error) {
        this.repository = null;
        if (dataSource.isInitialized) await dataSource.destroy().catch(() => undefined);
        throw error;
      }
      return { dataSource, repository: new AuditRepository(dataSource) };
    })();
    return this.repository.then(({ repository }) => repository);
  }

  async append(...args: Parameters<AuditStore['append']>) {
    return (await this.connected()).append(...args);
  }

  async spoolCursor(segmentId: string) {
    return (await this.connected()).spoolCursor(segmentId);
  }

  async deleteSpoolCursor(segmentId: string) {
    return (await this.connected()).deleteSpoolCursor(segmentId);
  }

  async ping() {
    return (await this.connected()).ping();
  }

  async close(): Promise<void> {
    const open = await this.repository?.catch(() => null);
    this.repository = null;
    if (open?.dataSource.isInitialized) await open.dataSource.destroy();
  }
}

function run(port: NonNullable<typeof parentPort>, data: AuditThreadData): void {
  const root = pino(
    { level: data.logLevel, base: { pid: process.pid, thread: 'audit-writer' } },
    pino.destination({ dest: 1, sync: false, minLength: 0 }),
  ).child({ context: 'AuditWriter' });
  const log: AuditLog = {
    log: (fields, message) => root.info(fields, message),
    warn: (fields, message) => root.warn(fields, message),
    error: (fields, message) => root.error(fields, message),
  };
  const tables = new AuditTables({
    ...connectionOptions(data.database, { poolSize: 2 }),
    entities: [AuditRecord, AuditChainState, AuditSpoolCursor],
  });
  // Timed and batch flushes are the thread's (send() below): it answers for the messages it had when each began.
  const writer = new AuditBatchWriter(tables, { ...data.audit, flushIntervalMs: 0 }, () => new Date(), log);
  const send = (message: FromAuditThread) => port.postMessage(message);
  let received = 0;
  let answered = 0;
  /** Flushes (one at a time, in call order) and answers for every message received before it began. */
  const flush = () => {
    const upTo = received;
    return writer.flush().then(() => {
      if (upTo > answered) {
        answered = upTo;
        send({ type: 'stored', id: upTo });
      }
    });
  };
  const timer = data.audit.flushIntervalMs > 0 ? setInterval(() => void flush(), data.audit.flushIntervalMs) : null;

  port.on('message', (message: ToAuditThread) => {
    switch (message.type) {
      case 'entries': {
        const now = new Date();
        const entries = JSON.parse(message.json) as EntryFields[];
        for (const fields of entries) writer.record(makeEntry(fields, now));
        received = message.id;
        if (message.flush || writer.pending >= data.audit.batchSize) void flush();
        break;
      }
      case 'stop':
        if (timer) clearInterval(timer);
        void flush()
          .then(() => writer.stop())
          .then(() => tables.close())
          .catch((error: unknown) => log.error({ err: { message: String(error) } }, 'Audit writer thread: stop failed'))
          .finally(() => {
            send({ type: 'stopped' });
            root.flush();
            port.close();
          });
        break;
    }
  });
  // What a previous run left in the spool is replayed now.
  void flush();
}

if (parentPort) run(parentPort, workerData as AuditThreadData);
