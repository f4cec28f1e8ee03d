import { DataSource } from 'typeorm';
import { AuditWriter } from '../../../src/modules/audit/audit-writer.service';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
import { TestApp } from '../../support/test-app';
import { testDbKind } from '../../setup/test-database';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { FreshDatabase, freshDatabase } from '../database/fresh-database';
import { requestId } from './support/audit-fixtures';

// Real databases, fresh ones created and migrated for some suites, on a shared machine.
jest.setTimeout(60_000);

/**
 * Several instances on one database append to one chain: on PostgreSQL each flush locks the chain-state row, so
 * sequence numbers never collide and the chain stays whole. SQLite is meant for one instance; two on one file still
 * keep the chain whole (a write waits for the other's to end: transactions begin IMMEDIATE). Both instances run their
 * writer threads, as in production (two writers on the main thread of one test process would make each other's
 * waits block the thread they share).
 */
describe(`audit chain: two instances, one ${testDbKind()} database`, () => {
  let fresh: FreshDatabase;
  let a: TestApp;
  let b: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    fresh = await freshDatabase('audit_instances');
    const env = { ...fresh.env, SEED_DEMO_DATA: 'false', AUDIT_BATCH_SIZE: '3', AUDIT_WRITER: 'thread' };
    a = await createAuthTestApp(env);
    b = await createAuthTestApp(env);
    admin = await signIn(a, { role: 'admin' });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await fresh?.drop();
  });

  it('appends from both at once without a collision, and the chain verifies', async () => {
    const ids: string[] = [];
    const call = (t: TestApp) => {
      const id = requestId('inst');
      ids.push(id);
      return t.inject({ method: 'GET', url: '/api/v1/modes', headers: { ...admin.headers, 'x-request-id': id } });
    };
    for (let round = 0; round < 5; round++) {
      await Promise.all([call(a), call(b), call(a), call(b), call(a), call(b), call(a)]);
      await Promise.all([a.app.get(AuditWriter).flush(), b.app.get(AuditWriter).flush()]);
    }
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.all([a.app.get(AuditWriter).flush(), b.app.get(AuditWriter).flush()]);

    const rows = await a.app
      .get(DataSource)
      .getRepository(AuditRecord)
      .createQueryBuilder('r')
      .where('r.request_id IN (:...ids)', { ids })
      .getMany();
    expect(rows.map((r) => r.requestId).sort()).toEqual([...ids].sort());
    const verify = await b.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: admin.headers });
    expect(verify.json()).toMatchObject({ ok: true, problem: null });
  });
});
