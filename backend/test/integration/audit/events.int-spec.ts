import { TestApp } from '../../support/test-app';
import {
  createAuthTestApp,
  createUser,
  login,
  refresh,
  signIn,
  SignedIn,
  strongPassword,
  uniqueEmail,
} from '../auth/support/auth-fixtures';
import { insertCustomer } from '../customers/support/customer-fixtures';
import { createOperator, deleteOperators } from '../operators/support/operator-fixtures';
import { eventRecords, flushAudit, newestEventRecord, requestId, requestRecord } from './support/audit-fixtures';

describe('audit log: domain events are stored with actor, entity, before and after', () => {
  let t: TestApp;
  let admin: SignedIn;

  beforeAll(async () => {
    // No grace for concurrent refreshes: presenting a rotated refresh token again is reuse at once.
    t = await createAuthTestApp({ REFRESH_REUSE_GRACE_SECONDS: '0' });
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(() => t?.close());

  it('operator changes: created, updated, deleted, each tied to the request that made it', async () => {
    // Operator ids have three digits and other tests reuse them: this test's events are the newest of each type.
    const op = await createOperator(t, admin.headers);
    const id = requestId('patch');
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/v1/operators/${op.id}`,
      headers: { ...admin.headers, 'x-request-id': id },
      payload: { name: `${op.name} renamed`, phone: '+44 20 7946 0999' },
    });
    expect(patched.statusCode).toBe(200);
    await deleteOperators(t, admin.headers, [op.id]);
    await flushAudit(t);

    const created = await newestEventRecord(t, 'operator.created', op.id);
    expect(created).toMatchObject({
      actorKind: 'user',
      actorId: admin.user.id,
      actorRole: 'admin',
      entity: 'operator',
      before: null,
      after: expect.objectContaining({ id: op.id, name: op.name }),
    });
    const updated = await newestEventRecord(t, 'operator.updated', op.id);
    expect(updated).toMatchObject({
      requestId: id,
      before: expect.objectContaining({ name: op.name, phone: op.phone }),
      after: expect.objectContaining({ name: `${op.name} renamed`, phone: '+44 20 7946 0999' }),
    });
    // The request that made the change is recorded too, and comes before its event or after it, under one id.
    expect(await requestRecord(t, id)).toMatchObject({ method: 'PATCH', route: '/api/v1/operators/:id', status: 200 });
    const deleted = await newestEventRecord(t, 'operator.deleted', op.id);
    expect(deleted).toMatchObject({ before: expect.objectContaining({ id: op.id }), after: null });

    const detail = await t.inject({ method: 'GET', url: `/api/v1/admin/audit/${updated.seq}`, headers: admin.headers });
    expect(detail.json().diff).toEqual([
      { path: 'name', kind: 'changed', before: op.name, after: `${op.name} renamed` },
      { path: 'phone', kind: 'changed', before: op.phone, after: '+44 20 7946 0999' },
      expect.objectContaining({ path: 'updatedAt', kind: 'changed' }),
    ]);
  });

  it('a read of customer data: who read which customer, what and through which face', async () => {
    const op = await createOperator(t, admin.headers, { accountsHosted: true });
    const customer = await insertCustomer(t, op.id);
    const res = await t.inject({
      method: 'GET',
      url: `/api/v1/operators/${op.id}/customers/${customer.customerId}`,
      headers: admin.headers,
    });
    expect(res.statusCode).toBe(200);
    await flushAudit(t);
    const records = (await eventRecords(t, 'customer.accessed')).filter(
      (r) => r.details?.customerId === customer.customerId,
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      actorKind: 'user',
      actorId: admin.user.id,
      requestId: res.headers['x-request-id'],
      details: expect.objectContaining({ operatorId: op.id, what: 'profile', channel: 'staff', piiMasked: false }),
    });
    expect(JSON.stringify(records[0])).not.toContain(customer.email);
  });

  it('sign-in: success, failure (email named only by its hash), lockout', async () => {
    const { user, password } = await createUser(t);
    const ok = await login(t, user.email, password);
    expect(ok.statusCode).toBe(200);
    const locked = await createUser(t);
    for (let i = 0; i < 5; i++) await login(t, locked.user.email, `not the password ${i}`);
    const unknownEmail = uniqueEmail('nobody');
    await login(t, unknownEmail, 'whatever password');
    await flushAudit(t);

    expect(await eventRecords(t, 'auth.login-succeeded', user.id)).toEqual([
      expect.objectContaining({ actorKind: 'user', actorId: user.id, actorRole: 'viewer', entity: 'user' }),
    ]);
    const failures = await eventRecords(t, 'auth.login-failed', locked.user.id);
    expect(failures.length).toBeGreaterThanOrEqual(4);
    expect(failures[0]).toMatchObject({
      actorKind: 'anonymous',
      details: { reason: 'invalid-credentials', emailSha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(await eventRecords(t, 'auth.login-locked', locked.user.id)).toHaveLength(1);
    const unknown = (await eventRecords(t, 'auth.login-failed')).filter((r) => r.entityId === null);
    expect(unknown.length).toBeGreaterThanOrEqual(1);
    for (const r of [...failures, ...unknown]) expect(JSON.stringify(r)).not.toMatch(/@example\.org/);
  });

  it('logout, logout everywhere and refresh-token reuse', async () => {
    const a = await signIn(t);
    const reused = a.refreshToken;
    expect((await refresh(t, reused)).statusCode).toBe(200);
    expect((await refresh(t, reused)).statusCode).toBe(401); // rotated away: reuse revokes the session
    const b = await signIn(t);
    await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: b.headers });
    const c = await signIn(t);
    await t.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: c.headers });
    await flushAudit(t);

    expect(await eventRecords(t, 'auth.refresh-token-reused', a.user.id)).toEqual([
      expect.objectContaining({ actorKind: 'anonymous', details: { sessionId: expect.any(String) } }),
    ]);
    expect(await eventRecords(t, 'auth.logout', b.user.id)).toEqual([
      expect.objectContaining({ actorKind: 'user', actorId: b.user.id }),
    ]);
    expect(await eventRecords(t, 'auth.logout-all', c.user.id)).toEqual([
      expect.objectContaining({ details: { sessionsEnded: 1 } }),
    ]);
  });

  it('user and role changes: invitation and update with before and after', async () => {
    const email = uniqueEmail('invitee');
    const invited = await t.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, displayName: 'Invitee', role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const userId = invited.json<{ id: string }>().id;
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/users/${userId}`,
      headers: admin.headers,
      payload: { role: 'operator', operatorId: '001' },
    });
    await flushAudit(t);

    expect(await eventRecords(t, 'user.invited', userId)).toEqual([
      expect.objectContaining({
        actorId: admin.user.id,
        before: null,
        after: expect.objectContaining({ role: 'viewer' }),
      }),
    ]);
    const [updated] = await eventRecords(t, 'user.updated', userId);
    expect(updated).toMatchObject({
      actorId: admin.user.id,
      before: expect.objectContaining({ role: 'viewer', operatorId: null }),
      after: expect.objectContaining({ role: 'operator', operatorId: '001' }),
    });
  });

  it('password change and API-client creation, change of its daily limit and revocation', async () => {
    const u = await signIn(t);
    const changed = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/change-password',
      headers: u.headers,
      payload: { currentPassword: u.password, newPassword: strongPassword() },
    });
    expect(changed.statusCode).toBe(204);
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Audit events probe', scopes: ['operator-info:read'] },
    });
    expect(created.statusCode).toBe(201);
    const { client, key } = created.json<{ client: { id: string; keyPrefix: string }; key: string }>();
    const patched = await t.inject({
      method: 'PATCH',
      url: `/api/v1/api-clients/${client.id}`,
      headers: admin.headers,
      payload: { dailyLimit: 1000 },
    });
    expect(patched.statusCode).toBe(200);
    await t.inject({ method: 'DELETE', url: `/api/v1/api-clients/${client.id}`, headers: admin.headers });
    await flushAudit(t);

    expect(await eventRecords(t, 'auth.password-changed', u.user.id)).toHaveLength(1);
    const [createdEvent] = await eventRecords(t, 'api-client.created', client.id);
    expect(createdEvent).toMatchObject({
      actorId: admin.user.id,
      entity: 'api-client',
      after: expect.objectContaining({ id: client.id, keyPrefix: client.keyPrefix, revokedAt: null }),
    });
    expect(JSON.stringify(createdEvent)).not.toContain(key);
    const [updated] = await eventRecords(t, 'api-client.updated', client.id);
    expect(updated).toMatchObject({
      actorId: admin.user.id,
      before: expect.objectContaining({ dailyLimit: null }),
      after: expect.objectContaining({ dailyLimit: 1000 }),
    });
    const [revoked] = await eventRecords(t, 'api-client.revoked', client.id);
    expect(revoked).toMatchObject({
      before: expect.objectContaining({ revokedAt: null }),
      after: expect.objectContaining({ revokedAt: expect.any(String) }),
    });
  });
});
