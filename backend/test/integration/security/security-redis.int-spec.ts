import type { ChildProcess } from 'node:child_process';
import Redis from 'ioredis';
import { TestApp } from '../../support/test-app';
import { signIn, SignedIn, uniqueEmail } from '../auth/support/auth-fixtures';
import {
  autoBansSettled,
  createSecurityTestApp,
  eventually,
  freezeClock,
  hasRedisServer,
  minuteStart,
  removeIpRules,
  startRedis,
} from './support/security-fixtures';

/**
 * Throttling and the IP blocklist with REDIS_URL: two app instances sharing a private redis-server on a free port
 * (isolated from any other Redis, and the outage test stops one). Without the redis-server binary the suite fails
 * rather than skips: Redis is how several instances share budgets and bans.
 */

// Apps start in a few seconds; on a busy machine more: allow time for start-up and the waits below.
jest.setTimeout(30_000);

describe('throttling and IP blocklist across instances (Redis)', () => {
  let redis: { url: string; process: ChildProcess };
  let client: Redis;
  let a: TestApp;
  let b: TestApp;
  let admin: SignedIn;
  const ranges = new Set<string>();
  const env = {
    THROTTLE_USER_PER_MINUTE: '10',
    THROTTLE_CLIENT_PER_DAY: '7',
    THROTTLE_LOGIN_PER_MINUTE: '4',
    AUTO_BAN_INVALID_TOKENS: '6',
  };

  beforeAll(async () => {
    if (!hasRedisServer) throw new Error('these tests need redis-server (apt-get install redis-server)');
    redis = await startRedis();
    client = new Redis(redis.url);
    a = await createSecurityTestApp({ REDIS_URL: redis.url, ...env });
    b = await createSecurityTestApp({ REDIS_URL: redis.url, ...env });
  });
  afterAll(async () => {
    if (a) await removeIpRules(a, [...ranges]);
    await b?.close();
    await a?.close();
    client?.disconnect();
    redis?.process?.kill();
  });
  afterEach(() => jest.restoreAllMocks());

  /** Both instances on one frozen clock. */
  function freezeBoth(at: number): void {
    freezeClock(a, at);
    freezeClock(b, at);
  }

  it('one budget per user across instances: 3L concurrent requests on two instances, exactly L succeed', async () => {
    freezeBoth(minuteStart(1_000));
    const s = await signIn(a);
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        (i % 2 ? a : b).inject({ method: 'GET', url: i % 3 ? '/api/v1/auth/me' : '/api/v1/modes', headers: s.headers }),
      ),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((code) => code === 200)).toHaveLength(10);
    expect(statuses.filter((code) => code === 429)).toHaveLength(20);
    const remaining = results.filter((r) => r.statusCode === 200).map((r) => Number(r.headers['ratelimit-remaining']));
    expect(remaining.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    // The counters live in Redis under oth:rl:, and expire with their window.
    const keys = await client.keys(`oth:rl:u:${s.user.id}:*`);
    expect(keys.sort()).toEqual([expect.stringMatching(/:day:\d+$/), expect.stringMatching(/:minute:\d+$/)]);
    const ttl = await client.pttl(keys.find((k) => k.includes(':minute:'))!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000 + 5_000);
  });

  it('API clients and anonymous addresses share their budgets across instances too', async () => {
    freezeBoth(minuteStart(2_000));
    admin = await signIn(a, { role: 'admin' });
    const created = await a.inject({
      method: 'POST',
      url: '/api/v1/api-clients',
      headers: admin.headers,
      payload: { name: 'Partner', scopes: ['operator-info:read'] },
    });
    const key = created.json<{ key: string }>().key;
    const calls = await Promise.all(
      Array.from({ length: 21 }, (_, i) =>
        (i % 2 ? a : b).inject({ method: 'GET', url: '/api/v1/operators', headers: { 'x-api-key': key } }),
      ),
    );
    expect(calls.filter((r) => r.statusCode === 200)).toHaveLength(7);
    expect(calls.filter((r) => r.statusCode === 429)).toHaveLength(14);

    const logins = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        (i % 2 ? a : b).inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { email: uniqueEmail('nobody'), password: 'not the password' },
          remoteAddress: '198.51.100.80',
        }),
      ),
    );
    expect(logins.filter((r) => r.statusCode === 401)).toHaveLength(4);
    expect(logins.filter((r) => r.statusCode === 429)).toHaveLength(8);
  });

  it('a block made through one instance applies on the other at once (pub/sub)', async () => {
    admin = await signIn(a, { role: 'admin' });
    ranges.add('198.51.100.81');
    const health = (t: TestApp) => t.inject({ method: 'GET', url: '/api/health', remoteAddress: '198.51.100.81' });
    expect((await health(b)).statusCode).toBe(200);
    const res = await a.inject({
      method: 'POST',
      url: '/api/v1/admin/ip-blocks',
      headers: admin.headers,
      payload: { range: '198.51.100.81', reason: 'test' },
    });
    expect(res.statusCode).toBe(201);
    expect((await health(a)).statusCode).toBe(403);
    await eventually(async () => (await health(b)).statusCode === 403, 2000);

    await a.inject({
      method: 'DELETE',
      url: `/api/v1/admin/ip-blocks/${res.json<{ id: string }>().id}`,
      headers: admin.headers,
    });
    await eventually(async () => (await health(b)).statusCode === 200, 2000);
  });

  it('automatic bans count failures on every instance, and ban on all of them', async () => {
    freezeBoth(minuteStart(3_000));
    const ip = '198.51.100.82';
    ranges.add(ip);
    const badToken = (t: TestApp) =>
      t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer nope' }, remoteAddress: ip });
    for (let i = 0; i < 6; i++) expect((await badToken(i % 2 ? a : b)).statusCode).toBe(401);
    await autoBansSettled(a);
    await autoBansSettled(b);
    const health = (t: TestApp) => t.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });
    await eventually(async () => (await health(a)).statusCode === 403 && (await health(b)).statusCode === 403, 2000);
    const blocks = (
      await a.inject({
        method: 'GET',
        url: '/api/v1/admin/ip-blocks',
        headers: (await signIn(a, { role: 'admin' })).headers,
      })
    )
      .json<{ range: string; auto: boolean }[]>()
      .filter((x) => x.range === ip);
    expect(blocks).toEqual([expect.objectContaining({ range: ip, auto: true })]);
  });

  it('when Redis is away, requests are counted in memory instead of failing', async () => {
    const own = await startRedis();
    const c = await createSecurityTestApp({ REDIS_URL: own.url, THROTTLE_USER_PER_MINUTE: '3' });
    try {
      freezeClock(c, minuteStart(4_000));
      const s = await signIn(c);
      expect((await c.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode).toBe(200);
      own.process.kill();
      await new Promise((r) => setTimeout(r, 200));
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        statuses.push((await c.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers })).statusCode);
      }
      // The in-memory fallback starts its own count: three more pass, then the limit holds.
      expect(statuses).toEqual([200, 200, 200, 429]);
    } finally {
      await c.close();
    }
  });
});
