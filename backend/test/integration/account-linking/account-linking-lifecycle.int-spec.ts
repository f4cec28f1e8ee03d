import { randomBytes } from 'node:crypto';
import { AccountLinkHousekeepingService } from '../../../src/modules/account-linking/account-link-housekeeping.service';
import type { AccountLinkEvent } from '../../../src/modules/events/domain-events';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
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
  preview,
  recordEvents,
  requestedLink,
  requestLink,
  setClock,
} from './support/link-fixtures';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * Every state a link and its token go through, with a controllable clock: token errors, expiry and its clean-up,
 * resend (new token, old one superseded) with its cooldown and daily limit, the request limit, one live link per
 * pair, and the request's own checks.
 */
describe('account linking: token states, expiry, resend and limits', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let w: LinkWorld;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await createAuthTestApp({ SMTP_URL: capture.url });
    w = await createLinkWorld(t);
  }, 60_000);

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
    await capture?.close();
  });

  /** A fresh pair of accounts (A's, B's) and a pending link between them requested by A's write client. */
  const pendingLink = async () => {
    const source = await newCustomer(t, w.a);
    const target = await newCustomer(t, w.b);
    const id = await requestedLink(t, w.writeA, endOf(source), endOf(target));
    const { token } = await confirmationMail(capture, target.email);
    return { source, target, id, token };
  };
  const resend = (id: string, headers: Record<string, string> = w.writeA) =>
    t.inject({ method: 'POST', url: `/api/v1/account-links/${id}/resend`, headers });
  const getLink = (id: string, headers: Record<string, string> = w.writeA) =>
    t.inject({ method: 'GET', url: `/api/v1/account-links/${id}`, headers });

  describe('tokens', () => {
    it('unknown and malformed tokens: 404 LINK_TOKEN_UNKNOWN on every public step', async () => {
      const unknown = randomBytes(32).toString('base64url');
      for (const token of [
        unknown,
        'abc',
        `${unknown.slice(0, 42)}!`,
        "' OR '1'='1",
        '../../etc/passwd',
        'x'.repeat(512),
      ]) {
        expect([token, codeOf(await preview(t, token))]).toEqual([token, '404 LINK_TOKEN_UNKNOWN']);
        expect([token, codeOf(await confirm(t, token))]).toEqual([token, '404 LINK_TOKEN_UNKNOWN']);
        expect([token, codeOf(await decline(t, token))]).toEqual([token, '404 LINK_TOKEN_UNKNOWN']);
      }
    });

    it('a missing, non-string or over-long token, or extra fields: 400 VALIDATION_FAILED', async () => {
      expect(codeOf(await t.inject({ method: 'GET', url: '/api/v1/account-links/preview' }))).toBe(
        '400 VALIDATION_FAILED',
      );
      expect(codeOf(await preview(t, 'x'.repeat(513)))).toBe('400 VALIDATION_FAILED');
      expect(codeOf(await t.inject({ method: 'GET', url: '/api/v1/account-links/preview?token=a&token=b' }))).toBe(
        '400 VALIDATION_FAILED',
      );
      for (const token of [123, null, ['a'], { $ne: '' }]) {
        expect(codeOf(await confirm(t, token))).toBe('400 VALIDATION_FAILED');
      }
      const extra = await t.inject({
        method: 'POST',
        url: '/api/v1/account-links/decline',
        payload: { token: 'a', status: 'confirmed' },
      });
      expect(codeOf(extra)).toBe('400 VALIDATION_FAILED');
    });

    it('expired: 410 LINK_TOKEN_EXPIRED; shown as expired; the clean-up stores it and frees the pair', async () => {
      const { source, target, id, token } = await pendingLink();
      const { expiresAt } = (await linkRow(t, id)) as { expiresAt: Date };
      const clock = setClock(t, new Date(expiresAt.getTime() - 1));
      try {
        expect((await preview(t, token)).statusCode).toBe(200);
        clock.restore();
        setClock(t, expiresAt);
        expect(codeOf(await preview(t, token))).toBe('410 LINK_TOKEN_EXPIRED');
        expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_EXPIRED');
        expect(codeOf(await decline(t, token))).toBe('410 LINK_TOKEN_EXPIRED');
        expect((await getLink(id)).json()).toMatchObject({ status: 'expired', canResend: false });
        expect(codeOf(await resend(id))).toBe('409 LINK_NOT_PENDING');
        expect((await linkRow(t, id)).status).toBe('pending');

        const recorder = recordEvents(t);
        const expired = await t.app.get(AccountLinkHousekeepingService).expireStale();
        recorder.stop();
        expect(expired).toBeGreaterThanOrEqual(1);
        expect((await linkRow(t, id)).status).toBe('expired');
        expect(recorder.events).toContainEqual(
          expect.objectContaining({
            type: 'account-link.expired',
            linkId: id,
            actor: { kind: 'system', id: null, role: null },
          }),
        );
        // Running again changes nothing for this link.
        await t.app.get(AccountLinkHousekeepingService).expireStale();
        expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_EXPIRED');
        expect((await requestLink(t, w.writeA, endOf(source), endOf(target))).statusCode).toBe(202);
      } finally {
        clock.restore();
      }
    });

    it('a request for a pair whose pending link has expired (before the clean-up) releases the old one', async () => {
      const { source, target, id } = await pendingLink();
      const clock = setClock(t, new Date(Date.now() + 25 * HOUR));
      try {
        const recorder = recordEvents(t);
        expect((await requestLink(t, w.writeA, endOf(source), endOf(target))).statusCode).toBe(202);
        recorder.stop();
        expect((await linkRow(t, id)).status).toBe('expired');
        const events = recorder.events as AccountLinkEvent[];
        expect(events.map((e) => [e.type, e.linkId === id])).toContainEqual(['account-link.expired', true]);
      } finally {
        clock.restore();
      }
    });

    it('revoking a pending link withdraws its token: 410 LINK_TOKEN_SUPERSEDED', async () => {
      const { id, token } = await pendingLink();
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/account-links/${id}`, headers: w.writeA })).statusCode,
      ).toBe(204);
      expect(codeOf(await preview(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
      expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
      expect(codeOf(await resend(id))).toBe('409 LINK_NOT_PENDING');
    });
  });

  describe('resend', () => {
    it('one per 10 minutes (429 LINK_RESEND_COOLDOWN, Retry-After); a new token supersedes the old one', async () => {
      const { target, id, token } = await pendingLink();
      expect((await getLink(id)).json()).toMatchObject({ canResend: false });
      const early = await resend(id);
      expect(codeOf(early)).toBe('429 LINK_RESEND_COOLDOWN');
      const retryAfter = Number(early.headers['retry-after']);
      expect(retryAfter).toBeGreaterThan(9 * 60);
      expect(retryAfter).toBeLessThanOrEqual(10 * 60);

      const requestedAt = (await linkRow(t, id)).requestedAt.getTime();
      const clock = setClock(t, new Date(requestedAt + 10 * MINUTE));
      try {
        expect((await getLink(id)).json()).toMatchObject({ status: 'pending', canResend: true });
        const res = await resend(id);
        expect(res.statusCode).toBe(202);
        expect(res.json()).toEqual({
          id,
          status: 'pending',
          expiresAt: new Date(requestedAt + 10 * MINUTE + 24 * HOUR).toISOString(),
        });
        const second = await confirmationMail(capture, target.email, 2);
        expect(second.token).not.toBe(token);
        expect(codeOf(await preview(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
        expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
        expect(codeOf(await resend(id))).toBe('429 LINK_RESEND_COOLDOWN');
        expect((await confirm(t, second.token)).statusCode).toBe(200);
        expect(codeOf(await confirm(t, token))).toBe('410 LINK_TOKEN_SUPERSEDED');
        expect(codeOf(await resend(id))).toBe('409 LINK_NOT_PENDING');
      } finally {
        clock.restore();
      }
    });

    it('5 a day per target account and requesting operator (429 LINK_RESEND_LIMIT, Retry-After)', async () => {
      const { target, id } = await pendingLink();
      const start = (await linkRow(t, id)).requestedAt.getTime();
      const clock = setClock(t, new Date(start));
      try {
        for (let n = 1; n <= 5; n++) {
          clock.restore();
          setClock(t, new Date(start + n * 10 * MINUTE));
          expect([n, (await resend(id)).statusCode]).toEqual([n, 202]);
        }
        setClock(t, new Date(start + 60 * MINUTE));
        const limited = await resend(id);
        expect(codeOf(limited)).toBe('429 LINK_RESEND_LIMIT');
        // The first resend (at +10 min) leaves the window 24 hours later.
        expect(Number(limited.headers['retry-after'])).toBe((24 * HOUR - 50 * MINUTE) / 1000);

        // Another of A's accounts asking the same target shares the limit; operator C does not.
        const otherSource = await newCustomer(t, w.a);
        const second = await requestedLink(t, w.writeA, endOf(otherSource), endOf(target));
        setClock(t, new Date(start + 80 * MINUTE));
        expect(codeOf(await resend(second))).toBe('429 LINK_RESEND_LIMIT');
        const ofC = await newCustomer(t, w.c);
        setClock(t, new Date(start + 60 * MINUTE));
        const fromC = await requestedLink(t, w.writeC, endOf(ofC), endOf(target));
        setClock(t, new Date(start + 80 * MINUTE));
        expect((await resend(fromC, w.writeC)).statusCode).toBe(202);

        // A day after the first resend, one more is allowed again.
        setClock(t, new Date(start + 10 * MINUTE + 24 * HOUR));
        expect((await resend(id)).statusCode).toBe(202);
      } finally {
        clock.restore();
      }
    });

    it('only the source side resends: the target side gets 403, others 404', async () => {
      const { id } = await pendingLink();
      const clock = setClock(t, new Date(Date.now() + 11 * MINUTE));
      try {
        expect(codeOf(await resend(id, w.writeB))).toBe('403 CUSTOMER_ACCESS_DENIED');
        expect(codeOf(await resend(id, w.writeC))).toBe('404 LINK_NOT_FOUND');
        expect((await getLink(id, w.writeB)).json()).toMatchObject({ canResend: false });
        expect((await getLink(id, w.writeA)).json()).toMatchObject({ canResend: true });
      } finally {
        clock.restore();
      }
    });
  });

  describe('requests', () => {
    it('one pending or confirmed link per pair, in either direction: 409 LINK_EXISTS', async () => {
      const { source, target, token } = await pendingLink();
      expect(codeOf(await requestLink(t, w.writeA, endOf(source), endOf(target)))).toBe('409 LINK_EXISTS');
      expect(codeOf(await requestLink(t, w.writeB, endOf(target), endOf(source)))).toBe('409 LINK_EXISTS');
      expect(codeOf(await requestLink(t, w.admin.headers, endOf(target), endOf(source)))).toBe('409 LINK_EXISTS');
      expect((await confirm(t, token)).statusCode).toBe(200);
      expect(codeOf(await requestLink(t, w.writeB, endOf(target), endOf(source)))).toBe('409 LINK_EXISTS');
    });

    it('5 requests a day per target account and requesting operator: 429 LINK_REQUEST_LIMIT', async () => {
      const target = await newCustomer(t, w.b);
      const ghost = { operatorId: w.b, customerId: `GHOST-${target.customerId}` };
      for (const end of [endOf(target), ghost]) {
        const sources = [];
        for (let n = 0; n < 6; n++) sources.push(await newCustomer(t, w.a));
        for (let n = 0; n < 5; n++) {
          expect((await requestLink(t, w.writeA, endOf(sources[n]), end)).statusCode).toBe(202);
        }
        const limited = await requestLink(t, w.writeA, endOf(sources[5]), end);
        expect(codeOf(limited)).toBe('429 LINK_REQUEST_LIMIT');
        expect(Number(limited.headers['retry-after'])).toBeGreaterThan(23 * 3600);
        // Another operator has its own count.
        const ofC = await newCustomer(t, w.c);
        expect((await requestLink(t, w.writeC, endOf(ofC), end)).statusCode).toBe(202);
      }
    });

    it('checks the caller, the operators and the source account first', async () => {
      const source = await newCustomer(t, w.a);
      const target = await newCustomer(t, w.b);
      const cases: [Record<string, string>, unknown, unknown, string][] = [
        [w.writeA, endOf(source), { operatorId: w.a, customerId: 'X' }, '400 SAME_OPERATOR'],
        [w.writeA, endOf(source), { operatorId: w.notHosted, customerId: 'X' }, '400 OPERATOR_NOT_HOSTED'],
        [w.writeA, endOf(source), { operatorId: '999', customerId: 'X' }, '400 OPERATOR_NOT_HOSTED'],
        [w.writeA, { operatorId: w.a, customerId: 'NOPE' }, endOf(target), '404 CUSTOMER_NOT_FOUND'],
        [w.admin.headers, endOf(w.customerNotHosted), endOf(target), '404 OPERATOR_NOT_FOUND'],
        [w.writeB, endOf(source), endOf(target), '403 CUSTOMER_ACCESS_DENIED'],
        [w.userC.headers, endOf(source), endOf(target), '403 CUSTOMER_ACCESS_DENIED'],
        [w.writeA, { operatorId: 'A1', customerId: 'X' }, endOf(target), '400 VALIDATION_FAILED'],
        [w.writeA, endOf(source), { operatorId: w.b, customerId: '' }, '400 VALIDATION_FAILED'],
        [w.writeA, endOf(source), { operatorId: w.b, customerId: 'x'.repeat(33) }, '400 VALIDATION_FAILED'],
        [w.writeA, endOf(source), { operatorId: w.b, customerId: 'a\u0000b' }, '400 VALIDATION_FAILED'],
        [w.writeA, endOf(source), { ...endOf(target), email: 'attacker@example.org' }, '400 VALIDATION_FAILED'],
        [w.writeA, endOf(source), 'B', '400 VALIDATION_FAILED'],
        [w.writeA, null, endOf(target), '400 VALIDATION_FAILED'],
      ];
      for (const [headers, src, tgt, expected] of cases) {
        const res = await t.inject({
          method: 'POST',
          url: '/api/v1/account-links',
          headers,
          payload: { source: src, target: tgt },
        });
        expect([src, tgt, codeOf(res)]).toEqual([src, tgt, expected]);
      }
    });
  });
});
