import { DataSource, Repository } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { AuditRetentionService } from '../../../src/modules/audit/audit-retention.service';
import { AuditChainState } from '../../../src/modules/audit/entities/audit-chain-state.entity';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { FreshDatabase, freshDatabase } from '../database/fresh-database';
import { flushAudit } from './support/audit-fixtures';

const DAY = 86_400_000;

describe('audit retention: old records are purged and the chain still verifies', () => {
  let fresh: FreshDatabase;
  let t: TestApp;
  let admin: SignedIn;
  let records: Repository<AuditRecord>;

  beforeAll(async () => {
    fresh = await freshDatabase('audit_retention');
    t = await createAuthTestApp({ ...fresh.env, SEED_DEMO_DATA: 'false', AUDIT_RETENTION_DAYS: '30' });
    admin = await signIn(t, { role: 'admin' });
    records = t.app.get(DataSource).getRepository(AuditRecord);
  });
  afterAll(async () => {
    await t?.close();
    await fresh?.drop();
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    admin = await signIn(t, { role: 'admin' });
  });

  const traffic = async (n: number) => {
    for (let i = 0; i < n; i++) await t.inject({ method: 'GET', url: '/api/v1/modes', headers: admin.headers });
    await flushAudit(t);
  };
  const verify = async () =>
    (await t.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: admin.headers })).json<{
      ok: boolean;
      anchor: { seq: number; hash: string };
      problem: { id: number } | null;
    }>();
  /** Moves the clock on and signs the admin in again (the sessions of the real now have ended by then). */
  const later = async (days: number) => {
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + days * DAY));
    admin = await signIn(t, { role: 'admin' });
  };

  it('deletes records past AUDIT_RETENTION_DAYS, oldest first, and anchors the chain at the last one deleted', async () => {
    await traffic(5);
    const old = await records.find({ order: { seq: 'ASC' } });
    const lastOld = old[old.length - 1];

    await later(31);
    await traffic(3); // recorded 31 days on: kept
    const purged = await t.app.get(AuditRetentionService).purge();

    expect(purged).toBe(old.length);
    expect(await records.countBy({ seq: lastOld.seq })).toBe(0);
    const state = await t.app.get(DataSource).getRepository(AuditChainState).findOneByOrFail({ id: 1 });
    expect(state).toMatchObject({ anchorSeq: lastOld.seq, anchorHash: lastOld.hash });
    const result = await verify();
    expect(result).toMatchObject({ ok: true, problem: null, anchor: { seq: lastOld.seq, hash: lastOld.hash } });
    // The detail of a purged record is gone.
    const gone = await t.inject({ method: 'GET', url: `/api/v1/admin/audit/${lastOld.seq}`, headers: admin.headers });
    expect(gone.json()).toMatchObject({ statusCode: 404, code: 'AUDIT_RECORD_NOT_FOUND' });
  });

  it('keeps everything within retention', async () => {
    await traffic(2);
    const count = await records.count();
    expect(await t.app.get(AuditRetentionService).purge()).toBe(0);
    expect(await records.count()).toBe(count);
  });

  it('stops at an altered record instead of hiding it behind the anchor', async () => {
    await traffic(4);
    const [first, second] = await records.find({ order: { seq: 'ASC' }, take: 2 });
    await records.update({ seq: second.seq }, { status: 599 });
    await later(400);
    expect(await t.app.get(AuditRetentionService).purge()).toBe(1);
    const result = await verify();
    expect(result.anchor.seq).toBe(first.seq);
    expect(result).toMatchObject({ ok: false, problem: { id: second.seq } });
    await records.update({ seq: second.seq }, { status: second.status });
  });
});
