import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditWriter } from '../../../src/modules/audit/audit-writer.service';
import { AuditRepository } from '../../../src/modules/audit/audit.repository';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { FreshDatabase, freshDatabase, openDataSource } from '../database/fresh-database';
import { flushAudit, recordsOfRequests, requestId } from './support/audit-fixtures';

/** The database refuses every audit write, as when it is unreachable, until `restore()`. */
function databaseDown(t: TestApp): { restore: () => void } {
  const repository = t.app.get(AuditRepository);
  const append = jest.spyOn(repository, 'append').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  const ping = jest.spyOn(repository, 'ping').mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:5432'));
  return {
    restore: () => {
      append.mockRestore();
      ping.mockRestore();
    },
  };
}

interface Verification {
  ok: boolean;
  problem: unknown;
}

describe('audit log: nothing is lost when the database is down or the app stops', () => {
  let fresh: FreshDatabase;
  let spoolDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    fresh = await freshDatabase('audit_outage');
    spoolDir = join(mkdtempSync(join(tmpdir(), 'oth-audit-outage-')), 'spool');
    env = { ...fresh.env, SEED_DEMO_DATA: 'false', AUDIT_SPOOL_DIR: spoolDir, AUDIT_BATCH_SIZE: '4' };
  });
  afterAll(async () => {
    await fresh?.drop();
    rmSync(join(spoolDir, '..'), { recursive: true, force: true });
  });

  const call = async (t: TestApp, admin: SignedIn, label: string) => {
    const id = requestId(label);
    const res = await t.inject({
      method: 'GET',
      url: '/api/v1/modes',
      headers: { ...admin.headers, 'x-request-id': id },
    });
    expect(res.statusCode).toBe(200);
    return id;
  };
  const verify = async (t: TestApp, admin: SignedIn) =>
    (await t.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: admin.headers })).json<Verification>();
  const seqs = (rows: AuditRecord[]) => rows.map((r) => r.seq);
  const spoolFiles = () => readdirSync(spoolDir).filter((f) => f.endsWith('.ndjson'));

  describe('an outage while running', () => {
    let t: TestApp;
    let admin: SignedIn;
    beforeAll(async () => {
      t = await createAuthTestApp(env);
      admin = await signIn(t, { role: 'admin' });
    });
    afterAll(() => t?.close());

    it('spools records while the database is down and replays them in order, the chain intact, when it returns', async () => {
      const before = await call(t, admin, 'before');
      await flushAudit(t);

      const outage = databaseDown(t);
      const during: string[] = [];
      // More than a batch, so writes fail mid-stream and the buffer is spooled more than once.
      for (let i = 0; i < 10; i++) {
        during.push(await call(t, admin, `during${i}`));
        if (i % 3 === 2) await flushAudit(t);
      }
      await flushAudit(t);
      expect(t.app.get(AuditWriter).pending).toBe(0);
      expect(await recordsOfRequests(t, during)).toEqual([]);
      expect(spoolFiles().length).toBeGreaterThan(0);

      outage.restore();
      const after = await call(t, admin, 'after');
      await flushAudit(t);

      const rows = await recordsOfRequests(t, [before, ...during, after]);
      expect(rows.map((r) => r.requestId)).toEqual([before, ...during, after]);
      expect(seqs(rows)).toEqual([...seqs(rows)].sort((a, b) => a - b));
      expect(spoolFiles()).toEqual([]);
      expect(await verify(t, admin)).toMatchObject({ ok: true, problem: null });
    });
  });

  describe('shutdown', () => {
    it('stores what is still in the buffer when the app closes', async () => {
      const t = await createAuthTestApp(env);
      const admin = await signIn(t, { role: 'admin' });
      await flushAudit(t);
      const ids = [await call(t, admin, 'close1'), await call(t, admin, 'close2')];
      await new Promise((resolve) => setImmediate(resolve));
      expect(t.app.get(AuditWriter).pending).toBeGreaterThanOrEqual(2);
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

    it('spools what the database cannot take at shutdown; the next start replays it first', async () => {
      const first = await createAuthTestApp(env);
      const admin = await signIn(first, { role: 'admin' });
      await flushAudit(first);
      databaseDown(first);
      const ids = [await call(first, admin, 'down1'), await call(first, admin, 'down2')];
      await first.close();
      expect(spoolFiles().length).toBeGreaterThan(0);

      const second = await createAuthTestApp(env);
      try {
        await second.app.get(AuditWriter).flush();
        const rows = await recordsOfRequests(second, ids);
        expect(rows.map((r) => r.requestId)).toEqual(ids);
        expect(spoolFiles()).toEqual([]);
        const secondAdmin = await signIn(second, { role: 'admin' });
        expect(await verify(second, secondAdmin)).toMatchObject({ ok: true });
      } finally {
        await second.close();
      }
    });
  });

  it('writes nothing to the spool folder while the database takes the records', async () => {
    const t = await createAuthTestApp(env);
    try {
      await t.inject({ method: 'GET', url: '/api/health' });
      await flushAudit(t);
      expect(spoolFiles()).toEqual([]);
      expect(await t.app.get(DataSource).getRepository(AuditRecord).count()).toBeGreaterThan(0);
    } finally {
      await t.close();
    }
  });
});
