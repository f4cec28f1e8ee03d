import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { AuditSettings } from '../../config/audit-config';
import { chainEntries, ChainedRecord, GENESIS_HASH, verifyChain } from './audit-chain';
import { AuditEntry, makeEntry } from './audit-entry';
import { REJECTED_FILE } from './audit-spool';
import { AuditBatchWriter, MAX_SEGMENT_ATTEMPTS } from './audit-batch-writer';

const NOW = new Date('2026-05-01T10:00:00.000Z');
const entry = (n: number): AuditEntry => makeEntry({ type: 'request', actorKind: 'anonymous', status: n }, NOW);

/** An in-memory chain with the repository's append contract; `down` makes every call fail like a lost database. */
class FakeRepository {
  records: ChainedRecord[] = [];
  cursors = new Map<string, number>();
  down = false;
  /** Fail appends that contain this status while the database is otherwise up (a record it refuses). */
  poison: number | null = null;
  appends = 0;

  private check(): void {
    if (this.down) throw new Error('connect ECONNREFUSED');
  }

  append(entries: readonly AuditEntry[], cursor?: { segmentId: string; replayed: number }): Promise<ChainedRecord[]> {
    this.appends += 1;
    this.check();
    if (this.poison !== null && entries.some((e) => e.status === this.poison)) throw new Error('value refused');
    const last = this.records.at(-1);
    const chained = chainEntries(last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH }, entries);
    this.records.push(...chained);
    if (cursor) this.cursors.set(cursor.segmentId, cursor.replayed);
    return Promise.resolve(chained);
  }

  spoolCursor(id: string): Promise<number> {
    this.check();
    return Promise.resolve(this.cursors.get(id) ?? 0);
  }

  deleteSpoolCursor(id: string): Promise<void> {
    this.check();
    this.cursors.delete(id);
    return Promise.resolve();
  }

  ping(): Promise<void> {
    this.check();
    return Promise.resolve();
  }

  statuses(): (number | null)[] {
    return this.records.map((r) => r.status);
  }

  async verify() {
    const records = this.records;
    async function* all() {
      for (const r of records) yield await Promise.resolve(r);
    }
    const last = records.at(-1)!;
    return verifyChain(all(), { seq: 0, hash: GENESIS_HASH }, { seq: last.seq, hash: last.hash });
  }
}

describe('AuditBatchWriter', () => {
  let dir: string;
  let repo: FakeRepository;
  let writer: AuditBatchWriter;

  function makeWriter(overrides: Partial<AuditSettings> = {}): AuditBatchWriter {
    const audit: AuditSettings = {
      enabled: true,
      retentionDays: 365,
      flushIntervalMs: 0,
      batchSize: 3,
      bufferMax: 10,
      spoolDir: dir,
      writer: 'inline',
      ...overrides,
    };
    return new AuditBatchWriter(repo, audit, () => new Date(), new Logger('AuditWriter'));
  }
  const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'oth-writer-'));
    repo = new FakeRepository();
    writer = makeWriter();
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'warn').mockImplementation();
    jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('holds entries in memory until a flush, then appends them in batches, in order', async () => {
    writer.record(entry(1));
    writer.record(entry(2));
    expect(writer.pending).toBe(2);
    expect(repo.records).toHaveLength(0);
    await writer.flush();
    expect(repo.statuses()).toEqual([1, 2]);
    expect(writer.pending).toBe(0);
  });

  it('starts a flush as soon as a batch is waiting, writing at most batchSize rows per append', async () => {
    for (const n of range(1, 7)) writer.record(entry(n));
    await writer.flush();
    expect(repo.statuses()).toEqual(range(1, 7));
    expect(repo.appends).toBeGreaterThanOrEqual(3);
  });

  it('flushes on a timer when an interval is set, and at shutdown', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      writer = makeWriter({ flushIntervalMs: 1000 });
      writer.start();
      writer.record(entry(1));
      await jest.advanceTimersByTimeAsync(1000);
      await writer.flush();
      expect(repo.statuses()).toEqual([1]);
      writer.record(entry(2));
      await writer.stop();
      expect(repo.statuses()).toEqual([1, 2]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('spools while the database is down and replays in order, before newer entries, when it is back', async () => {
    writer.record(entry(1));
    await writer.flush();
    repo.down = true;
    writer.record(entry(2));
    writer.record(entry(3));
    await writer.flush();
    writer.record(entry(4));
    await writer.flush();
    expect(repo.statuses()).toEqual([1]);
    expect(writer.pending).toBe(0);
    expect(readdirSync(dir).length).toBeGreaterThan(0);

    repo.down = false;
    writer.record(entry(5));
    await writer.flush();
    expect(repo.statuses()).toEqual([1, 2, 3, 4, 5]);
    expect(readdirSync(dir)).toEqual([]);
    expect(repo.cursors.size).toBe(0);
    await expect(repo.verify()).resolves.toMatchObject({ ok: true, checked: 5 });
  });

  it('never blocks or drops when the buffer is full: the overflow goes to the spool at once', async () => {
    repo.down = true;
    for (const n of range(1, 25)) writer.record(entry(n));
    expect(writer.pending).toBeLessThan(10);
    await writer.flush();
    repo.down = false;
    await writer.flush();
    expect(repo.statuses()).toEqual(range(1, 25));
  });

  it('keeps arrival order when the buffer overflows while a failing batch is in flight', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const append = repo.append.bind(repo);
    let first = true;
    jest.spyOn(repo, 'append').mockImplementation(async (entries, cursor) => {
      if (first) {
        first = false;
        await gate;
        throw new Error('connection lost mid-write');
      }
      return append(entries, cursor);
    });
    for (const n of range(1, 3)) writer.record(entry(n)); // a batch: the flush takes it and waits on the gate
    const flushing = writer.flush();
    for (const n of range(4, 16)) writer.record(entry(n)); // overflows to the spool while 1-3 are in flight
    release();
    await flushing;
    await writer.flush();
    expect(repo.statuses()).toEqual(range(1, 16));
    await expect(repo.verify()).resolves.toMatchObject({ ok: true });
  });

  it('resumes a replay that stopped half-way after the last batch it stored (nothing twice)', async () => {
    repo.down = true;
    for (const n of range(1, 8)) writer.record(entry(n));
    await writer.flush();
    repo.down = false;
    const append = repo.append.bind(repo);
    let calls = 0;
    jest.spyOn(repo, 'append').mockImplementation((entries, cursor) => {
      calls += 1;
      if (calls === 2) return Promise.reject(new Error('connection lost'));
      return append(entries, cursor);
    });
    await writer.flush(); // stores 1-3, then fails
    expect(repo.statuses()).toEqual([1, 2, 3]);
    // A new process (after a crash) finds the segment and the cursor.
    const next = makeWriter();
    await next.flush();
    expect(repo.statuses()).toEqual(range(1, 8));
    await expect(repo.verify()).resolves.toMatchObject({ ok: true, checked: 8 });
  });

  it('shutdown with the database down leaves everything in the spool for the next start', async () => {
    repo.down = true;
    writer.record(entry(1));
    writer.record(entry(2));
    await writer.stop();
    expect(writer.pending).toBe(0);
    repo.down = false;
    const next = makeWriter();
    next.start();
    await next.flush();
    expect(repo.statuses()).toEqual([1, 2]);
  });

  it('sets aside only the entry the database keeps refusing while it answers; the others get through in order', async () => {
    repo.poison = 2;
    writer.record(entry(1));
    writer.record(entry(2));
    await writer.flush();
    writer.record(entry(3));
    for (let i = 0; i < MAX_SEGMENT_ATTEMPTS; i++) await writer.flush();
    await writer.flush();
    expect(repo.statuses()).toEqual([1, 3]);
    expect(readdirSync(dir)).toEqual([REJECTED_FILE]);
    expect(JSON.parse(readFileSync(join(dir, REJECTED_FILE), 'utf8'))).toMatchObject({ status: 2 });
    await expect(repo.verify()).resolves.toMatchObject({ ok: true });
  });
});
