import type { Response as InjectResponse } from 'light-my-request';
import { randomUUID } from 'node:crypto';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import { otiValidators } from '../operators/support/operator-fixtures';
import {
  codeOf,
  confirm,
  confirmationMail,
  createLinkWorld,
  endOf,
  LinkWorld,
  newCustomer,
  requestedLink,
} from './support/link-fixtures';

const HOSTILE = [
  "' OR 1=1 --",
  "'; DROP TABLE account_links; --",
  '" OR ""="',
  "1' UNION SELECT token_hash FROM account_links --",
  "00000000-0000-0000-0000-000000000000' OR '1'='1",
  '%',
  '_',
  '\\',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  'Zürich 東京 🚆',
  'x'.repeat(300),
];

/**
 * Who reaches which links: only staff and clients of the two linked operators (the target's only when its account
 * exists) and admins; everyone else gets 404 on a link and 403 on another operator's accounts. Viewers and keys
 * without the scope are refused by role or scope. Hostile input anywhere is a 4xx with the error body, never a 500.
 */
describe('account linking: scoping and hostile input', () => {
  let t: TestApp;
  let capture: SmtpCapture;
  let w: LinkWorld;
  let confirmedId: string;
  let pendingId: string;
  const errorBody = otiValidators().error;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await createAuthTestApp({ SMTP_URL: capture.url });
    w = await createLinkWorld(t);
    const target = await newCustomer(t, w.b);
    confirmedId = await requestedLink(t, w.userA.headers, endOf(w.customerA), endOf(target));
    expect((await confirm(t, (await confirmationMail(capture, target.email)).token)).statusCode).toBe(200);
    pendingId = await requestedLink(t, w.userA.headers, endOf(w.customerA), endOf(await newCustomer(t, w.b)));
  }, 60_000);

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
    await capture?.close();
  });

  const call = (method: 'GET' | 'POST' | 'DELETE', url: string, headers: Record<string, string>, payload?: object) =>
    t.inject({ method, url, headers, ...(payload && { payload }) });

  /** Every route about one link id, plus the list and the request for A's customer. */
  const routesFor = (id: string): [method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object][] => [
    ['GET', `/api/v1/account-links/${id}`],
    ['GET', `/api/v1/account-links/${id}/purchases`],
    ['GET', `/api/v1/account-links/${id}/concessions`],
    ['GET', `/api/v1/account-links/${id}/usages`],
    ['POST', `/api/v1/account-links/${id}/resend`],
    ['DELETE', `/api/v1/account-links/${id}`],
  ];

  it('an account-linking:write client must be bound to an operator', async () => {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: w.admin.headers,
      payload: { name: 'unbound linker', scopes: ['account-linking:write'] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'operatorId' })],
    });
  });

  it("another operator's staff and clients: 404 LINK_NOT_FOUND on every link route, 403 on A's accounts", async () => {
    for (const headers of [w.userC.headers, w.writeC]) {
      for (const id of [confirmedId, pendingId]) {
        for (const [method, url] of routesFor(id)) {
          const res = await call(method, url, headers);
          // Records routes are staff-only: keys are refused by scope before anything is looked up.
          const expected =
            url.match(/(purchases|concessions|usages)$/) && headers !== w.userC.headers
              ? '403 FORBIDDEN'
              : '404 LINK_NOT_FOUND';
          expect({ method, url, got: codeOf(res) }).toEqual({ method, url, got: expected });
        }
      }
      const list = await call(
        'GET',
        `/api/v1/account-links?operatorId=${w.a}&customerId=${w.customerA.customerId}`,
        headers,
      );
      expect(codeOf(list)).toBe('403 CUSTOMER_ACCESS_DENIED');
      const request = await call('POST', '/api/v1/account-links', headers, {
        source: endOf(w.customerA),
        target: endOf(w.customerB),
      });
      expect(codeOf(request)).toBe('403 CUSTOMER_ACCESS_DENIED');
    }
    // Still intact for its own sides.
    expect((await call('GET', `/api/v1/account-links/${confirmedId}/purchases`, w.userB.headers)).statusCode).toBe(200);
  });

  it('an unknown id is 404 LINK_NOT_FOUND for everyone, admins included', async () => {
    for (const headers of [w.admin.headers, w.userA.headers, w.writeA]) {
      expect(codeOf(await call('GET', `/api/v1/account-links/${randomUUID()}`, headers))).toBe('404 LINK_NOT_FOUND');
      expect(codeOf(await call('DELETE', `/api/v1/account-links/${randomUUID()}`, headers))).toBe('404 LINK_NOT_FOUND');
    }
  });

  it('viewers: 403 FORBIDDEN on every staff route; keys without account-linking:write too; no credential: 401', async () => {
    const everyRoute: ['GET' | 'POST' | 'DELETE', string, object?][] = [
      ...routesFor(confirmedId),
      ['GET', `/api/v1/account-links?operatorId=${w.a}&customerId=${w.customerA.customerId}`],
      ['POST', '/api/v1/account-links', { source: endOf(w.customerA), target: endOf(w.customerB) }],
    ];
    for (const [method, url, payload] of everyRoute) {
      expect([url, codeOf(await call(method, url, w.viewer.headers, payload))]).toEqual([url, '403 FORBIDDEN']);
      for (const key of [w.clientA, w.clientInfo]) {
        expect([url, codeOf(await call(method, url, key, payload))]).toEqual([url, '403 FORBIDDEN']);
      }
      expect([url, codeOf(await call(method, url, {}, payload))]).toEqual([url, '401 UNAUTHENTICATED']);
    }
  });

  it('hostile input in every parameter: a 4xx with the error body, never a 500', async () => {
    const answers: { where: string; res: InjectResponse }[] = [];
    for (const value of HOSTILE) {
      const enc = encodeURIComponent(value);
      for (const headers of [w.admin.headers, w.userA.headers]) {
        answers.push({ where: `get ${value}`, res: await call('GET', `/api/v1/account-links/${enc}`, headers) });
        answers.push({
          where: `records ${value}`,
          res: await call('GET', `/api/v1/account-links/${enc}/usages`, headers),
        });
        answers.push({ where: `delete ${value}`, res: await call('DELETE', `/api/v1/account-links/${enc}`, headers) });
        answers.push({
          where: `resend ${value}`,
          res: await call('POST', `/api/v1/account-links/${enc}/resend`, headers),
        });
        answers.push({
          where: `list customerId ${value}`,
          res: await call('GET', `/api/v1/account-links?operatorId=${w.a}&customerId=${enc}`, headers),
        });
        answers.push({
          where: `list operatorId ${value}`,
          res: await call('GET', `/api/v1/account-links?operatorId=${enc}&customerId=C1`, headers),
        });
        answers.push({
          where: `records window ${value}`,
          res: await call('GET', `/api/v1/account-links/${confirmedId}/purchases?from=${enc}&page=${enc}`, headers),
        });
        answers.push({
          where: `request ${value}`,
          res: await call('POST', '/api/v1/account-links', headers, {
            source: { operatorId: w.a, customerId: value },
            target: { operatorId: w.b, customerId: value },
          }),
        });
        answers.push({
          where: `request operator ${value}`,
          res: await call('POST', '/api/v1/account-links', headers, {
            source: { operatorId: value, customerId: 'C1' },
            target: endOf(w.customerB),
          }),
        });
      }
      answers.push({
        where: `preview ${value}`,
        res: await call('GET', `/api/v1/account-links/preview?token=${enc}`, {}),
      });
      answers.push({
        where: `confirm ${value}`,
        res: await call('POST', '/api/v1/account-links/confirm', {}, { token: value }),
      });
      answers.push({
        where: `decline ${value}`,
        res: await call('POST', '/api/v1/account-links/decline', {}, { token: value }),
      });
    }
    for (const { where, res } of answers) {
      expect({ where, status: res.statusCode >= 400 && res.statusCode < 500 }).toEqual({ where, status: true });
      expect(res.body).not.toMatch(/token_hash|SQLITE|syntax error|QueryFailed|stack/i);
      // 414 comes from Fastify's router (maxParamLength) before Nest, in Fastify's own error body.
      if (res.statusCode === 414) continue;
      const body = res.json<object>();
      expect({ where, valid: errorBody(body), errors: errorBody.errors }).toEqual({ where, valid: true, errors: null });
    }
    // Extra and repeated query parameters are refused too.
    const extra = await call('GET', `/api/v1/account-links/${confirmedId}?debug=1`, w.userA.headers);
    expect(codeOf(extra)).toBe('400 VALIDATION_FAILED');
    const repeated = await call(
      'GET',
      `/api/v1/account-links?operatorId=${w.a}&operatorId=${w.b}&customerId=${w.customerA.customerId}`,
      w.userA.headers,
    );
    expect(codeOf(repeated)).toBe('400 VALIDATION_FAILED');
  });
});
