import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../../../src/modules/audit/audit-writer.service';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
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
  const spoolFiles = () => readdirSync(spoolDir).filter((f) => f.endsWith('.ndjson'));
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
