import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../../../src/modules/audit/audit-writer.service';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
import { MailOutboxWorker } from '../../../src/modules/mail/mail-outbox.worker';
import { testDbKind } from '../../setup/test-database';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { FreshDatabase, freshDatabase, openDataSource } from '../database/fresh-database';
import { recordsOfRequests, requestId } from './support/audit-fixtures';

// Each app starts a writer thread that compiles its TypeScript sources on load (the tests run from sources).
jest.setTimeout(60_000);

/** The running writer thread of an app (private: only this suite reaches into it, to make it fail). */
function writerThreadOf(t: TestApp): Worker {
  const writer: unknown = t.app.get(AuditWriter);
  const { thread } = writer as { thread: { worker: Worker | null } | null };
  if (!thread?.worker) throw new Error('the app runs no audit writer thread');
  return thread.worker;
}

/**
 * Takes the database away from the app until `restore()`.
 *
 * PostgreSQL: the database stops taking connections (`ALLOW_CONNECTIONS false`, which binds superusers too) and every
 * connection to it is ended, as when the server restarts or the network drops: the writer thread's pool loses its
 * connections and cannot get new ones; so does the main thread's.
 *
 * SQLite: another connection holds the file's write lock (`BEGIN EXCLUSIVE`, the same as IMMEDIATE in WAL mode:
 * readers go on reading). A writer waits busy_timeout (5 s) for it and then fails with SQLITE_BUSY; the app's own
 * connections are not touched, so requests that only read are answered as usual.
 */
async function takeDatabaseAway(env: NodeJS.ProcessEnv): Promise<{ restore(): Promise<void> }> {
  if (testDbKind() === 'sqlite') {
    if (!env.SQLITE_PATH) throw new Error('no SQLITE_PATH in the app environment');
    const lock = new Database(env.SQLITE_PATH);
    expect(lock.pragma('journal_mode', { simple: true })).toBe('wal');
    lock.exec('BEGIN EXCLUSIVE');
    return {
      restore: () => {
        lock.exec('ROLLBACK');
        lock.close();
        return Promise.resolve();
      },
    };
  }
  const name = new URL(env.DATABASE_URL!).pathname.slice(1);
  // An administrative connection to the server's own database (DATABASE_URL of the run), not to the app's.
  const admin = new Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  // pg_terminate_backend only signals: wait until every backend has gone.
  for (let i = 0; ; i++) {
    const { rows } = await admin.query<{ n: string }>('SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1', [
      name,
    ]);
    if (rows[0].n === '0') break;
    if (i === 100) throw new Error(`connections to ${name} did not end`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return {
    restore: async () => {
      try {
        await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      } finally {
        await admin.end();
      }
    },
  };
}

/** The request ids of the records in the spool files, in file and line order (header lines skipped). */
function spooledRequestIds(spoolDir: string): (string | null)[] {
  return readdirSync(spoolDir)
    .filter((f) => /^audit-spool\.\d+\.ndjson$/.test(f))
    .sort()
    .flatMap((f) => readFileSync(join(spoolDir, f), 'utf8').split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { segment?: string; requestId?: string | null })
    .filter((entry) => entry.segment === undefined)
    .map((entry) => entry.requestId ?? null);
}

interface Verification {
  ok: boolean;
  checked: number;
  problem: unknown;
}

/**
 * The production default, AUDIT_WRITER=thread: records are handed to a worker thread that hashes and writes them over
 * a database connection of its own (the other audit suites run the same writer on the main thread, where they can
 * stand in for its database).
 */
describe(`audit writer thread (${testDbKind()})`, () => {
  let fresh: FreshDatabase;
  let spoolDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fresh = await freshDatabase('audit_thread');
    spoolDir = join(mkdtempSync(join(tmpdir(), 'oth-audit-thread-')), 'spool');
    env = {
      ...fresh.env,
      SEED_DEMO_DATA: 'false',
      AUDIT_WRITER: 'thread',
      AUDIT_SPOOL_DIR: spoolDir,
      AUDIT_BATCH_SIZE: '7',
    };
  });
  afterAll(async () => {
    await fresh?.drop();
    rmSync(join(spoolDir, '..'), { recursive: true, force: true });
  });

  const call = async (t: TestApp, admin: SignedIn, label: string, url = '/api/v1/modes') => {
    const id = requestId(label);
    const res = await t.inject({ method: 'GET', url, headers: { ...admin.headers, 'x-request-id': id } });
    expect(res.statusCode).toBe(200);
    return id;
  };
  const verify = async (t: TestApp, admin: SignedIn) =>
    (await t.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: admin.headers })).json<Verification>();
  // The folder is created when first needed.
  const spoolFiles = () => (existsSync(spoolDir) ? readdirSync(spoolDir).filter((f) => f.endsWith('.ndjson')) : []);
  const settle = () => new Promise((resolve) => setImmediate(resolve));

  describe('while running', () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createAuthTestApp(env);
      admin = await signIn(t, { role: 'admin' });
    });
    afterAll(() => t?.close());

    it('stores every request and event the main thread recorded, in order, and the chain verifies', async () => {
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push(await call(t, admin, `thread${i}`));
      await settle();
      await t.app.get(AuditWriter).flush();
      expect(t.app.get(AuditWriter).pending).toBe(0);

      const rows = await recordsOfRequests(t, ids);
      expect(rows.map((r) => r.requestId)).toEqual(ids);
      expect(rows[0]).toMatchObject({ type: 'request', method: 'GET', route: '/api/v1/modes', status: 200 });
      expect(rows[0].actorId).toBe(admin.user.id);
      // The sign-in's event, recorded on the main thread inside its request, came through too.
      const events = await t.app
        .get(DataSource)
        .getRepository(AuditRecord)
        .find({ where: { type: 'auth.login-succeeded', actorId: admin.user.id } });
      expect(events).toHaveLength(1);
      expect(await verify(t, admin)).toMatchObject({ ok: true, problem: null });
    });

    it('lets the main thread write while the thread writes (no SQLITE_BUSY, no 500)', async () => {
      // Sign-ins write sessions and users on the main thread's connection; the requests' records are written at the
      // same time by the thread (a batch every 7 records).
      const results = await Promise.all(
        Array.from({ length: 12 }, async (_, i) => {
          const user = await signIn(t, { role: 'viewer' });
          const id = await call(t, user, `busy${i}`);
          return id;
        }),
      );
      await settle();
      await t.app.get(AuditWriter).flush();
      expect((await recordsOfRequests(t, results)).map((r) => r.requestId).sort()).toEqual([...results].sort());
      expect(await verify(t, admin)).toMatchObject({ ok: true, problem: null });
    });

    it('loses nothing when the thread dies: the main thread spools what it had not answered for, a new thread replays it', async () => {
      const before = await call(t, admin, 'before-crash');
      await settle();
      const dying = writerThreadOf(t);
      const exited = new Promise((resolve) => dying.once('exit', resolve));
      // Sent to the thread and not answered for when it dies, or recorded while no thread runs.
      const during = [await call(t, admin, 'crash1'), await call(t, admin, 'crash2')];
      await settle();
      await dying.terminate();
      await exited;
      during.push(await call(t, admin, 'crash3'));
      await settle();
      await t.app.get(AuditWriter).flush();
      // A new thread starts after a short delay and replays the spool first.
      const deadline = Date.now() + 20_000;
      let rows: AuditRecord[] = [];
      while (Date.now() < deadline) {
        await t.app.get(AuditWriter).flush();
        rows = await recordsOfRequests(t, [before, ...during]);
        if (rows.length >= 4 && spoolFiles().length === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(writerThreadOf(t)).not.toBe(dying);
      // Every record is there (at least once: one the dead thread stored but had not answered for comes twice).
      expect(new Set(rows.map((r) => r.requestId))).toEqual(new Set([before, ...during]));
      expect(spoolFiles()).toEqual([]);
      expect(await verify(t, admin)).toMatchObject({ ok: true, problem: null });
    });
  });

  describe('a database outage', () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createAuthTestApp(env);
      admin = await signIn(t, { role: 'admin' });
    });
    afterAll(() => t?.close());
    afterEach(() => jest.restoreAllMocks());

    /** A GET by the admin during the outage: answered or not, it is recorded with the status it got. */
    const callDuringOutage = async (label: string) => {
      const id = requestId(label);
      const res = await t.inject({
        method: 'GET',
        url: '/api/v1/modes',
        headers: { ...admin.headers, 'x-request-id': id },
      });
      return { id, status: res.statusCode };
    };

    it('spools the records of requests made while the thread cannot write, and replays them in order when it can', async () => {
      const writer = t.app.get(AuditWriter);
      const before = await call(t, admin, 'before-outage');
      await settle();
      await writer.flush();
      expect(spoolFiles()).toEqual([]);
      if (testDbKind() === 'sqlite') {
        // The mail outbox polls every second with an UPDATE on the main thread's connection, which would wait for the
        // lock there (better-sqlite3 waits synchronously, holding up the event loop). It has nothing to send here.
        jest.spyOn(t.app.get(MailOutboxWorker), 'deliverDue').mockResolvedValue(0);
      }

      const thread = writerThreadOf(t);
      const outage = await takeDatabaseAway(fresh.env);
      const during: { id: string; status: number }[] = [];
      try {
        during.push(await callDuringOutage('outage1'), await callDuringOutage('outage2'));
        await settle();
        // Answered once the thread has stored the records, or spooled them: here, spooled.
        await writer.flush();
        expect(spoolFiles().length).toBeGreaterThanOrEqual(1);
        expect(spooledRequestIds(spoolDir)).toEqual(during.map((r) => r.id));
        // A later flush tries the spool first, fails again and adds the newer records after the older ones.
        during.push(await callDuringOutage('outage3'));
        await settle();
        await writer.flush();
        expect(spooledRequestIds(spoolDir)).toEqual(during.map((r) => r.id));
        expect(writer.pending).toBe(0);
      } finally {
        await outage.restore();
      }

      // The database is back: the next flush replays the spool, in order, before anything newer.
      const after = await call(t, admin, 'after-outage');
      await settle();
      await writer.flush();
      expect(spoolFiles()).toEqual([]);
      const ids = [before, ...during.map((r) => r.id), after];
      const rows = await recordsOfRequests(t, ids);
      expect(rows.map((r) => r.requestId)).toEqual(ids);
      expect(rows.slice(1, -1).map((r) => r.status)).toEqual(during.map((r) => r.status));
      // SQLite: the app's connections read on under the lock, so the requests were answered as usual. PostgreSQL: the
      // main thread lost the database too, so they were answered 503 DATABASE_UNAVAILABLE (the session could not be
      // checked: anonymous); either way they are recorded as they were answered.
      const answered =
        testDbKind() === 'sqlite'
          ? { status: 200, actorKind: 'user', actorId: admin.user.id, errorCode: null }
          : { status: 503, actorKind: 'anonymous', actorId: null, errorCode: 'DATABASE_UNAVAILABLE' };
      expect(rows.slice(1, -1)).toEqual(
        during.map((): unknown =>
          expect.objectContaining({ type: 'request', method: 'GET', route: '/api/v1/modes', ...answered }),
        ),
      );
      // The thread itself spooled and replayed: it never ended (a thread that dies is rescued another way, above).
      expect(writerThreadOf(t)).toBe(thread);
      expect(await verify(t, admin)).toMatchObject({ ok: true, problem: null });
    });
  });

  it('stores what is still waiting when the app closes', async () => {
    const t = await createAuthTestApp(env);
    const admin = await signIn(t, { role: 'admin' });
    const ids = [await call(t, admin, 'close1'), await call(t, admin, 'close2'), await call(t, admin, 'close3')];
    await settle();
    expect(t.app.get(AuditWriter).pending).toBeGreaterThan(0);
    await t.close();

    const dataSource = await openDataSource(fresh.env);
    try {
      const rows = await dataSource
        .getRepository(AuditRecord)
        .createQueryBuilder('r')
        .where('r.request_id IN (:...ids)', { ids })
        .orderBy('r.seq', 'ASC')
        .getMany();
      expect(rows.map((r) => r.requestId)).toEqual(ids);
    } finally {
      await dataSource.destroy();
    }
  });
});
