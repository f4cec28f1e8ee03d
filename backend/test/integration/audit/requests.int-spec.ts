import { randomInt } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiClient } from '../../../src/modules/api-clients/entities/api-client.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, login, signIn, SignedIn, uniqueEmail } from '../auth/support/auth-fixtures';
import { Clock } from '../../../src/common/time/clock';
import { IpBlock } from '../../../src/modules/security/ip-rules/entities/ip-block.entity';
import { eventRecords, flushAudit, requestId, requestRecord } from './support/audit-fixtures';

describe('audit log: every API request is recorded', () => {
  let t: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    viewer = await signIn(t, { role: 'viewer' });
  });
  afterAll(() => t?.close());

  const get = (url: string, headers: Record<string, string> = {}, remoteAddress = '127.0.0.1') => {
    const id = requestId();
    return t
      .inject({ method: 'GET', url, headers: { 'x-request-id': id, ...headers }, remoteAddress })
      .then((res) => ({ res, id }));
  };

  it('a signed-in request: actor and role, IP, method, route template, path, status, duration, user agent', async () => {
    const { res, id } = await get(
      '/api/v1/operators/012',
      { ...admin.headers, 'user-agent': 'audit-test/1.0' },
      '203.0.113.7',
    );
    expect(res.statusCode).toBe(200);
    await flushAudit(t);
    const record = await requestRecord(t, id);
    expect(record).toMatchObject({
      type: 'request',
      requestId: id,
      actorKind: 'user',
      actorId: admin.user.id,
      actorRole: 'admin',
      ip: '203.0.113.7',
      method: 'GET',
      route: '/api/v1/operators/:id',
      path: '/api/v1/operators/012',
      status: 200,
      userAgent: 'audit-test/1.0',
      errorCode: null,
      entity: null,
      before: null,
      after: null,
    });
    expect(record.durationMs).toBeGreaterThanOrEqual(0);
    expect(record.at.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(record.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('401 without credentials: an anonymous record with the error code', async () => {
    const { res, id } = await get('/api/v1/operators');
    expect(res.statusCode).toBe(401);
    await flushAudit(t);
    expect(await requestRecord(t, id)).toMatchObject({
      actorKind: 'anonymous',
      actorId: null,
      status: 401,
      errorCode: 'UNAUTHENTICATED',
      route: '/api/v1/operators',
    });
  });

  it('403 for a role the route does not allow: the refused user is named', async () => {
    const { res, id } = await get('/api/v1/users', viewer.headers);
    expect(res.statusCode).toBe(403);
    await flushAudit(t);
    expect(await requestRecord(t, id)).toMatchObject({
      actorKind: 'user',
      actorId: viewer.user.id,
      actorRole: 'viewer',
      status: 403,
      errorCode: 'FORBIDDEN',
    });
  });

  it('403 for a blocked address, answered before any other work: recorded with the code and the address', async () => {
    // An address no other test file uses (IPv6 documentation range, random host part).
    const range = `2001:db8:a0d2::${randomInt(1, 0xffff).toString(16)}`;
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/ip-blocks',
      headers: admin.headers,
      payload: { range, reason: 'audit test' },
    });
    expect(created.statusCode).toBe(201);
    try {
      const { res, id } = await get('/api/v1/operators', viewer.headers, range);
      expect(res.statusCode).toBe(403);
      await flushAudit(t);
      expect(await requestRecord(t, id)).toMatchObject({
        actorKind: 'anonymous',
        ip: range,
        status: 403,
        errorCode: 'IP_BLOCKED',
        path: '/api/v1/operators',
      });
      // The block itself is a change event like any other.
      const blockId = created.json<{ id: string }>().id;
      expect(await eventRecords(t, 'ip-block.created', blockId)).toEqual([
        expect.objectContaining({ actorId: admin.user.id, after: expect.objectContaining({ range }) }),
      ]);
    } finally {
      await t.app.get(DataSource).getRepository(IpBlock).delete({ range });
    }
  });

  it('404 for an unknown route: no route template, the path without its query string', async () => {
    const { res, id } = await get('/api/v1/no-such-thing?token=secret-value&q=1');
    expect(res.statusCode).toBe(404);
    await flushAudit(t);
    const record = await requestRecord(t, id);
    expect(record).toMatchObject({
      route: null,
      path: '/api/v1/no-such-thing',
      status: 404,
      errorCode: 'ROUTE_NOT_FOUND',
    });
    expect(JSON.stringify(record)).not.toContain('secret-value');
  });

  it('429 when sign-in is locked: recorded with ACCOUNT_LOCKED', async () => {
    const email = uniqueEmail('locked');
    let last = await login(t, email, 'wrong password 1');
    for (let i = 0; i < 5 && last.statusCode !== 429; i++) last = await login(t, email, `wrong password ${i}`);
    expect(last.statusCode).toBe(429);
    await flushAudit(t);
    expect(await requestRecord(t, last.headers['x-request-id'] as string)).toMatchObject({
      method: 'POST',
      route: '/api/v1/auth/login',
      status: 429,
      errorCode: 'ACCOUNT_LOCKED',
      actorKind: 'anonymous',
    });
  });

  it('an API client is named by its id', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Audit probe', scopes: ['operator-info:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { client, key } = created.json<{ client: { id: string }; key: string }>();
    const { res, id } = await get('/api/v1/modes', { 'x-api-key': key });
    expect(res.statusCode).toBe(200);
    await flushAudit(t);
    expect(await requestRecord(t, id)).toMatchObject({ actorKind: 'apiClient', actorId: client.id, actorRole: null });
    await t.app.get(DataSource).getRepository(ApiClient).delete({ id: client.id });
  });

  it('X-Forwarded-For does not change the recorded address unless a proxy is trusted', async () => {
    const { id } = await get('/api/health', { 'x-forwarded-for': '192.0.2.99' }, '127.0.0.5');
    await flushAudit(t);
    expect((await requestRecord(t, id)).ip).toBe('127.0.0.5');
  });

  it('cuts long user agents to 300 characters', async () => {
    const { id } = await get('/api/health', { 'user-agent': `x${'y'.repeat(1000)}` });
    await flushAudit(t);
    expect((await requestRecord(t, id)).userAgent).toHaveLength(300);
  });

  it('does not record requests outside the API (the web app)', async () => {
    const before = t.app.get(DataSource).getRepository('audit_records');
    const count = await before.count();
    await t.inject({ method: 'GET', url: '/operators', headers: { accept: 'text/html' } });
    await flushAudit(t);
    expect(await before.count()).toBe(count);
  });

  describe('with a small budget', () => {
    let small: TestApp;
    beforeAll(async () => {
      small = await createAuthTestApp({ THROTTLE_USER_PER_MINUTE: '2' });
    });
    afterAll(() => small?.close());

    it('429 when a signed-in user runs out of budget: recorded with RATE_LIMITED and the user', async () => {
      // One minute window, frozen inside the current minute so the count cannot straddle two windows.
      const frozen = new Date(Math.floor(Date.now() / 60_000) * 60_000 + 1000);
      jest.spyOn(small.app.get(Clock), 'now').mockReturnValue(frozen);
      const user = await signIn(small);
      let last = { statusCode: 0, headers: {} as Record<string, unknown> };
      for (let i = 0; i < 4 && last.statusCode !== 429; i++) {
        last = await small.inject({ method: 'GET', url: '/api/v1/auth/me', headers: user.headers });
      }
      expect(last.statusCode).toBe(429);
      await flushAudit(small);
      expect(await requestRecord(small, last.headers['x-request-id'] as string)).toMatchObject({
        status: 429,
        errorCode: 'RATE_LIMITED',
        route: '/api/v1/auth/me',
        actorKind: 'user',
        actorId: user.user.id,
      });
      jest.restoreAllMocks();
    });
  });
});
