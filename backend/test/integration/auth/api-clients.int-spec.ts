import { DataSource } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { ApiClient } from '../../../src/modules/api-clients/entities/api-client.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from './support/auth-fixtures';
import { AuthProbeModule } from './support/probe.module';

describe('API clients and the guard', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    t = await createAuthTestApp({}, { imports: [AuthProbeModule] });
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  async function createClient(payload: object) {
    const res = await t.inject({ method: 'POST', url: '/api/v1/api-clients', headers: admin.headers, payload });
    if (res.statusCode !== 201) throw new Error(`create failed: ${res.body}`);
    return res.json<{ client: { id: string; keyPrefix: string }; key: string }>();
  }
  const probe = (path: string, headers: Record<string, string>) =>
    t.inject({ method: 'GET', url: `/api/test-only/auth-probe/${path}`, headers });

  it('creates a client whose key is shown once, stored only as a hash, identifiable by prefix', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Query tool', scopes: ['operator-info:read'] },
    });
    expect(res.statusCode).toBe(201);
    const { client, key } = res.json<{ client: { id: string; keyPrefix: string }; key: string }>();
    expect(key).toMatch(new RegExp(`^oth_${client.keyPrefix}_[A-Za-z0-9_-]{43}$`));
    expect(client).toEqual({
      id: expect.any(String),
      name: 'Query tool',
      keyPrefix: expect.stringMatching(/^[0-9a-f]{8}$/),
      scopes: ['operator-info:read'],
      operatorId: null,
      expiresAt: null,
      revokedAt: null,
      dailyLimit: null,
      lastUsedAt: null,
      createdAt: expect.any(String),
    });
    const row = await t.app.get(DataSource).getRepository(ApiClient).findOneByOrFail({ id: client.id });
    expect(row.keyHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(key.split('_')[2]);

    const list = await t.inject({ method: 'GET', url: '/api/v1/api-clients', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json<{ id: string }[]>().find((c) => c.id === client.id)).toEqual(client);
    expect(list.body).not.toContain(key);
  });

  it('validates scopes and the operator binding', async () => {
    const post = (payload: object) =>
      t.inject({ method: 'POST', url: '/api/v1/api-clients', headers: admin.headers, payload });
    expect((await post({ name: 'x', scopes: ['customer-account:read'] })).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'operatorId' })],
    });
    expect((await post({ name: 'x', scopes: ['customer-account:read'], operatorId: '999' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect((await post({ name: 'x', scopes: ['everything'] })).json().code).toBe('VALIDATION_FAILED');
    expect((await post({ name: 'x', scopes: [] })).json().code).toBe('VALIDATION_FAILED');
    expect((await post({ name: 'x', scopes: ['customer-account:pii'], operatorId: '001' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await post({ name: 'x', scopes: ['operator-info:read'], expiresAt: '2001-01-01T00:00:00Z' })).json().code,
    ).toBe('VALIDATION_FAILED');
    expect((await post({ name: 'x', scopes: ['operator-info:read'], keyHash: 'mine' })).json().code).toBe(
      'VALIDATION_FAILED',
    );
    expect(
      (await post({ name: 'ok', scopes: ['customer-account:read', 'customer-account:pii'], operatorId: '001' }))
        .statusCode,
    ).toBe(201);
  });

  it('lets a key call only routes whose scopes it holds, and never staff-only routes', async () => {
    const { key, client } = await createClient({ name: 'Directory reader', scopes: ['operator-info:read'] });
    const headers = { 'x-api-key': key };
    const ok = await probe('operator-info', headers);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ kind: 'apiClient', id: client.id });

    const noScope = await probe('customers', headers);
    expect(noScope.statusCode).toBe(403);
    expect(noScope.json()).toMatchObject({ code: 'FORBIDDEN' });
    expect((await probe('staff', headers)).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/api-clients', headers })).statusCode).toBe(403);

    // Staff need a role on the route: a viewer may read the directory, but not a scope-only route.
    const viewer = await signIn(t, { role: 'viewer' });
    expect((await probe('operator-info', viewer.headers)).json()).toEqual({ kind: 'user', role: 'viewer' });
    expect((await probe('customers', viewer.headers)).statusCode).toBe(403);
    expect((await probe('staff', viewer.headers)).statusCode).toBe(200);
  });

  it('records the last use at most once a minute', async () => {
    const { key, client } = await createClient({ name: 'Busy', scopes: ['operator-info:read'] });
    const repo = t.app.get(DataSource).getRepository(ApiClient);
    await probe('operator-info', { 'x-api-key': key });
    const first = (await repo.findOneByOrFail({ id: client.id })).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await probe('operator-info', { 'x-api-key': key });
    expect((await repo.findOneByOrFail({ id: client.id })).lastUsedAt).toEqual(first);
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 61_000));
    await probe('operator-info', { 'x-api-key': key });
    expect((await repo.findOneByOrFail({ id: client.id })).lastUsedAt!.getTime()).toBeGreaterThan(first!.getTime());
  });

  it('refuses revoked, expired, unknown and malformed keys with 401', async () => {
    const revoked = await createClient({ name: 'Old', scopes: ['operator-info:read'] });
    expect((await probe('operator-info', { 'x-api-key': revoked.key })).statusCode).toBe(200);
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/v1/api-clients/${revoked.client.id}`,
      headers: admin.headers,
    });
    expect(del.statusCode).toBe(204);

    const expiring = await createClient({
      name: 'Short-lived',
      scopes: ['operator-info:read'],
      expiresAt: new Date(Date.now() + 3600_000).toISOString(),
    });
    const { key: valid } = await createClient({ name: 'Valid', scopes: ['operator-info:read'] });
    const tampered = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');

    for (const key of [revoked.key, tampered, 'oth_00000000_' + 'a'.repeat(43), 'not-a-key']) {
      const res = await probe('operator-info', { 'x-api-key': key });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('UNAUTHENTICATED');
      expect(res.headers['www-authenticate']).toBe('Bearer realm="oth"');
    }
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 2 * 3600_000));
    expect((await probe('operator-info', { 'x-api-key': expiring.key })).statusCode).toBe(401);
    jest.restoreAllMocks();

    const unknown = await t.inject({
      method: 'DELETE',
      url: '/api/v1/api-clients/6f1c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f',
      headers: admin.headers,
    });
    expect(unknown.json()).toMatchObject({ statusCode: 404, code: 'API_CLIENT_NOT_FOUND' });
  });

  it('refuses a route that declares no permission, even to an admin', async () => {
    expect((await probe('undeclared', admin.headers)).statusCode).toBe(403);
    expect((await probe('undeclared', {})).statusCode).toBe(403);
  });

  it('refuses both credentials at once', async () => {
    const { key } = await createClient({ name: 'Both', scopes: ['operator-info:read'] });
    const res = await probe('operator-info', { ...admin.headers, 'x-api-key': key });
    expect(res.statusCode).toBe(401);
  });

  it('keeps admin routes from viewers and operators (403) and from anonymous callers (401)', async () => {
    const viewer = await signIn(t, { role: 'viewer' });
    const operator = await signIn(t, { role: 'operator', operatorId: '003' });
    for (const [method, url] of [
      ['GET', '/api/v1/api-clients'],
      ['POST', '/api/v1/api-clients'],
      ['DELETE', '/api/v1/api-clients/6f1c1f7e-3a4b-4c5d-8e9f-0a1b2c3d4e5f'],
      ['GET', '/api/v1/users'],
      ['POST', '/api/v1/users'],
      ['PATCH', `/api/v1/users/${viewer.user.id}`],
    ] as const) {
      for (const who of [viewer, operator]) {
        const res = await t.inject({ method, url, headers: who.headers, payload: {} });
        expect({ method, url, status: res.statusCode, code: res.json().code }).toEqual({
          method,
          url,
          status: 403,
          code: 'FORBIDDEN',
        });
      }
      expect((await t.inject({ method, url, payload: {} })).statusCode).toBe(401);
    }
  });
});
