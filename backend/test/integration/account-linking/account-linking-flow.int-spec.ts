import { Writable } from 'node:stream';
import pino from 'pino';
import { DataSource } from 'typeorm';
import { REDACTED_PATHS } from '../../../src/bootstrap/logger';
import { sha256Hex } from '../../../src/modules/auth/auth-crypto';
import { AccountLinkToken } from '../../../src/modules/account-linking/entities/account-link-token.entity';
import type { Customer } from '../../../src/modules/customers/entities/customer.entity';
import type { AccountLinkEvent } from '../../../src/modules/events/domain-events';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import { concessionRow, insertRecords, purchaseRow, usageRow } from '../customers/support/customer-fixtures';
import {
  codeOf,
  confirm,
  confirmationMail,
  createLinkWorld,
  decline,
  endOf,
  linkRow,
  LinkWorld,
  newCustomer,
  NOTICE_SUBJECT,
  outboxTo,
  preview,
  recordEvents,
  requestLink,
  requestedLink,
} from './support/link-fixtures';

/**
 * The whole flow on a real database with a real SMTP server: a PSD-Ferries-like operator A asks to link its customer
 * with a customer of operator B; the email reaches B's customer's address on file; the owner previews and confirms by
 * the emailed link; A's staff and A's API client (OTI exchange) read B's records; revocation ends it on the next
 * request. Also the decline path and a request for an account that does not exist (same answer, no email).
 */
describe('account linking: request → email → confirm → read → revoke', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let w: LinkWorld;
  let a: Customer;
  let b: Customer;
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n'))
        if (text) logLines.push(JSON.parse(text) as Record<string, unknown>);
      done();
    },
  });

  beforeAll(async () => {
    capture = await startSmtpCapture();
    const rootLogger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    t = await createAuthTestApp({ SMTP_URL: capture.url }, { rootLogger });
    w = await createLinkWorld(t);
    a = await newCustomer(t, w.a, { name: 'Jane Smith' });
    b = w.customerB;
    await insertRecords(t, [purchaseRow(b, '2026-04-01T00:00:00.000Z', '2026-04-01T23:59:59.000Z')]);
    await insertRecords(t, [concessionRow(b, '2026-04-01T00:00:00.000Z', '2026-04-30T23:59:59.000Z')]);
    await insertRecords(t, [usageRow(b, '2026-04-01T08:00:00.000Z', '2026-04-01T08:30:00.000Z')]);
    await insertRecords(t, [purchaseRow(a, '2026-03-01T00:00:00.000Z', '2026-03-01T23:59:59.000Z')]);
  }, 60_000);

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
    await capture?.close();
  });

  it('links two accounts end to end, and revocation ends access on the next request', async () => {
    const recorder = recordEvents(t);

    // 1. A's operator user asks; 202 with id, pending, expiry.
    const res = await requestLink(t, w.userA.headers, endOf(a), endOf(b));
    expect(res.statusCode).toBe(202);
    const accepted = res.json<{ id: string; status: string; expiresAt: string }>();
    expect(Object.keys(accepted).sort()).toEqual(['expiresAt', 'id', 'status']);
    expect(accepted.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(accepted.status).toBe('pending');
    const hours = (Date.parse(accepted.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThanOrEqual(24);
    const id = accepted.id;

    // 2. The email reaches the target account's address on file, with the masked source and both links.
    const { mail, token, confirmUrl, declineUrl } = await confirmationMail(capture, b.email);
    expect(mail.to).toEqual([b.email.toLowerCase()]);
    expect(confirmUrl).toBe(`http://hub.test/link/confirm?token=${token}`);
    expect(declineUrl).toBe(`${confirmUrl}&action=decline`);
    expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(mail.text).toContain('J*** S***');
    expect(mail.text).toContain(`${a.email[0]}***@example.org`);
    expect(mail.text).not.toContain(a.email);
    expect(mail.text).not.toContain(a.name);
    expect(mail.text).toContain(`Test Operator ${w.a}`);
    expect(mail.html).toContain(confirmUrl.replace(/&/g, '&amp;'));
    // The source account's owner gets a notice without any link or token.
    const notice = await capture.waitFor({ to: a.email, subject: NOTICE_SUBJECT });
    expect(notice.text).toContain(`Test Operator ${w.b}`);
    expect(notice.text).not.toContain(b.customerId);
    expect(notice.links).toEqual([]);
    // Only the hash is stored.
    const stored = await t.app.get(DataSource).getRepository(AccountLinkToken).findBy({ linkId: id });
    expect(stored.map((row) => row.tokenHash)).toEqual([sha256Hex(token)]);

    // 3. Before confirmation: pending for both sides; no records yet.
    const pendingForA = await t.inject({ method: 'GET', url: `/api/v1/account-links/${id}`, headers: w.userA.headers });
    expect(pendingForA.json()).toMatchObject({ status: 'pending', canResend: false, confirmedAt: null });
    const early = await t.inject({
      method: 'GET',
      url: `/api/v1/account-links/${id}/purchases`,
      headers: w.userA.headers,
    });
    expect(codeOf(early)).toBe('409 LINK_NOT_CONFIRMED');
    const otiUrl = `/api/oti/v1/accounts/${w.b}/purchase?filterString=${b.customerId}`;
    expect(codeOf(await t.inject({ method: 'GET', url: otiUrl, headers: w.clientA }))).toBe(
      '403 CUSTOMER_ACCESS_DENIED',
    );

    // 4. The owner opens the link logged out: preview (masked, token not used up), then confirm.
    const shown = await preview(t, token);
    expect(shown.statusCode).toBe(200);
    expect(shown.json()).toEqual({
      sourceOperatorName: `Test Operator ${w.a}`,
      sourceName: 'J*** S***',
      sourceEmail: `${a.email[0]}***@example.org`,
      targetOperatorName: `Test Operator ${w.b}`,
      expiresAt: accepted.expiresAt,
    });
    expect((await preview(t, token)).statusCode).toBe(200);
    const confirmed = await t.inject({
      method: 'POST',
      url: '/api/v1/account-links/confirm',
      payload: { token },
      remoteAddress: '203.0.113.7',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toEqual({ status: 'confirmed' });
    const again = await confirm(t, token);
    expect(codeOf(again)).toBe('409 LINK_ALREADY_CONFIRMED');
    expect(codeOf(await preview(t, token))).toBe('409 LINK_ALREADY_CONFIRMED');

    // 5. Both sides see it confirmed; A's staff read B's records, B's staff read A's, admins the target's.
    for (const headers of [w.userA.headers, w.userB.headers, w.admin.headers, w.writeA, w.writeB]) {
      const seen = await t.inject({ method: 'GET', url: `/api/v1/account-links/${id}`, headers });
      expect(seen.statusCode).toBe(200);
      expect(seen.json()).toMatchObject({
        id,
        status: 'confirmed',
        source: { operatorId: w.a, operatorName: `Test Operator ${w.a}`, customerId: a.customerId },
        target: { operatorId: w.b, operatorName: `Test Operator ${w.b}`, customerId: b.customerId },
        confirmedAt: expect.any(String),
        revokedAt: null,
        canResend: false,
      });
    }
    const read = (headers: Record<string, string>, kind: string) =>
      t.inject({ method: 'GET', url: `/api/v1/account-links/${id}/${kind}`, headers });
    for (const kind of ['purchases', 'concessions', 'usages']) {
      const page = await read(w.userA.headers, kind);
      expect(page.statusCode).toBe(200);
      expect(page.json()).toMatchObject({ total: 1, page: 1, pageSize: 20 });
      expect(page.json<{ items: { operator: { id: string } }[] }>().items[0].operator.id).toBe(w.b);
    }
    const fromB = await read(w.userB.headers, 'purchases');
    expect(fromB.json<{ items: { travelValidFrom: string }[] }>().items[0].travelValidFrom).toBe(
      '2026-03-01T00:00:00.000Z',
    );
    const byAdmin = await read(w.admin.headers, 'purchases');
    expect(byAdmin.json<{ items: { travelValidFrom: string }[] }>().items[0].travelValidFrom).toBe(
      '2026-04-01T00:00:00.000Z',
    );
    const windowed = await t.inject({
      method: 'GET',
      url: `/api/v1/account-links/${id}/purchases?from=2026-05-01&pageSize=5`,
      headers: w.userA.headers,
    });
    expect(windowed.json()).toMatchObject({ items: [], total: 0, pageSize: 5 });

    // 6. OTI exchange: A's API client reads b through the OTI face; B's client reads a; nothing else of B.
    const oti = await t.inject({ method: 'GET', url: otiUrl, headers: w.clientA });
    expect(oti.statusCode).toBe(200);
    expect(oti.json<unknown[]>()).toHaveLength(1);
    const reverse = await t.inject({
      method: 'GET',
      url: `/api/oti/v1/accounts/${w.a}/purchase?filterString=${a.customerId}`,
      headers: w.clientB,
    });
    expect(reverse.statusCode).toBe(200);
    expect(reverse.json<unknown[]>()).toHaveLength(1);
    const otherOfB = await newCustomer(t, w.b);
    for (const url of [
      `/api/oti/v1/accounts/${w.b}/purchase?filterString=${otherOfB.customerId}`,
      `/api/oti/v1/accounts/${w.b}/usage?filterString=NOPE-${b.customerId}`,
      // The link shares records, never the linked account's profile.
      `/api/v1/operators/${w.b}/customers/${b.customerId}`,
    ]) {
      expect(codeOf(await t.inject({ method: 'GET', url, headers: w.clientA }))).toBe('403 CUSTOMER_ACCESS_DENIED');
    }
    // C's client is not part of the link.
    expect(codeOf(await t.inject({ method: 'GET', url: otiUrl, headers: w.clientC }))).toBe(
      '403 CUSTOMER_ACCESS_DENIED',
    );
    // Staff of A do not get B's customer routes through the link (they use the link's routes).
    const staffRoute = `/api/v1/operators/${w.b}/customers/${b.customerId}/purchases`;
    expect(codeOf(await t.inject({ method: 'GET', url: staffRoute, headers: w.userA.headers }))).toBe(
      '403 CUSTOMER_ACCESS_DENIED',
    );

    // 7. Either side revokes: the very next request is refused.
    const revoked = await t.inject({ method: 'DELETE', url: `/api/v1/account-links/${id}`, headers: w.userB.headers });
    expect(revoked.statusCode).toBe(204);
    expect(codeOf(await t.inject({ method: 'GET', url: otiUrl, headers: w.clientA }))).toBe(
      '403 CUSTOMER_ACCESS_DENIED',
    );
    expect(codeOf(await read(w.userA.headers, 'purchases'))).toBe('409 LINK_NOT_CONFIRMED');
    expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
    const after = await t.inject({ method: 'GET', url: `/api/v1/account-links/${id}`, headers: w.userA.headers });
    expect(after.json()).toMatchObject({ status: 'revoked', revokedAt: expect.any(String) });
    const twice = await t.inject({ method: 'DELETE', url: `/api/v1/account-links/${id}`, headers: w.userA.headers });
    expect(codeOf(twice)).toBe('409 LINK_NOT_ACTIVE');

    // 8. Each account's list shows it; the pair is free for a new request.
    const listed = await t.inject({
      method: 'GET',
      url: `/api/v1/account-links?operatorId=${w.b}&customerId=${b.customerId}`,
      headers: w.userB.headers,
    });
    expect(listed.json<{ id: string }[]>().map((l) => l.id)).toContain(id);

    // Events: every step, each with the link id and both ends, never the token.
    recorder.stop();
    const linkEvents = recorder.events.filter((e): e is AccountLinkEvent => e.type.startsWith('account-link.'));
    const steps = linkEvents.filter((e) => e.linkId === id).map((e) => e.type);
    for (const step of ['requested', 'emailed', 'previewed', 'confirmed', 'data-read', 'revoked']) {
      expect(steps).toContain(`account-link.${step}`);
    }
    expect(linkEvents.filter((e) => e.type === 'account-link.emailed' && e.linkId === id)).toEqual([
      expect.objectContaining({ recipient: 'target-owner' }),
      expect.objectContaining({ recipient: 'source-owner' }),
    ]);
    expect(linkEvents.find((e) => e.type === 'account-link.confirmed')).toMatchObject({
      actor: { kind: 'link-token', id: null },
      source: endOf(a),
      target: endOf(b),
    });
    expect(linkEvents.find((e) => e.type === 'account-link.requested')).toMatchObject({
      actor: { kind: 'user', id: w.userA.user.id, role: 'operator' },
    });
    expect(
      linkEvents.find((e) => e.type === 'account-link.data-read' && e.channel === 'customer-routes'),
    ).toMatchObject({ actor: { kind: 'apiClient' }, readEnd: 'target' });
    expect(linkEvents.find((e) => e.type === 'account-link.data-read' && e.channel === 'link-routes')).toMatchObject({
      actor: { kind: 'user' },
      what: 'purchases',
      count: 1,
      readEnd: 'target',
    });
    const everything = JSON.stringify(recorder.events);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(sha256Hex(token));
    expect(everything).not.toContain(b.email);

    // Logs: the preview's access-log line has the path only; no line anywhere carries the token.
    const previewLines = logLines.filter(
      (l) => (l.req as { path?: string } | undefined)?.path === '/api/v1/account-links/preview',
    );
    expect(previewLines.length).toBeGreaterThanOrEqual(3);
    expect(previewLines[0].msg).toBe('GET /api/v1/account-links/preview 200');
    const logged = JSON.stringify(logLines);
    expect(logged).not.toContain(token);
    expect(logged).not.toContain(encodeURIComponent(token));
  });

  it('records who confirmed, when and from which address', async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const id = await requestedLink(t, w.writeA, endOf(source), endOf(target));
    const { token } = await confirmationMail(capture, target.email);
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/account-links/confirm',
      payload: { token },
      remoteAddress: '198.51.100.23',
    });
    expect(res.statusCode).toBe(200);
    const row = await linkRow(t, id);
    expect(row).toMatchObject({ status: 'confirmed', confirmedIp: '198.51.100.23', requestedByKind: 'apiClient' });
    expect(Math.abs(row.confirmedAt!.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('declines: "This wasn\'t me" ends the request, nothing is shared, the pair is free again', async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const id = await requestedLink(t, w.userA.headers, endOf(source), endOf(target));
    const { token, declineUrl } = await confirmationMail(capture, target.email);
    expect(new URL(declineUrl).searchParams.get('action')).toBe('decline');
    const res = await decline(t, token);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'declined' });
    expect(codeOf(await decline(t, token))).toBe('409 LINK_ALREADY_DECLINED');
    expect(codeOf(await confirm(t, token))).toBe('409 LINK_ALREADY_DECLINED');
    expect(codeOf(await preview(t, token))).toBe('409 LINK_ALREADY_DECLINED');
    const seen = await t.inject({ method: 'GET', url: `/api/v1/account-links/${id}`, headers: w.userA.headers });
    expect(seen.json()).toMatchObject({ status: 'declined', confirmedAt: null });
    expect(
      codeOf(await t.inject({ method: 'GET', url: `/api/v1/account-links/${id}/usages`, headers: w.userA.headers })),
    ).toBe('409 LINK_NOT_CONFIRMED');
    expect(
      codeOf(
        await t.inject({
          method: 'GET',
          url: `/api/oti/v1/accounts/${w.b}/usage?filterString=${target.customerId}`,
          headers: w.clientA,
        }),
      ),
    ).toBe('403 CUSTOMER_ACCESS_DENIED');
    expect((await requestLink(t, w.userA.headers, endOf(source), endOf(target))).statusCode).toBe(202);
  });

  it('answers a request for an account that does not exist exactly like one that does, and sends it no email', async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const ghost = { operatorId: w.b, customerId: `GHOST-${target.customerId}` };
    const before = await t.app
      .get(DataSource)
      .query<{ n: number | string }[]>("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'account-link-confirm'");

    const real = await requestLink(t, w.userA.headers, endOf(source), endOf(target));
    const fake = await requestLink(t, w.userA.headers, endOf(source), ghost);
    expect(fake.statusCode).toBe(real.statusCode);
    expect(fake.statusCode).toBe(202);
    const shape = (body: Record<string, unknown>) =>
      Object.keys(body)
        .sort()
        .map((k) => `${k}:${typeof body[k]}`);
    expect(shape(fake.json())).toEqual(shape(real.json()));
    expect(fake.json<{ status: string }>().status).toBe('pending');
    const headerNames = (res: typeof real) =>
      Object.keys(res.headers)
        .filter((h) => !['x-request-id', 'date', 'content-length'].includes(h))
        .sort();
    expect(headerNames(fake)).toEqual(headerNames(real));
    expect(
      Math.abs(
        Date.parse(fake.json<{ expiresAt: string }>().expiresAt) -
          Date.parse(real.json<{ expiresAt: string }>().expiresAt),
      ),
    ).toBeLessThan(60_000);

    // The source sees both links the same way.
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/account-links?operatorId=${w.a}&customerId=${source.customerId}`,
      headers: w.userA.headers,
    });
    expect(list.json<{ status: string; canResend: boolean }[]>().map((l) => [l.status, l.canResend])).toEqual([
      ['pending', false],
      ['pending', false],
    ]);

    await confirmationMail(capture, target.email);
    const after = await t.app
      .get(DataSource)
      .query<{ n: number | string }[]>("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'account-link-confirm'");
    expect(Number(after[0].n) - Number(before[0].n)).toBe(1);
    // Two notices to the source owner (one per request), nothing else.
    expect((await outboxTo(t, source.email)).map((m) => m.kind)).toEqual([
      'account-link-notice',
      'account-link-notice',
    ]);
    // B's staff cannot see the request for an account B does not have.
    const ghostId = fake.json<{ id: string }>().id;
    expect(
      codeOf(await t.inject({ method: 'GET', url: `/api/v1/account-links/${ghostId}`, headers: w.userB.headers })),
    ).toBe('404 LINK_NOT_FOUND');
  });
});
