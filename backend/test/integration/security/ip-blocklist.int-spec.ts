import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { IpBlock } from '../../../src/modules/security/ip-rules/entities/ip-block.entity';
import { IpRulesService } from '../../../src/modules/security/ip-rules/ip-rules.service';
import type { IpRuleEvent } from '../../../src/modules/security/ip-rule-events';
import { BLOCKED_UNTIL_REMOVED } from '../../../src/modules/security/security-hooks';
import { TestApp } from '../../support/test-app';
import { signIn, SignedIn, uniqueEmail } from '../auth/support/auth-fixtures';
import {
  autoBansSettled,
  createSecurityTestApp,
  eventually,
  freezeClock,
  minuteStart,
  removeIpRules,
} from './support/security-fixtures';

/** The IP blocklist on the in-memory store (no REDIS_URL); ip-blocklist-redis.int-spec.ts covers instances. */

// Apps start in a few seconds; on a busy machine more: allow time for start-up and the waits below.
jest.setTimeout(30_000);

interface RuleBody {
  id: string;
  range: string;
  reason: string;
  expiresAt: string | null;
  auto?: boolean;
  createdBy: { id: string; email: string; displayName: string } | null;
  createdAt: string;
}

function expectBlocked(res: InjectResponse, resetSeconds?: number): void {
  expect(res.statusCode).toBe(403);
  // No budget while blocked: counted in none, and the RateLimit headers say so until the block ends.
  expect(res.headers['ratelimit-limit']).toBe('0');
  expect(res.headers['ratelimit-remaining']).toBe('0');
  expect(Number(res.headers['ratelimit-reset'])).toBeGreaterThan(0);
  if (resetSeconds !== undefined) expect(res.headers['ratelimit-reset']).toBe(String(resetSeconds));
  expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(res.headers['x-request-id']).toEqual(expect.any(String));
  expect(res.headers['cache-control']).toBe('no-store');
  expect(res.json()).toEqual({
    statusCode: 403,
    code: 'IP_BLOCKED',
    message: 'Requests from your network address are blocked',
    requestId: res.headers['x-request-id'],
  });
}

describe('IP blocklist: admin API and enforcement', () => {
  let t: TestApp;
  let admin: SignedIn;
  const ranges = new Set<string>();

  beforeAll(async () => {
    t = await createSecurityTestApp();
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(async () => {
    if (t) await removeIpRules(t, [...ranges]);
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const addRule = (list: 'ip-blocks' | 'ip-allows', payload: object, headers = admin.headers) => {
    const range = (payload as { range?: unknown }).range;
    if (typeof range === 'string') ranges.add(range.trim());
    return t.inject({ method: 'POST', url: `/api/v1/admin/${list}`, headers, payload });
  };
  const block = async (range: string, extra: object = {}): Promise<RuleBody> => {
    const res = await addRule('ip-blocks', { range, reason: 'test', ...extra });
    expect(res.statusCode).toBe(201);
    const body = res.json<RuleBody>();
    ranges.add(body.range);
    return body;
  };
  const from = (ip: string, headers: Record<string, string> = {}) =>
    t.inject({ method: 'GET', url: '/api/health', remoteAddress: ip, headers });

  it('an admin blocks an address: 403 IP_BLOCKED at once, before authentication, routing and body parsing', async () => {
    const events: IpRuleEvent[] = [];
    t.app.get(EventEmitter2).on('ip-block.created', (e: IpRuleEvent) => events.push(e));
    const viewer = await signIn(t);
    const blocked = await block('198.51.100.40', { reason: 'Credential stuffing' });
    expect(blocked).toEqual({
      id: expect.any(String),
      range: '198.51.100.40',
      reason: 'Credential stuffing',
      expiresAt: null,
      auto: false,
      createdBy: { id: admin.user.id, email: admin.user.email, displayName: admin.user.displayName },
      createdAt: expect.any(String),
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ip-block.created',
        actor: { kind: 'user', id: admin.user.id, role: 'admin' },
        entity: 'ip-block',
        entityId: blocked.id,
        before: null,
        after: blocked,
      }),
    ]);

    expectBlocked(await from('198.51.100.40'));
    expectBlocked(await from('::ffff:198.51.100.40'));
    // Even with a valid access token, on an unknown route, or with a body that would not parse.
    expectBlocked(
      await t.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: viewer.headers,
        remoteAddress: '198.51.100.40',
      }),
    );
    expectBlocked(await t.inject({ method: 'GET', url: '/api/no-such-route', remoteAddress: '198.51.100.40' }));
    expectBlocked(
      await t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{not json',
        remoteAddress: '198.51.100.40',
      }),
    );
    expectBlocked(await t.inject({ method: 'GET', url: '/', remoteAddress: '198.51.100.40' }));
    // A forged X-Forwarded-For does not get round it (TRUST_PROXY is unset).
    expectBlocked(await from('198.51.100.40', { 'x-forwarded-for': '192.0.2.1' }));
    expect((await from('198.51.100.41')).statusCode).toBe(200);
    expect((await from('192.0.2.1', { 'x-forwarded-for': '198.51.100.40' })).statusCode).toBe(200);

    const list = await t.inject({ method: 'GET', url: '/api/v1/admin/ip-blocks', headers: admin.headers });
    expect(list.statusCode).toBe(200);
    expect(list.json<RuleBody[]>()).toContainEqual(blocked);

    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/v1/admin/ip-blocks/${blocked.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect((await from('198.51.100.40')).statusCode).toBe(200);
    const again = await t.inject({
      method: 'DELETE',
      url: `/api/v1/admin/ip-blocks/${blocked.id}`,
      headers: admin.headers,
    });
    expect(again.json()).toMatchObject({ statusCode: 404, code: 'IP_BLOCK_NOT_FOUND' });
  });

  it('CIDR ranges apply to IPv4 and IPv6, IPv4-mapped addresses included', async () => {
    await block('203.0.113.0/24');
    await block('2001:DB8:AB::/48');
    for (const ip of ['203.0.113.1', '203.0.113.254', '::ffff:203.0.113.7', '2001:db8:ab::1', '2001:db8:ab:ffff::9']) {
      // Blocks without an expiry: RateLimit-Reset says "not within any time worth waiting for".
      expectBlocked(await from(ip), BLOCKED_UNTIL_REMOVED);
    }
    for (const ip of ['203.0.114.1', '2001:db8:ac::1', '::1']) expect((await from(ip)).statusCode).toBe(200);
  });

  it('an expiry: the block stops applying the moment it passes, and the clean-up deletes it', async () => {
    const now = Date.now();
    const moveTo = freezeClock(t, now);
    const expiresAt = new Date(now + 60_000).toISOString();
    const blocked = await block('198.51.100.42', { expiresAt });
    expect(blocked.expiresAt).toBe(expiresAt);
    expectBlocked(await from('198.51.100.42'), 60);
    moveTo(now + 45_500);
    expectBlocked(await from('198.51.100.42'), 15);
    moveTo(now + 60_000);
    expect((await from('198.51.100.42')).statusCode).toBe(200);
    expect(await t.app.get(IpRulesService).purgeExpired()).toBeGreaterThanOrEqual(1);
    expect(await t.app.get(DataSource).getRepository(IpBlock).existsBy({ id: blocked.id })).toBe(false);
  });

  it('validates the input with clear codes', async () => {
    const cases: [object, number, string][] = [
      [{ range: 'nope', reason: 'x' }, 400, 'INVALID_IP_RANGE'],
      [{ range: '198.51.100.5/24', reason: 'x' }, 400, 'INVALID_IP_RANGE'],
      [{ range: '198.51.100.0/33', reason: 'x' }, 400, 'INVALID_IP_RANGE'],
      [{ range: 'fe80::1%eth0', reason: 'x' }, 400, 'INVALID_IP_RANGE'],
      [{ range: 42, reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ reason: 'x' }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: '' }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: '   ' }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: 'x'.repeat(201) }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: 'x', expiresAt: '2000-01-01T00:00:00Z' }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: 'x', expiresAt: 'tomorrow' }, 400, 'VALIDATION_FAILED'],
      [{ range: '198.51.100.43', reason: 'x', auto: true }, 400, 'VALIDATION_FAILED'],
      [{ range: '127.0.0.0/8', reason: 'x' }, 409, 'IP_BLOCK_SELF'],
      [{ range: '::ffff:127.0.0.1', reason: 'x' }, 409, 'IP_BLOCK_SELF'],
    ];
    for (const [payload, status, code] of cases) {
      for (const list of ['ip-blocks', 'ip-allows'] as const) {
        if (code === 'IP_BLOCK_SELF' && list === 'ip-allows') continue;
        const res = await addRule(list, payload);
        expect({ list, payload, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
          list,
          payload,
          status,
          code,
        });
      }
    }
    const invalid = await addRule('ip-blocks', { range: '198.51.100.5/24', reason: 'x' });
    expect(invalid.json()).toMatchObject({
      message: '"198.51.100.5/24" has host bits set; the range is written 198.51.100.0/24',
      details: [{ field: 'range', constraint: 'ipRange' }],
    });
    expect(
      (await t.inject({ method: 'DELETE', url: '/api/v1/admin/ip-allows/not-a-uuid', headers: admin.headers }))
        .statusCode,
    ).toBe(400);
    expect(
      (
        await t.inject({
          method: 'DELETE',
          url: '/api/v1/admin/ip-allows/00000000-0000-4000-8000-000000000000',
          headers: admin.headers,
        })
      ).json(),
    ).toMatchObject({ statusCode: 404, code: 'IP_ALLOW_NOT_FOUND' });
  });

  it('one manual block per range (409 IP_BLOCK_EXISTS); an admin block replaces an automatic one', async () => {
    await block('198.51.100.44');
    const twice = await addRule('ip-blocks', { range: '198.51.100.44/32', reason: 'again' });
    expect(twice.json()).toMatchObject({ statusCode: 409, code: 'IP_BLOCK_EXISTS' });

    const auto = await t.app
      .get(IpRulesService)
      .autoBan('198.51.100.45', { kind: 'failed-logins', count: 50, windowSeconds: 3600 }, 3600);
    ranges.add(auto.range);
    const manual = await block('198.51.100.45', { reason: 'Keep it blocked' });
    const list = (await t.inject({ method: 'GET', url: '/api/v1/admin/ip-blocks', headers: admin.headers })).json<
      RuleBody[]
    >();
    expect(list.filter((b) => b.range === '198.51.100.45')).toEqual([manual]);
    expectBlocked(await from('198.51.100.45'));

    await addRule('ip-allows', { range: '198.51.100.46', reason: 'Office' });
    const allowTwice = await addRule('ip-allows', { range: '198.51.100.46', reason: 'Office' });
    expect(allowTwice.json()).toMatchObject({ statusCode: 409, code: 'IP_ALLOW_EXISTS' });
  });

  it('admins only: other staff and API clients are refused', async () => {
    const viewer = await signIn(t);
    const operator = await signIn(t, { role: 'operator' });
    for (const headers of [viewer.headers, operator.headers]) {
      for (const url of ['/api/v1/admin/ip-blocks', '/api/v1/admin/ip-allows']) {
        expect((await t.inject({ method: 'GET', url, headers })).statusCode).toBe(403);
        expect(
          (
            await addRule(
              url.endsWith('blocks') ? 'ip-blocks' : 'ip-allows',
              { range: '192.0.2.9', reason: 'x' },
              headers,
            )
          ).statusCode,
        ).toBe(403);
      }
    }
    expect((await t.inject({ method: 'GET', url: '/api/v1/admin/ip-blocks' })).statusCode).toBe(401);
  });

  it('the allowlist: add, list, remove, with events', async () => {
    const events: IpRuleEvent[] = [];
    const emitter = t.app.get(EventEmitter2);
    emitter.on('ip-allow.created', (e: IpRuleEvent) => events.push(e));
    emitter.on('ip-allow.deleted', (e: IpRuleEvent) => events.push(e));
    const res = await addRule('ip-allows', { range: '2001:db8:cafe::/48', reason: 'Partner gateway' });
    expect(res.statusCode).toBe(201);
    const allow = res.json<RuleBody>();
    expect(allow).toMatchObject({ range: '2001:db8:cafe::/48', reason: 'Partner gateway', expiresAt: null });
    expect(allow).not.toHaveProperty('auto');
    const list = await t.inject({ method: 'GET', url: '/api/v1/admin/ip-allows', headers: admin.headers });
    expect(list.json<RuleBody[]>()).toContainEqual(allow);
    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/v1/admin/ip-allows/${allow.id}`,
      headers: admin.headers,
    });
    expect(removed.statusCode).toBe(204);
    expect(events.map((e) => [e.type, e.entityId])).toEqual([
      ['ip-allow.created', allow.id],
      ['ip-allow.deleted', allow.id],
    ]);
  });
});

describe('IP blocklist: automatic bans', () => {
  let t: TestApp;
  let admin: SignedIn;
  const ranges = new Set<string>();

  beforeAll(async () => {
    t = await createSecurityTestApp({
      AUTO_BAN_FAILED_LOGINS: '4',
      AUTO_BAN_INVALID_TOKENS: '3',
      AUTO_BAN_THROTTLE_REFUSALS: '2',
      AUTO_BAN_DURATION: '600',
      // Requests without credentials count here too (401s, 404s): room for the ones each test sends per address.
      THROTTLE_ANONYMOUS_PER_MINUTE: '6',
    });
    admin = await signIn(t, { role: 'admin' });
  });
  afterAll(async () => {
    if (t) await removeIpRules(t, [...ranges]);
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const failedLogin = (ip: string) =>
    t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: uniqueEmail('nobody'), password: 'not the password' },
      remoteAddress: ip,
    });
  const badToken = (ip: string) =>
    t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer nope' }, remoteAddress: ip });
  const health = (ip: string) => t.inject({ method: 'GET', url: '/api/health', remoteAddress: ip });
  const blocksOf = async (range: string) =>
    (await t.inject({ method: 'GET', url: '/api/v1/admin/ip-blocks', headers: admin.headers }))
      .json<RuleBody[]>()
      .filter((b) => b.range === range);

  it('failed sign-ins: the one that reaches the threshold bans the address for AUTO_BAN_DURATION', async () => {
    const now = minuteStart(1_000);
    const moveTo = freezeClock(t, now);
    admin = await signIn(t, { role: 'admin' });
    const events: IpRuleEvent[] = [];
    t.app.get(EventEmitter2).on('ip-block.auto-banned', (e: IpRuleEvent) => events.push(e));
    const ip = '198.51.100.60';
    ranges.add(ip);
    for (let i = 0; i < 3; i++) expect((await failedLogin(ip)).statusCode).toBe(401);
    await autoBansSettled(t);
    expect((await health(ip)).statusCode).toBe(200);
    expect((await failedLogin(ip)).statusCode).toBe(401);
    await autoBansSettled(t);
    expectBlocked(await health(ip));

    const [ban] = await blocksOf(ip);
    expect(ban).toMatchObject({
      range: ip,
      auto: true,
      createdBy: null,
      reason: 'Automatic: 4 failed sign-ins within 1 h',
      expiresAt: new Date(now + 600_000).toISOString(),
    });
    expect(events).toEqual([
      expect.objectContaining({
        type: 'ip-block.auto-banned',
        actor: { kind: 'system', id: null, role: null },
        entityId: ban.id,
        after: ban,
        trigger: { kind: 'failed-logins', count: 4, windowSeconds: 3600 },
      }),
    ]);
    // Temporary: gone when the ban expires.
    moveTo(now + 600_000);
    expect((await health(ip)).statusCode).toBe(200);
  });

  it('invalid tokens and throttle refusals ban too; IPv6 bans cover the /64', async () => {
    freezeClock(t, minuteStart(2_000));
    for (let i = 0; i < 3; i++) expect((await badToken('198.51.100.61')).statusCode).toBe(401);
    ranges.add('198.51.100.61');
    await autoBansSettled(t);
    expectBlocked(await health('198.51.100.61'));

    // Six allowed, then two refusals (429) reach the threshold.
    const ip6 = '2001:db8:77:1::5';
    ranges.add('2001:db8:77:1::/64');
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await health(ip6)).statusCode);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 429, 429]);
    await autoBansSettled(t);
    expectBlocked(await health('2001:db8:77:1:ffff::1'));
    expect((await health('2001:db8:77:2::1')).statusCode).toBe(200);
    expect((await blocksOf('2001:db8:77:1::/64'))[0]).toMatchObject({ auto: true });
  });

  it('not counted: 401s to requests without a credential, and ended sessions (SESSION_EXPIRED)', async () => {
    // The start of a 10-minute window: the counted requests below (minutes 16 and 17) share the next one.
    const start = Math.floor(Date.now() / 600_000) * 600_000 + 2_500;
    const moveTo = freezeClock(t, start);
    const s = await signIn(t);
    const ip = '198.51.100.62';
    ranges.add(ip);
    // (Requests without a valid credential here share 6 a minute per address: the clock moves on between calls.)
    for (let i = 0; i < 4; i++) {
      expect((await t.inject({ method: 'GET', url: '/api/v1/auth/me', remoteAddress: ip })).statusCode).toBe(401);
    }
    expect((await t.inject({ method: 'POST', url: '/api/v1/auth/refresh', remoteAddress: ip })).statusCode).toBe(401);
    moveTo(start + 901_000); // past the access token's 15 minutes
    admin = await signIn(t, { role: 'admin' });
    for (let i = 0; i < 4; i++) {
      const expired = await t.inject({ method: 'GET', url: '/api/v1/auth/me', headers: s.headers, remoteAddress: ip });
      expect(expired.json()).toMatchObject({ statusCode: 401, code: 'SESSION_EXPIRED' });
    }
    await autoBansSettled(t);
    expect((await health(ip)).statusCode).toBe(200);
    expect(await blocksOf(ip)).toEqual([]);
    // A refresh cookie that is not valid is an invalid credential: the third bans.
    const forged = () =>
      t.inject({ method: 'POST', url: '/api/v1/auth/refresh', cookies: { oth_refresh: 'forged' }, remoteAddress: ip });
    for (const minute of [16, 16, 17]) {
      moveTo(start + minute * 60_000);
      expect((await forged()).statusCode).toBe(401);
    }
    await autoBansSettled(t);
    expectBlocked(await health(ip));
  });

  it('allowlisted addresses are never banned automatically, but an admin can still block them', async () => {
    freezeClock(t, minuteStart(3_000));
    admin = await signIn(t, { role: 'admin' });
    ranges.add('198.51.100.64/30');
    const allow = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/ip-allows',
      headers: admin.headers,
      payload: { range: '198.51.100.64/30', reason: 'Office NAT' },
    });
    expect(allow.statusCode).toBe(201);
    for (let i = 0; i < 6; i++) expect((await failedLogin('198.51.100.65')).statusCode).toBe(401);
    await autoBansSettled(t);
    expect((await health('198.51.100.65')).statusCode).toBe(200);
    expect(await blocksOf('198.51.100.65')).toEqual([]);

    ranges.add('198.51.100.66');
    const manual = await t.inject({
      method: 'POST',
      url: '/api/v1/admin/ip-blocks',
      headers: admin.headers,
      payload: { range: '198.51.100.66', reason: 'Stolen laptop' },
    });
    expect(manual.statusCode).toBe(201);
    expectBlocked(await health('198.51.100.66'));
  });

  it('an allowlist entry added after an automatic ban lifts it', async () => {
    freezeClock(t, minuteStart(4_000));
    admin = await signIn(t, { role: 'admin' });
    const ip = '198.51.100.70';
    ranges.add(ip);
    for (let i = 0; i < 3; i++) await badToken(ip);
    await autoBansSettled(t);
    expectBlocked(await health(ip));
    await t.inject({
      method: 'POST',
      url: '/api/v1/admin/ip-allows',
      headers: admin.headers,
      payload: { range: ip, reason: 'Our monitoring probe' },
    });
    await eventually(async () => (await health(ip)).statusCode === 200);
  });
});
