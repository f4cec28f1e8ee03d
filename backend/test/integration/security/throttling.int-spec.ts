import type { Response as InjectResponse } from 'light-my-request';
import { TestApp } from '../../support/test-app';
import { signIn, SignedIn, uniqueEmail } from '../auth/support/auth-fixtures';
import { createSecurityTestApp, freezeClock, minuteStart } from './support/security-fixtures';

/** Throttling on the in-memory store (no REDIS_URL); throttling-redis.int-spec.ts runs the shared store. */

// Apps start in a few seconds; on a busy machine more: allow time for start-up and the waits below.
jest.setTimeout(30_000);

const DAY_MS = 86_400_000;

function expectRateHeaders(res: InjectResponse, limit: number, remaining: number, reset: number, policy: string) {
  expect({
    limit: res.headers['ratelimit-limit'],
    remaining: res.headers['ratelimit-remaining'],
    reset: res.headers['ratelimit-reset'],
    policy: res.headers['ratelimit-policy'],
  }).toEqual({ limit: String(limit), remaining: String(remaining), reset: String(reset), policy });
}

function expectRefused(res: InjectResponse, retryAfter: number, constraint: string) {
  expect(res.statusCode).toBe(429);
  expect(res.headers['retry-after']).toBe(String(retryAfter));
  expect(res.headers['ratelimit-remaining']).toBe('0');
  const body = res.json<{ code: string; requestId: string; details: { constraint: string }[] }>();
  expect(body).toMatchObject({ statusCode: 429, code: 'RATE_LIMITED', requestId: res.headers['x-request-id'] });
  expect(body.details[0].constraint).toBe(constraint);
}

describe('throttling: staff users', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createSecurityTestApp({ THROTTLE_USER_PER_MINUTE: '5', THROTTLE_USER_PER_DAY: '8' });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  it('one budget per user across every endpoint, with RateLimit-* headers on every response', async () => {
    // 09:00:01 UTC today: the next minute (below) is the same UTC day.
    const start = Math.floor(Date.now() / DAY_MS) * DAY_MS + 9 * 3_600_000 + 1_000;
    const moveTo = freezeClock(t, start);
    const s = await signIn(t);
    const other = await signIn(t);
    const policy = '5;w=60, 8;w=86400';
    const urls = ['/api/v1/auth/me', '/api/v1/operators', '/api/v1/modes', '/api/v1/me/quota', '/api/oti/v1/mode'];
    for (const [i, url] of urls.entries()) {
      const res = await t.inject({ method: 'GET', url, headers: s.headers });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 200 });
      expectRateHeaders(res, 5, 4 - i, 59, policy);
    }
    const refused = await t.inject({ method: 'GET', url: '/api/v1/operators', headers: s.headers });
    expectRefused(refused, 59, 'minute');
    expectRateHeaders(refused, 5, 0, 59, policy);
    expect(refused.json<{ message: string }>().message).toBe(
      'Too many requests: the limit of 5 per minute is used up. Try again in 59 seconds.',
    );

    // Another user has a budget of their own.
    expect((await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: other.headers })).statusCode).toBe(200);

    // The next minute starts from zero; the day window now shows as the tighter one (8 - 6 = 2 left… after this one).
    moveTo(start + 60_000);
    const next = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
    expect(next.statusCode).toBe(200);
    expectRateHeaders(next, 8, 2, (DAY_MS - ((start + 60_000) % DAY_MS)) / 1000, policy);
  });

  it('refusals do not use up the budget, and the day window refuses with Retry-After until UTC midnight', async () => {
    const dayStart = Math.floor(Date.now() / DAY_MS) * DAY_MS;
    const at = dayStart + 10 * 3_600_000; // 10:00 UTC
    const moveTo = freezeClock(t, at);
    const s = await signIn(t);
    const me = () => t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
    for (let i = 0; i < 5; i++) expect((await me()).statusCode).toBe(200);
    // Refused in the minute window; refusals are not counted against the day.
    for (let i = 0; i < 3; i++) expectRefused(await me(), 60, 'minute');
    moveTo(at + 60_000);
    for (let i = 0; i < 3; i++) expect((await me()).statusCode).toBe(200);
    expectRefused(await me(), 14 * 3600 - 60, 'day');
    moveTo(at + 2 * 60_000);
    const refused = await t.inject({ method: 'GET', url: '/api/v1/modes', headers: s.headers });
    expectRefused(refused, 14 * 3600 - 120, 'day');
    expectRateHeaders(refused, 8, 0, 14 * 3600 - 120, '5;w=60, 8;w=86400');

    const quota = await t.inject({ method: 'GET', url: '/api/v1/me/quota', headers: s.headers });
    expect(quota.statusCode).toBe(429);
  });

  it('GET /api/v1/me/quota: the minute and the day after this request', async () => {
    const start = minuteStart(30_000);
    freezeClock(t, start);
    const s = await signIn(t);
    await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
    const res = await t.inject({ method: 'GET', url: '/api/v1/me/quota', headers: s.headers });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      minute: { limit: 5, remaining: 3, resetSeconds: 30 },
      day: { limit: 8, remaining: 6, resetSeconds: (DAY_MS - (start % DAY_MS)) / 1000 },
    });
  });

  it('headers on every answer: errors after the guard, and a role refusal counted against the caller', async () => {
    freezeClock(t, minuteStart(2_000));
    const s = await signIn(t);
    const missing = await t.inject({ method: 'GET', url: '/api/v1/operators/999', headers: s.headers });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['ratelimit-remaining']).toBe('4');
    const invalid = await t.inject({ method: 'GET', url: '/api/v1/operators?limit=-1', headers: s.headers });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['ratelimit-remaining']).toBe('3');
    // A viewer on an admin route: refused by the auth guard, counted against the viewer's own budget.
    const forbidden = await t.inject({ method: 'GET', url: '/api/v1/users', headers: s.headers });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json<{ code: string }>().code).toBe('FORBIDDEN');
    expect(forbidden.headers['ratelimit-remaining']).toBe('2');
    expect(forbidden.headers['ratelimit-policy']).toBe('5;w=60, 8;w=86400');
  });

  it('N concurrent requests against a limit of L: exactly L succeed', async () => {
    freezeClock(t, minuteStart(3_000));
    const s = await signIn(t);
    const results = await Promise.all(
      Array.from({ length: 15 }, () => t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((code) => code === 200)).toHaveLength(5);
    expect(statuses.filter((code) => code === 429)).toHaveLength(10);
  });
});

describe('throttling: API clients', () => {
  let t: TestApp;
  let admin: SignedIn;
  beforeAll(async () => {
    t = await createSecurityTestApp({ THROTTLE_CLIENT_PER_DAY: '3' });
  });
  // Tests freeze the clock: the admin signs in at the frozen time, so the access token is valid then.
  beforeEach(async () => {
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  async function createClient(extra: object = {}): Promise<{ id: string; key: string; dailyLimit: number | null }> {
    const res = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Partner app', scopes: ['operator-info:read'], ...extra },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json<{ client: { id: string; dailyLimit: number | null }; key: string }>();
    return { id: body.client.id, key: body.key, dailyLimit: body.client.dailyLimit };
  }

  const callAs = (key: string, url = '/api/v1/operators') =>
    t.inject({ method: 'GET', url, headers: { 'x-api-key': key } });
  const patch = (id: string, payload: unknown, headers = admin.headers) =>
    t.inject({ method: 'PATCH', url: `/api/v1/api-clients/${id}`, headers, payload: payload as object });

  it('a day budget across every endpoint: THROTTLE_CLIENT_PER_DAY, or the dailyLimit set on creation', async () => {
    const at = Math.floor(Date.now() / DAY_MS) * DAY_MS + 23 * 3_600_000 + 59 * 60_000; // 23:59 UTC
    freezeClock(t, at);
    admin = await signIn(t, { role: 'admin' });
    const standard = await createClient();
    const bigger = await createClient({ dailyLimit: 5 });
    expect(standard.dailyLimit).toBeNull();
    expect(bigger.dailyLimit).toBe(5);

    for (let i = 0; i < 3; i++) {
      const res = await callAs(standard.key, i % 2 ? '/api/v1/modes' : '/api/oti/v1/operator');
      expect(res.statusCode).toBe(200);
      expectRateHeaders(res, 3, 2 - i, 60, '3;w=86400');
    }
    expectRefused(await callAs(standard.key), 60, 'day');
    for (let i = 0; i < 5; i++) expect((await callAs(bigger.key)).statusCode).toBe(200);
    const refused = await callAs(bigger.key);
    expectRefused(refused, 60, 'day');
    expect(refused.headers['ratelimit-policy']).toBe('5;w=86400');
  });

  it("admins change a client's dailyLimit with PATCH; it applies from the next request", async () => {
    freezeClock(t, minuteStart(5_000));
    admin = await signIn(t, { role: 'admin' });
    const client = await createClient();
    for (let i = 0; i < 3; i++) expect((await callAs(client.key)).statusCode).toBe(200);
    expect((await callAs(client.key)).statusCode).toBe(429);

    const raised = await patch(client.id, { dailyLimit: 10 });
    expect(raised.statusCode).toBe(200);
    expect(raised.json()).toMatchObject({ id: client.id, dailyLimit: 10 });
    const again = await callAs(client.key);
    expect(again.statusCode).toBe(200);
    expect(again.headers['ratelimit-remaining']).toBe('6');

    const reset = await patch(client.id, { dailyLimit: null });
    expect(reset.json()).toMatchObject({ dailyLimit: null });
    expect((await callAs(client.key)).statusCode).toBe(429);
    const list = await t.inject({ method: 'GET', url: '/api/v1/api-clients', headers: admin.headers });
    expect(list.json<{ id: string; dailyLimit: number | null }[]>().find((c) => c.id === client.id)).toMatchObject({
      dailyLimit: null,
    });
  });

  it('validates dailyLimit (a whole number from 1 to 10 000 000) and who may change it', async () => {
    const client = await createClient();
    for (const payload of [
      {},
      { dailyLimit: 0 },
      { dailyLimit: 1.5 },
      { dailyLimit: '7' },
      { dailyLimit: 10_000_001 },
    ]) {
      const res = await patch(client.id, payload);
      expect({ payload, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
        payload,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
    expect((await patch(client.id, { dailyLimit: 5, name: 'x' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    expect((await patch('00000000-0000-4000-8000-000000000000', { dailyLimit: 5 })).json()).toMatchObject({
      statusCode: 404,
      code: 'API_CLIENT_NOT_FOUND',
    });
    expect((await patch('nope', { dailyLimit: 5 })).statusCode).toBe(400);
    const viewer = await signIn(t);
    expect((await patch(client.id, { dailyLimit: 5 }, viewer.headers)).statusCode).toBe(403);
    const create = await t.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Bad', scopes: ['operator-info:read'], dailyLimit: 0 },
    });
    expect(create.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });
});

describe('throttling: anonymous callers of public routes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createSecurityTestApp({
      THROTTLE_LOGIN_PER_MINUTE: '3',
      THROTTLE_REGISTER_PER_HOUR: '2',
      THROTTLE_FORGOT_PASSWORD_PER_HOUR: '2',
      THROTTLE_ANONYMOUS_PER_MINUTE: '4',
      THROTTLE_ACCOUNT_LINK_PER_HOUR: '3',
    });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const post = (url: string, ip: string, payload: object = {}, headers: Record<string, string> = {}) =>
    t.inject({ method: 'POST', url, payload, remoteAddress: ip, headers });
  // A new email each time: five failures on one email would lock it (429 ACCOUNT_LOCKED), whatever the address.
  const login = (ip: string, headers: Record<string, string> = {}) =>
    post('/api/v1/auth/login', ip, { email: uniqueEmail('nobody'), password: 'not the password' }, headers);
  const health = (ip: string) => t.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });

  it('per address and route class: login, register, forgot-password and the other public routes', async () => {
    const start = minuteStart(1_000);
    freezeClock(t, start);
    const ip = '198.51.100.1';
    for (let i = 0; i < 3; i++) {
      const res = await login(ip);
      expect(res.statusCode).toBe(401);
      expectRateHeaders(res, 3, 2 - i, 59, '3;w=60');
    }
    expectRefused(await login(ip), 59, 'minute');

    for (let i = 0; i < 2; i++) {
      const res = await post('/api/v1/auth/register', ip);
      expect(res.statusCode).toBe(400);
      expectRateHeaders(res, 2, 1 - i, 3600 - (start % 3_600_000) / 1000, '2;w=3600');
    }
    expectRefused(await post('/api/v1/auth/register', ip), 3600 - (start % 3_600_000) / 1000, 'hour');
    for (let i = 0; i < 2; i++) expect((await post('/api/v1/auth/forgot-password', ip)).statusCode).toBe(400);
    expect((await post('/api/v1/auth/forgot-password', ip)).statusCode).toBe(429);

    // The other public routes share one budget per address: health, refresh, verify-email, ….
    expect((await health(ip)).statusCode).toBe(200);
    expect((await post('/api/v1/auth/refresh', ip)).statusCode).toBe(401);
    expect((await post('/api/v1/auth/verify-email', ip)).statusCode).toBe(400);
    const last = await health(ip);
    expect(last.statusCode).toBe(200);
    expectRateHeaders(last, 4, 0, 59, '4;w=60');
    expectRefused(await health(ip), 59, 'minute');

    // Another address is untouched.
    expect((await login('198.51.100.2')).statusCode).toBe(401);
    expect((await health('198.51.100.2')).statusCode).toBe(200);
  });

  it('the public account-link routes (preview, confirm, decline) share one budget per address and hour', async () => {
    const start = minuteStart(1_500);
    freezeClock(t, start);
    const ip = '198.51.100.6';
    const reset = Math.ceil(3600 - (start % 3_600_000) / 1000);
    const preview = await t.inject({
      method: 'GET',
      url: '/api/v1/account-links/preview?token=nope',
      remoteAddress: ip,
    });
    expect(preview.statusCode).toBe(404);
    expectRateHeaders(preview, 3, 2, reset, '3;w=3600');
    expect((await post('/api/v1/account-links/confirm', ip, { token: 'nope' })).statusCode).toBe(404);
    expect((await post('/api/v1/account-links/decline', ip, { token: 'nope' })).statusCode).toBe(404);
    expectRefused(await post('/api/v1/account-links/confirm', ip, { token: 'nope' }), reset, 'hour');
    // Not the general budget: health from that address is still answered.
    expect((await health(ip)).statusCode).toBe(200);
  });

  it('requests without credentials, and to no route, count against the address: a flood of them gets 429', async () => {
    freezeClock(t, minuteStart(1_000));
    const ip = '198.51.100.7';
    const noCredentials = await t.inject({ method: 'GET', url: '/api/v1/operators', remoteAddress: ip });
    expect(noCredentials.statusCode).toBe(401);
    expect(noCredentials.headers['www-authenticate']).toBeDefined();
    expectRateHeaders(noCredentials, 4, 3, 59, '4;w=60');
    const noRoute = await t.inject({ method: 'GET', url: '/api/v1/no-such-route', remoteAddress: ip });
    expect(noRoute.statusCode).toBe(404);
    expect(noRoute.json<{ code: string }>().code).toBe('ROUTE_NOT_FOUND');
    expectRateHeaders(noRoute, 4, 2, 59, '4;w=60');
    const badToken = await t.inject({
      method: 'GET',
      url: '/api/v1/operators',
      remoteAddress: ip,
      headers: { authorization: 'Bearer not-a-token' },
    });
    expect(badToken.statusCode).toBe(401);
    expect((await health(ip)).statusCode).toBe(200); // the same budget: the last request of the minute

    const refused = await t.inject({ method: 'GET', url: '/api/v1/operators', remoteAddress: ip });
    expectRefused(refused, 59, 'minute');
    expect(refused.headers['www-authenticate']).toBeUndefined();
    expectRefused(await t.inject({ method: 'GET', url: '/api/v1/nothing-here', remoteAddress: ip }), 59, 'minute');
    // Another address is untouched; a CORS preflight is not counted.
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/operators', remoteAddress: '198.51.100.8' })).statusCode,
    ).toBe(401);
  });

  it('a signed-in caller of a public route is counted by address like anyone else', async () => {
    freezeClock(t, minuteStart(2_000));
    const s = await signIn(t);
    for (let i = 0; i < 3; i++) expect((await login('198.51.100.3', s.headers)).statusCode).toBe(401);
    expect((await login('198.51.100.3', s.headers)).statusCode).toBe(429);
  });

  it('IPv6 callers are counted per /64; IPv4-mapped addresses as the IPv4 address', async () => {
    freezeClock(t, minuteStart(3_000));
    expect((await login('2001:db8:1:2::1')).statusCode).toBe(401);
    expect((await login('2001:db8:1:2:ffff:ffff:ffff:ffff')).statusCode).toBe(401);
    expect((await login('2001:DB8:1:2::abcd')).statusCode).toBe(401);
    expect((await login('2001:db8:1:2::2')).statusCode).toBe(429);
    expect((await login('2001:db8:1:3::1')).statusCode).toBe(401);

    expect((await login('198.51.100.4')).statusCode).toBe(401);
    expect((await login('::ffff:198.51.100.4')).statusCode).toBe(401);
    expect((await login('198.51.100.4')).statusCode).toBe(401);
    expect((await login('::ffff:198.51.100.4')).statusCode).toBe(429);
  });

  it('a forged X-Forwarded-For never changes the address without TRUST_PROXY', async () => {
    freezeClock(t, minuteStart(4_000));
    for (let i = 0; i < 3; i++) {
      expect((await login('198.51.100.5', { 'x-forwarded-for': `203.0.113.${i + 1}` })).statusCode).toBe(401);
    }
    expect((await login('198.51.100.5', { 'x-forwarded-for': '203.0.113.99' })).statusCode).toBe(429);
    expect((await login('198.51.100.5', { 'x-forwarded-for': '203.0.113.99, 10.0.0.1' })).statusCode).toBe(429);
  });
});

describe('throttling behind a trusted proxy (TRUST_PROXY)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createSecurityTestApp({ TRUST_PROXY: '127.0.0.1', THROTTLE_LOGIN_PER_MINUTE: '2' });
  });
  afterAll(() => t?.close());
  afterEach(() => jest.restoreAllMocks());

  const login = (remoteAddress: string, forwardedFor: string) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail('nobody'), password: 'not the password' },
      remoteAddress,
      headers: { 'x-forwarded-for': forwardedFor },
    });

  it('X-Forwarded-For from the trusted proxy names the client; from anyone else it is ignored', async () => {
    freezeClock(t, minuteStart(1_000));
    expect((await login('127.0.0.1', '198.51.100.20')).statusCode).toBe(401);
    expect((await login('127.0.0.1', '198.51.100.20')).statusCode).toBe(401);
    expect((await login('127.0.0.1', '198.51.100.20')).statusCode).toBe(429);
    // Another client behind the same proxy has its own budget.
    expect((await login('127.0.0.1', '198.51.100.21')).statusCode).toBe(401);
    // Not from the proxy: the header is the caller's own claim and changes nothing.
    expect((await login('198.51.100.22', '198.51.100.30')).statusCode).toBe(401);
    expect((await login('198.51.100.22', '198.51.100.31')).statusCode).toBe(401);
    expect((await login('198.51.100.22', '198.51.100.32')).statusCode).toBe(429);
  });
});

describe('throttling switched off (THROTTLE_ENABLED=false)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createSecurityTestApp({ THROTTLE_ENABLED: 'false', THROTTLE_USER_PER_MINUTE: '1' });
  });
  afterAll(() => t?.close());

  it('admits everything, sends no RateLimit headers, and the quota is null', async () => {
    const s = await signIn(t);
    for (let i = 0; i < 3; i++) {
      const res = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers });
      expect(res.statusCode).toBe(200);
      expect(res.headers['ratelimit-limit']).toBeUndefined();
    }
    const quota = await t.inject({ method: 'GET', url: '/api/v1/me/quota', headers: s.headers });
    expect(quota.json()).toEqual({ minute: null, day: null });
  });
});
