import { DataSource, Repository } from 'typeorm';
import { main as auditVerify } from '../../../src/cli/audit-verify';
import { recordHash } from '../../../src/modules/audit/audit-chain';
import { toChainedRecord } from '../../../src/modules/audit/audit.repository';
import { AuditRecord } from '../../../src/modules/audit/entities/audit-record.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { FreshDatabase, freshDatabase } from '../database/fresh-database';
import { flushAudit } from './support/audit-fixtures';

interface Verification {
  ok: boolean;
  checked: number;
  anchor: { seq: number; hash: string };
  head: { seq: number; hash: string };
  problem: { id: number; kind: string; message: string } | null;
}

describe('audit chain: verification names the first record altered or removed', () => {
  let fresh: FreshDatabase;
  let t: TestApp;
  let admin: SignedIn;
  let records: Repository<AuditRecord>;

  beforeAll(async () => {
    // A database of its own: the tests break the chain on purpose.
    fresh = await freshDatabase('audit_chain');
    t = await createAuthTestApp({ ...fresh.env, SEED_DEMO_DATA: 'false' });
    admin = await signIn(t, { role: 'admin' });
    for (let i = 0; i < 8; i++) await t.inject({ method: 'GET', url: '/api/v1/modes', headers: admin.headers });
    await flushAudit(t);
    records = t.app.get(DataSource).getRepository(AuditRecord);
  });
  afterAll(async () => {
    await t?.close();
    await fresh?.drop();
  });

  async function verify(): Promise<Verification> {
    await flushAudit(t);
    const res = await t.inject({ method: 'GET', url: '/api/v1/admin/audit/verify', headers: admin.headers });
    expect(res.statusCode).toBe(200);
    return res.json<Verification>();
  }

  /** A record in the middle of the chain, and a way to put it back as it was. */
  async function middleRecord(): Promise<{ row: AuditRecord; restore: () => Promise<void> }> {
    const count = await records.count();
    const [row] = await records.find({ order: { seq: 'ASC' }, skip: Math.floor(count / 2), take: 1 });
    const original = { ...row };
    return {
      row,
      restore: async () => {
        await records.save(Object.assign(new AuditRecord(), original));
      },
    };
  }

  it('an untouched chain verifies: every record from the anchor to the head', async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, problem: null, anchor: { seq: 0, hash: '0'.repeat(64) } });
    expect(result.checked).toBe(result.head.seq);
    expect(result.checked).toBeGreaterThanOrEqual(9);
    const last = await records.findOneByOrFail({ seq: result.head.seq });
    expect(result.head.hash).toBe(last.hash);
  });

  it('a row edited in the database is named', async () => {
    const { row, restore } = await middleRecord();
    await records.createQueryBuilder().update().set({ status: 599 }).where('seq = :seq', { seq: row.seq }).execute();
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: false, problem: { id: row.seq, kind: 'altered' } });
      expect(result.checked).toBe(row.seq);
    } finally {
      await restore();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('a row edited with its hash recomputed is still named (the next record was chained to the old hash)', async () => {
    const { row, restore } = await middleRecord();
    const edited = { ...toChainedRecord(row), ip: '192.0.2.1' };
    const hash = recordHash(edited.prevHash, edited.seq, edited);
    await records
      .createQueryBuilder()
      .update()
      .set({ ip: '192.0.2.1', hash })
      .where('seq = :seq', { seq: row.seq })
      .execute();
    try {
      expect((await verify()).problem).toMatchObject({ id: row.seq, kind: 'altered' });
    } finally {
      await restore();
    }
  });

  it('a deleted row is named', async () => {
    const { row, restore } = await middleRecord();
    await records.createQueryBuilder().delete().where('seq = :seq', { seq: row.seq }).execute();
    try {
      const result = await verify();
      expect(result).toMatchObject({ ok: false, problem: { id: row.seq, kind: 'missing' } });
      expect(result.problem?.message).toBe(`Record ${row.seq} was removed`);
    } finally {
      await restore();
    }
    expect((await verify()).ok).toBe(true);
  });

  it('deleting the newest rows is named through the chain head', async () => {
    const head = (await verify()).head.seq;
    const rows = await records.find({ where: {}, order: { seq: 'DESC' }, take: 2 });
    const removed = rows.filter((r) => r.seq <= head);
    await records.delete(removed.map((r) => r.seq));
    try {
      const result = await verify();
      expect(result.problem).toMatchObject({ kind: 'missing', id: Math.min(...removed.map((r) => r.seq)) });
    } finally {
      await records.save(removed);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('npm run audit:verify checks the same chain: exit code 0 when intact, 1 naming the record when not', async () => {
    const run = async (args: string[] = []) => {
      const out: string[] = [];
      const code = await auditVerify(args, { ...fresh.env, NODE_ENV: 'test' }, (line) => out.push(line));
      return { code, out };
    };
    const intact = await run();
    expect(intact.code).toBe(0);
    expect(intact.out.at(-1)).toBe('OK: every record is intact and in place.');

    const { row, restore } = await middleRecord();
    await records
      .createQueryBuilder()
      .update()
      .set({ path: '/api/hidden' })
      .where('seq = :seq', { seq: row.seq })
      .execute();
    try {
      const broken = await run();
      expect(broken.code).toBe(1);
      expect(broken.out.at(-1)).toBe(
        `BROKEN at record ${row.seq} (altered): Record ${row.seq} does not match its hash`,
      );
      const json = await run(['--json']);
      expect(JSON.parse(json.out[0])).toMatchObject({ ok: false, problem: { seq: row.seq, kind: 'altered' } });
    } finally {
      await restore();
    }
    expect((await run()).code).toBe(0);
  });

  it('npm run audit:verify on a database without the audit tables says so (exit code 2)', async () => {
    const empty = await freshDatabase('audit_empty');
    try {
      const errors: string[] = [];
      const code = await auditVerify(
        [],
        { ...empty.env, NODE_ENV: 'test' },
        () => undefined,
        (line) => errors.push(line),
      );
      expect(code).toBe(2);
      expect(errors.join('\n')).toContain('no audit log yet');
    } finally {
      await empty.drop();
    }
  });

  it('the verify route is for admins only', async () => {
    const viewer = await signIn(t, { role: 'viewer' });
    const url = '/api/v1/admin/audit/verify';
    expect((await t.inject({ method: 'GET', url, headers: viewer.headers })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url })).statusCode).toBe(401);
    expect((await t.inject({ method: 'GET', url: `${url}?full=1`, headers: admin.headers })).json().code).toBe(
      'VALIDATION_FAILED',
    );
  });
});
