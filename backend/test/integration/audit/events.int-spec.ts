import { DataSource } from 'typeorm';
import { AccountLinkHousekeepingService } from '../../../src/modules/account-linking/account-link-housekeeping.service';
import { Mode } from '../../../src/modules/operators/entities/mode.entity';
import { User } from '../../../src/modules/users/entities/user.entity';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import { TestApp } from '../../support/test-app';
import {
  endOf,
  confirmationMail,
  createLinkWorld,
  LinkWorld,
  linkRow,
  newCustomer,
  setClock,
} from '../account-linking/support/link-fixtures';
import {
  createAuthTestApp,
  createUser,
  login,
  refresh,
  signIn,
  SignedIn,
  strongPassword,
  tokenOf,
  uniqueEmail,
} from '../auth/support/auth-fixtures';
import { insertCustomer, insertRecords, purchaseRow } from '../customers/support/customer-fixtures';
import { createOperator, deleteOperators } from '../operators/support/operator-fixtures';
import { autoBansSettled, freezeClock, minuteStart, removeIpRules } from '../security/support/security-fixtures';
import {
  eventRecords,
  flushAudit,
  linkStepRecords,
  newestEventRecord,
  requestId,
  requestRecord,
} from './support/audit-fixtures';

describe('audit log: domain events are stored with actor, entity, before and after', () => {
  let t: TestApp;
  let smtp: SmtpCapture;
  let admin: SignedIn;

  beforeAll(async () => {
    // Emails (verification, reset, invitation and account-link links) reach a capture server, whose tokens the tests use.
    smtp = await startSmtpCapture();
    // No grace for concurrent refreshes: presenting a rotated refresh token again is reuse at once.
    t = await createAuthTestApp({ REFRESH_REUSE_GRACE_SECONDS: '0', SMTP_URL: smtp.url });
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  /** A POST to an auth route with a fresh X-Request-Id; returns the response and that id. */
  const postAuth = async (route: string, payload: object) => {
    const id = requestId(route);
    const res = await t.inject({
      method: 'POST',
      url: `/api/v1/auth/${route}`,
      headers: { 'x-request-id': id },
      payload,
    });
    return { res, id };
  };

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

  it('mode changes: created, updated, deleted, with before and after and the request that made each', async () => {
    const modes = t.app.get(DataSource).getRepository(Mode);
    let id = '';
    do id = String(200 + Math.floor(Math.random() * 800)).padStart(3, '0');
    while (await modes.existsBy({ id }));
    const change = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const rid = requestId('mode');
      const res = await t.inject({ method, url, headers: { ...admin.headers, 'x-request-id': rid }, payload });
      expect(res.statusCode).toBe(method === 'POST' ? 201 : method === 'PATCH' ? 200 : 204);
      return rid;
    };
    const created = await change('POST', '/api/v1/modes', { id, shortDesc: 'hovercraft', longDesc: 'air cushion' });
    const updated = await change('PATCH', `/api/v1/modes/${id}`, { shortDesc: 'hover' });
    const deleted = await change('DELETE', `/api/v1/modes/${id}`);
    await flushAudit(t);

    const actor = { actorKind: 'user', actorId: admin.user.id, actorRole: 'admin', entity: 'mode', entityId: id };
    const mode = { id, shortDesc: 'hovercraft', longDesc: 'air cushion' };
    expect(await newestEventRecord(t, 'mode.created', id)).toMatchObject({
      ...actor,
      requestId: created,
      before: null,
      after: mode,
    });
    expect(await newestEventRecord(t, 'mode.updated', id)).toMatchObject({
      ...actor,
      requestId: updated,
      before: mode,
      after: { ...mode, shortDesc: 'hover' },
    });
    expect(await newestEventRecord(t, 'mode.deleted', id)).toMatchObject({
      ...actor,
      requestId: deleted,
      before: { ...mode, shortDesc: 'hover' },
      after: null,
    });
  });

  it('registration and email verification, by the anonymous owner of the address', async () => {
    const email = uniqueEmail('registrant');
    const password = strongPassword();
    const registered = await postAuth('register', { email, displayName: 'Registrant', password });
    expect(registered.res.statusCode).toBe(202);
    const mail = await smtp.waitFor({ to: email, subject: 'Verify your email address' });
    const token = tokenOf(mail.links.find((l) => l.includes('/verify-email?token='))!);
    const verified = await postAuth('verify-email', { token });
    expect(verified.res.statusCode).toBe(200);
    await flushAudit(t);

    const user = await t.app.get(DataSource).getRepository(User).findOneByOrFail({ email });
    const anonymous = { actorKind: 'anonymous', actorId: null, actorRole: null, entity: 'user', entityId: user.id };
    const [registeredEvent] = await eventRecords(t, 'auth.registered', user.id);
    expect(registeredEvent).toMatchObject({
      ...anonymous,
      requestId: registered.id,
      before: null,
      after: expect.objectContaining({ id: user.id, role: 'viewer', operatorId: null, verifiedAt: null }),
    });
    expect(await eventRecords(t, 'auth.email-verified', user.id)).toEqual([
      expect.objectContaining({ ...anonymous, requestId: verified.id }),
    ]);
    const stored = JSON.stringify([registeredEvent, ...(await eventRecords(t, 'auth.email-verified', user.id))]);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain(token);
  });

  it('password reset by the emailed link, and an accepted invitation', async () => {
    const s = await signIn(t);
    expect((await postAuth('forgot-password', { email: s.user.email })).res.statusCode).toBe(202);
    const resetMail = await smtp.waitFor({ to: s.user.email, subject: 'Reset your password' });
    const resetToken = tokenOf(resetMail.links[0]);
    const newPassword = strongPassword();
    const reset = await postAuth('reset-password', { token: resetToken, password: newPassword });
    expect(reset.res.statusCode).toBe(204);

    const email = uniqueEmail('invitee');
    const invited = await t.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.headers,
      payload: { email, displayName: 'Invitee', role: 'viewer' },
    });
    expect(invited.statusCode).toBe(201);
    const inviteeId = invited.json<{ id: string }>().id;
    const inviteToken = tokenOf((await smtp.waitFor({ to: email })).links[0]);
    const invitePassword = strongPassword();
    const accepted = await postAuth('accept-invitation', { token: inviteToken, password: invitePassword });
    expect(accepted.res.statusCode).toBe(204);
    await flushAudit(t);

    const [resetEvent] = await eventRecords(t, 'auth.password-reset', s.user.id);
    expect(resetEvent).toMatchObject({
      actorKind: 'anonymous',
      actorId: null,
      entity: 'user',
      entityId: s.user.id,
      requestId: reset.id,
      details: { sessionsEnded: 1 },
    });
    const [acceptedEvent] = await eventRecords(t, 'auth.invitation-accepted', inviteeId);
    expect(acceptedEvent).toMatchObject({
      actorKind: 'anonymous',
      actorId: null,
      entity: 'user',
      entityId: inviteeId,
      requestId: accepted.id,
      details: { sessionsEnded: 0 },
    });
    const stored = JSON.stringify([resetEvent, acceptedEvent]);
    for (const secret of [resetToken, newPassword, inviteToken, invitePassword]) expect(stored).not.toContain(secret);
  });

  it('an address blocked from signing in after too many failures: auth.login-ip-blocked', async () => {
    const ip = '198.51.100.231';
    const { maxFailures, blockSeconds } = t.config.auth.ipLimit;
    let last = '';
    for (let i = 0; i < maxFailures; i++) {
      last = requestId('ip-blocked');
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'x-request-id': last },
        payload: { email: uniqueEmail('nobody'), password: 'not the password' },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(i < maxFailures - 1 ? 401 : 429);
    }
    await flushAudit(t);

    const blocked = (await eventRecords(t, 'auth.login-ip-blocked')).filter((r) => r.details?.ip === ip);
    expect(blocked).toEqual([
      expect.objectContaining({
        actorKind: 'anonymous',
        actorId: null,
        entity: 'user',
        entityId: null,
        requestId: last,
        details: { emailSha256: expect.stringMatching(/^[0-9a-f]{64}$/), ip, lockSeconds: blockSeconds },
      }),
    ]);
  });

  describe('account links: a record for every step, with the link id and both ends', () => {
    let w: LinkWorld;

    beforeAll(async () => {
      w = await createLinkWorld(t);
    }, 60_000);
    afterAll(() => w?.cleanup());

    /** A request with a fresh X-Request-Id; returns the response and that id. */
    const send = async (method: 'GET' | 'POST' | 'DELETE', url: string, headers: object = {}, payload?: object) => {
      const id = requestId('link');
      const res = await t.inject({ method, url, headers: { ...headers, 'x-request-id': id }, payload });
      return { res, id };
    };
    /** What every step record of this link carries in `details`. */
    const linkDetails = (linkId: string, source: object, target: object): unknown =>
      expect.objectContaining({ linkId, source, target });
    const LINK_TOKEN = { actorKind: 'anonymous', actorId: null, actorRole: null };

    it('request → emails → preview → confirm → data read (staff and OTI client) → revoke', async () => {
      const a = await newCustomer(t, w.a);
      const b = await newCustomer(t, w.b);
      await insertRecords(t, [purchaseRow(b, '2026-04-01T00:00:00.000Z', '2026-04-01T23:59:59.000Z')]);
      const requested = await send('POST', '/api/v1/account-links', w.userA.headers, {
        source: endOf(a),
        target: endOf(b),
      });
      expect(requested.res.statusCode).toBe(202);
      const linkId = requested.res.json<{ id: string }>().id;
      const { token } = await confirmationMail(smtp, b.email);
      const previewed = await send('GET', `/api/v1/account-links/preview?token=${encodeURIComponent(token)}`);
      expect(previewed.res.statusCode).toBe(200);
      const confirmed = await send('POST', '/api/v1/account-links/confirm', {}, { token });
      expect(confirmed.res.statusCode).toBe(200);
      const staffRead = await send('GET', `/api/v1/account-links/${linkId}/purchases`, w.userA.headers);
      expect(staffRead.res.statusCode).toBe(200);
      const otiRead = await send('GET', `/api/oti/v1/accounts/${w.b}/purchase?filterString=${b.customerId}`, w.clientA);
      expect(otiRead.res.statusCode).toBe(200);
      const revoked = await send('DELETE', `/api/v1/account-links/${linkId}`, w.userB.headers);
      expect(revoked.res.statusCode).toBe(204);
      await flushAudit(t);

      const records = await linkStepRecords(t, linkId);
      expect(records.map((r) => r.type)).toEqual([
        'account-link.requested',
        'account-link.emailed',
        'account-link.emailed',
        'account-link.previewed',
        'account-link.confirmed',
        'account-link.data-read',
        'account-link.data-read',
        'account-link.revoked',
      ]);
      const userA = { actorKind: 'user', actorId: w.userA.user.id, actorRole: 'operator' };
      const ends = linkDetails(linkId, endOf(a), endOf(b));
      expect(records).toEqual([
        expect.objectContaining({
          ...userA,
          requestId: requested.id,
          entity: 'account-link',
          entityId: linkId,
          details: ends,
        }),
        expect.objectContaining({
          ...userA,
          requestId: requested.id,
          details: expect.objectContaining({ linkId, recipient: 'target-owner' }),
        }),
        expect.objectContaining({
          ...userA,
          requestId: requested.id,
          details: expect.objectContaining({ linkId, recipient: 'source-owner' }),
        }),
        // The public steps are taken by whoever holds the emailed link: anonymous, the kind kept in details.
        expect.objectContaining({
          ...LINK_TOKEN,
          requestId: previewed.id,
          details: expect.objectContaining({ linkId, actorKind: 'link-token' }),
        }),
        expect.objectContaining({
          ...LINK_TOKEN,
          requestId: confirmed.id,
          details: expect.objectContaining({ linkId, actorKind: 'link-token', source: endOf(a), target: endOf(b) }),
        }),
        expect.objectContaining({
          ...userA,
          requestId: staffRead.id,
          details: expect.objectContaining({
            linkId,
            channel: 'link-routes',
            what: 'purchases',
            count: 1,
            readEnd: 'target',
          }),
        }),
        expect.objectContaining({
          actorKind: 'apiClient',
          actorId: expect.any(String),
          requestId: otiRead.id,
          details: expect.objectContaining({ linkId, channel: 'customer-routes', readEnd: 'target' }),
        }),
        expect.objectContaining({
          actorKind: 'user',
          actorId: w.userB.user.id,
          actorRole: 'operator',
          requestId: revoked.id,
          details: ends,
        }),
      ]);
      // Never the token, its link or an email address.
      const stored = JSON.stringify(records);
      for (const secret of [token, encodeURIComponent(token), a.email, b.email]) expect(stored).not.toContain(secret);
    });

    it('a link declined by the owner of the target account', async () => {
      const source = await newCustomer(t, w.a);
      const target = await newCustomer(t, w.b);
      const requested = await send('POST', '/api/v1/account-links', w.writeA, {
        source: endOf(source),
        target: endOf(target),
      });
      expect(requested.res.statusCode).toBe(202);
      const linkId = requested.res.json<{ id: string }>().id;
      const { token } = await confirmationMail(smtp, target.email);
      const declined = await send('POST', '/api/v1/account-links/decline', {}, { token });
      expect(declined.res.statusCode).toBe(200);
      await flushAudit(t);

      const records = await linkStepRecords(t, linkId);
      expect(records.map((r) => r.type)).toEqual([
        'account-link.requested',
        'account-link.emailed',
        'account-link.emailed',
        'account-link.declined',
      ]);
      expect(records[0]).toMatchObject({
        actorKind: 'apiClient',
        actorId: expect.any(String),
        requestId: requested.id,
        details: linkDetails(linkId, endOf(source), endOf(target)),
      });
      expect(records[3]).toMatchObject({
        ...LINK_TOKEN,
        requestId: declined.id,
        details: expect.objectContaining({ linkId, actorKind: 'link-token', source: endOf(source) }),
      });
    });

    it('a link sent again (resent) and left to expire, which the clean-up records as the system', async () => {
      const source = await newCustomer(t, w.a);
      const target = await newCustomer(t, w.b);
      const requested = await send('POST', '/api/v1/account-links', w.writeA, {
        source: endOf(source),
        target: endOf(target),
      });
      expect(requested.res.statusCode).toBe(202);
      const linkId = requested.res.json<{ id: string }>().id;
      await confirmationMail(smtp, target.email);
      // Resending waits 10 minutes after the last email; expiry comes a token lifetime after the resend.
      let clock = setClock(t, new Date((await linkRow(t, linkId)).requestedAt.getTime() + 10 * 60_000));
      let resent: Awaited<ReturnType<typeof send>>;
      try {
        resent = await send('POST', `/api/v1/account-links/${linkId}/resend`, w.writeA);
        expect(resent.res.statusCode).toBe(202);
        await confirmationMail(smtp, target.email, 2);
        clock.restore();
        clock = setClock(t, (await linkRow(t, linkId)).expiresAt);
        expect(await t.app.get(AccountLinkHousekeepingService).expireStale()).toBeGreaterThanOrEqual(1);
      } finally {
        clock.restore();
      }
      await flushAudit(t);

      const records = await linkStepRecords(t, linkId);
      expect(records.map((r) => r.type)).toEqual([
        'account-link.requested',
        'account-link.emailed',
        'account-link.emailed',
        'account-link.resent',
        'account-link.emailed',
        'account-link.expired',
      ]);
      const client = records[0].actorId;
      expect(records[3]).toMatchObject({
        actorKind: 'apiClient',
        actorId: client,
        requestId: resent.id,
        details: linkDetails(linkId, endOf(source), endOf(target)),
      });
      expect(records[4]).toMatchObject({
        actorKind: 'apiClient',
        requestId: resent.id,
        details: expect.objectContaining({ linkId, recipient: 'target-owner' }),
      });
      // Scheduled work outside any request: the system, no request id.
      expect(records[5]).toMatchObject({
        actorKind: 'system',
        actorId: null,
        actorRole: null,
        requestId: null,
        details: linkDetails(linkId, endOf(source), endOf(target)),
      });
    });
  });
});

describe('audit log: IP block and allow list events, automatic bans included', () => {
  let t: TestApp;
  let admin: SignedIn;
  const ranges = new Set<string>();

  beforeAll(async () => {
    // Automatic bans on for bad tokens (the other suites' apps have them off): three in ten minutes ban an address.
    t = await createAuthTestApp({ AUTO_BAN_INVALID_TOKENS: '3', AUTO_BAN_DURATION: '600' });
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(async () => {
    if (t) await removeIpRules(t, [...ranges]);
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** An admin request to the IP rules API with a fresh X-Request-Id; returns the response and that id. */
  const rules = async (method: 'POST' | 'DELETE', url: string, payload?: object) => {
    const id = requestId('ip-rules');
    const res = await t.inject({ method, url, headers: { ...admin.headers, 'x-request-id': id }, payload });
    return { res, id };
  };

  it('an admin adds and removes a block and an allowlist entry', async () => {
    ranges.add('198.51.100.232');
    ranges.add('2001:db8:a0d1::/48');
    const blocked = await rules('POST', '/api/v1/admin/ip-blocks', { range: '198.51.100.232', reason: 'Audit probe' });
    expect(blocked.res.statusCode).toBe(201);
    const block = blocked.res.json<{ id: string; range: string }>();
    const unblocked = await rules('DELETE', `/api/v1/admin/ip-blocks/${block.id}`);
    expect(unblocked.res.statusCode).toBe(204);
    const allowed = await rules('POST', '/api/v1/admin/ip-allows', { range: '2001:db8:a0d1::/48', reason: 'Partner' });
    expect(allowed.res.statusCode).toBe(201);
    const allow = allowed.res.json<{ id: string; range: string }>();
    const disallowed = await rules('DELETE', `/api/v1/admin/ip-allows/${allow.id}`);
    expect(disallowed.res.statusCode).toBe(204);
    await flushAudit(t);

    const byAdmin = { actorKind: 'user', actorId: admin.user.id, actorRole: 'admin' };
    expect(await eventRecords(t, 'ip-block.created', block.id)).toEqual([
      expect.objectContaining({ ...byAdmin, requestId: blocked.id, entity: 'ip-block', before: null, after: block }),
    ]);
    expect(await eventRecords(t, 'ip-block.deleted', block.id)).toEqual([
      expect.objectContaining({ ...byAdmin, requestId: unblocked.id, entity: 'ip-block', before: block, after: null }),
    ]);
    expect(await eventRecords(t, 'ip-allow.created', allow.id)).toEqual([
      expect.objectContaining({ ...byAdmin, requestId: allowed.id, entity: 'ip-allow', before: null, after: allow }),
    ]);
    expect(await eventRecords(t, 'ip-allow.deleted', allow.id)).toEqual([
      expect.objectContaining({ ...byAdmin, requestId: disallowed.id, entity: 'ip-allow', before: allow, after: null }),
    ]);
  });

  it('an automatic ban is recorded as the system, with what triggered it', async () => {
    const ip = '198.51.100.233';
    ranges.add(ip);
    // Ban counters use fixed ten-minute windows of the app's clock: all three requests fall in one.
    freezeClock(t, minuteStart(1_000));
    let last = '';
    for (let i = 0; i < 3; i++) {
      last = requestId('auto-ban');
      const res = await t.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { authorization: 'Bearer not-a-token', 'x-request-id': last },
        remoteAddress: ip,
      });
      expect(res.statusCode).toBe(401);
    }
    await autoBansSettled(t);
    await flushAudit(t);

    const [ban] = (await eventRecords(t, 'ip-block.auto-banned')).filter((r) => r.after?.range === ip);
    // Counted after the response, still in the context of the request that reached the threshold.
    expect(ban).toMatchObject({
      actorKind: 'system',
      actorId: null,
      actorRole: null,
      requestId: last,
      entity: 'ip-block',
      entityId: expect.any(String),
      before: null,
      after: expect.objectContaining({ range: ip, auto: true, createdBy: null }),
      details: { trigger: { kind: 'invalid-tokens', count: 3, windowSeconds: 600 } },
    });
    expect(ban.after?.id).toBe(ban.entityId);
  });
});
