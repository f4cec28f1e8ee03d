import { randomInt } from 'node:crypto';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { apiKey, createOperator, deleteOperators } from '../operators/support/operator-fixtures';
import { flushAudit, parseCsv, requestId } from './support/audit-fixtures';

interface Item {
  id: number;
  at: string;
  type: string;
  requestId: string | null;
  actor: { kind: string; id: string | null; role: string | null };
  ip: string | null;
  route: string | null;
  path: string | null;
  status: number | null;
  entity: string | null;
  entityId: string | null;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
}

describe('audit admin API: search, detail, export', () => {
  let t: TestApp;
  let admin: SignedIn;
  /** A user whose every request the tests make, from one address of its own. */
  let actor: SignedIn;
  /** An address no other test file uses (IPv6 documentation range, random 32-bit host part). */
  const ip = `2001:db8:a0d1::${randomInt(1, 0xffff).toString(16)}:${randomInt(1, 0xffff).toString(16)}`;
  const started = new Date(Date.now() - 1000).toISOString();
  const ids: string[] = [];

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    actor = await signIn(t, { role: 'viewer' });
    const as = (url: string, label: string) => {
      const id = requestId(label);
      ids.push(id);
      return t.inject({ method: 'GET', url, headers: { ...actor.headers, 'x-request-id': id }, remoteAddress: ip });
    };
    await as('/api/v1/modes', 'ok1');
    await as('/api/v1/operators?q=tram', 'ok2');
    await as('/api/v1/users', 'forbidden');
    await as('/api/v1/nowhere', 'missing');
    await as('/api/v1/operators/001', 'ok3');
    await flushAudit(t);
  });
  afterAll(() => t?.close());

  const list = async (query: Record<string, string | number>, headers = admin.headers) => {
    const qs = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
    return t.inject({ method: 'GET', url: `/api/v1/admin/audit?${qs}`, headers });
  };
  const page = async (query: Record<string, string | number>) => {
    const res = await list(query);
    expect(res.statusCode).toBe(200);
    return res.json<Page>();
  };

  it('filters by actor: the requests of one user, newest first', async () => {
    const { items, nextCursor } = await page({ actor: actor.user.id, type: 'request', from: started });
    // The unknown route ran no guard: its credentials were never checked, so it is not the user's (see below).
    expect(items.map((i) => i.requestId)).toEqual([...ids].filter((id) => !id.includes('missing')).reverse());
    expect(nextCursor).toBeNull();
    expect(items[0]).toMatchObject({
      type: 'request',
      actor: { kind: 'user', id: actor.user.id, role: 'viewer' },
      ip,
      route: '/api/v1/operators/:id',
      path: '/api/v1/operators/001',
      status: 200,
    });
    expect(items.map((i) => i.id)).toEqual([...items.map((i) => i.id)].sort((a, b) => b - a));
  });

  it('filters by IP address, status class, route and request id', async () => {
    expect((await page({ ip })).items.map((i) => i.requestId)).toEqual([...ids].reverse());
    expect((await page({ ip, status: '4xx' })).items.map((i) => i.status)).toEqual([404, 403]);
    expect((await page({ ip, status: '2xx' })).items).toHaveLength(3);
    expect((await page({ ip, status: '5xx' })).items).toHaveLength(0);
    // A template or a path, any part of it, any case.
    expect((await page({ ip, route: '/OPERATORS/:id' })).items.map((i) => i.path)).toEqual(['/api/v1/operators/001']);
    expect((await page({ ip, route: 'nowhere' })).items.map((i) => i.status)).toEqual([404]);
    expect((await page({ ip, route: '%' })).items).toHaveLength(0);
    expect((await page({ requestId: ids[2] })).items).toEqual([expect.objectContaining({ status: 403 })]);
  });

  it('filters by time range', async () => {
    const all = (await page({ ip })).items;
    const middle = all[2].at;
    expect((await page({ ip, to: middle })).items.every((i) => i.at <= middle)).toBe(true);
    expect((await page({ ip, from: middle })).items.every((i) => i.at >= middle)).toBe(true);
    expect((await page({ ip, from: '2000-01-01', to: '2000-01-02' })).items).toEqual([]);
  });

  it('filters by event type, a family of them, and the thing concerned', async () => {
    const op = await createOperator(t, admin.headers);
    await deleteOperators(t, admin.headers, [op.id]);
    await flushAudit(t);
    const exact = await page({ type: 'operator.created', entityId: op.id, from: started });
    expect(exact.items).toEqual([expect.objectContaining({ type: 'operator.created', entity: 'operator' })]);
    const family = await page({ type: 'operator.*', entity: 'operator', entityId: op.id, from: started });
    expect(family.items.map((i) => i.type)).toEqual(['operator.deleted', 'operator.created']);
    expect((await page({ type: 'request', ip })).items.every((i) => i.type === 'request')).toBe(true);
    expect((await page({ actorKind: 'anonymous', ip })).items).toEqual([
      expect.objectContaining({ status: 404, actor: { kind: 'anonymous', id: null, role: null } }),
    ]);
  });

  it('pages with a cursor: no overlap, no gap, a null cursor at the end', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: Page = await page({ ip, limit: 2, ...(cursor && { cursor }) });
      expect(res.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.items.map((i) => i.id));
      cursor = res.nextCursor;
    } while (cursor);
    const all = (await page({ ip })).items.map((i) => i.id);
    expect(seen).toEqual(all);
    expect(all).toHaveLength(5);
  });

  it('shows one record with before, after and the field diff; an unknown id is 404', async () => {
    const op = await createOperator(t, admin.headers);
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/operators/${op.id}`,
      headers: admin.headers,
      payload: { email: `changed@op${op.id}.example.org` },
    });
    await deleteOperators(t, admin.headers, [op.id]);
    await flushAudit(t);
    const [updated] = (await page({ type: 'operator.updated', entityId: op.id, from: started })).items;
    const res = await t.inject({ method: 'GET', url: `/api/v1/admin/audit/${updated.id}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    const detail = res.json();
    expect(detail).toMatchObject({
      id: updated.id,
      type: 'operator.updated',
      before: expect.objectContaining({ email: op.email }),
      after: expect.objectContaining({ email: `changed@op${op.id}.example.org` }),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      prevHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(detail.diff).toContainEqual({
      path: 'email',
      kind: 'changed',
      before: op.email,
      after: `changed@op${op.id}.example.org`,
    });

    const missing = await t.inject({ method: 'GET', url: '/api/v1/admin/audit/999999999', headers: admin.headers });
    expect(missing.json()).toMatchObject({ statusCode: 404, code: 'AUDIT_RECORD_NOT_FOUND' });
  });

  it('exports the filtered records as CSV, newest first, with formula-looking cells neutralised', async () => {
    const id = requestId('csv');
    await t.inject({
      method: 'GET',
      url: '/api/v1/modes',
      headers: { ...actor.headers, 'x-request-id': id, 'user-agent': '=HYPERLINK("http://evil.example")' },
      remoteAddress: ip,
    });
    await flushAudit(t);
    const res = await t.inject({ method: 'GET', url: `/api/v1/admin/audit/export?ip=${ip}`, headers: admin.headers });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="audit-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = parseCsv(res.body);
    expect(rows.map((r) => r.requestId)).toEqual([id, ...[...ids].reverse()]);
    expect(rows[0]).toMatchObject({
      type: 'request',
      actorKind: 'user',
      actorId: actor.user.id,
      ip,
      route: '/api/v1/modes',
      status: '200',
      userAgent: `'=HYPERLINK("http://evil.example")`,
    });
    expect(Object.keys(rows[0])).toContain('hash');
    const listed = (await page({ ip })).items.map((i) => String(i.id));
    expect(rows.map((r) => r.id)).toEqual(listed);
  });

  it('refuses bad filters with 400 VALIDATION_FAILED naming the parameter', async () => {
    const bad: [Record<string, string>, string][] = [
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-05-02', to: '2026-05-01' }, 'to'],
      [{ status: '6xx' }, 'status'],
      [{ ip: '999.1.1.1' }, 'ip'],
      [{ type: 'DROP TABLE' }, 'type'],
      [{ limit: '500' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ cursor: 'abc' }, 'cursor'],
      [{ actor: "x' OR 1=1" }, 'actor'],
      [{ route: 'a\u0000b' }, 'route'],
      [{ unknown: '1' }, 'unknown'],
    ];
    for (const [query, field] of bad) {
      const res = await list(query);
      expect({ query, status: res.statusCode, code: res.json().code }).toEqual({
        query,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
      expect(res.json().details).toContainEqual(expect.objectContaining({ field }));
    }
    const badId = await t.inject({ method: 'GET', url: '/api/v1/admin/audit/abc', headers: admin.headers });
    expect(badId.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    const badExport = await t.inject({
      method: 'GET',
      url: '/api/v1/admin/audit/export?status=9xx',
      headers: admin.headers,
    });
    expect(badExport.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });

  it('is for admins only: staff of other roles 403, API clients 403, no credentials 401', async () => {
    const operator = await signIn(t, { role: 'operator' });
    const key = await apiKey(t, admin.headers, ['operator-info:read']);
    const urls = [
      '/api/v1/admin/audit',
      '/api/v1/admin/audit/1',
      '/api/v1/admin/audit/export',
      '/api/v1/admin/audit/verify',
    ];
    for (const url of urls) {
      const codes = [
        (await t.inject({ method: 'GET', url, headers: actor.headers })).statusCode,
        (await t.inject({ method: 'GET', url, headers: operator.headers })).statusCode,
        (await t.inject({ method: 'GET', url, headers: { 'x-api-key': key } })).statusCode,
        (await t.inject({ method: 'GET', url })).statusCode,
      ];
      expect({ url, codes }).toEqual({ url, codes: [403, 403, 403, 401] });
    }
  });
});
