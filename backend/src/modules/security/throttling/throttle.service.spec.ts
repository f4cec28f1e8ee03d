import type { Principal } from '../../../common/auth/principal';
import type { AppConfigService } from '../../../config/app-config.service';
import { MemoryRateLimitStore } from './memory-rate-limit-store';
import { routeClassOf, ThrottleService } from './throttle.service';

const config = {
  throttle: {
    enabled: true,
    userPerMinute: 2,
    userPerDay: 10,
    clientPerDay: 3,
    anonymousPerMinute: 5,
    loginPerMinute: 1,
    registerPerHour: 1,
    forgotPasswordPerHour: 1,
    accountLinkPerHour: 1,
  },
} as unknown as AppConfigService;

const user = (id: string): Principal => ({
  kind: 'user',
  sessionId: 's',
  user: { id, email: 'a@example.org', displayName: 'A', role: 'viewer', operatorId: null, status: 'active' },
});
const client = (id: string, dailyLimit?: number | null): Principal => ({
  kind: 'apiClient',
  client: { id, name: 'c', keyPrefix: 'abcd1234', scopes: [], operatorId: null, dailyLimit },
});

describe('routeClassOf', () => {
  it.each([
    ['/api/v1/auth/login', 'login'],
    ['/api/v1/auth/register', 'register'],
    ['/api/v1/auth/forgot-password', 'forgot-password'],
    ['/api/v1/account-links/preview', 'account-link'],
    ['/api/v1/account-links/confirm', 'account-link'],
    ['/api/v1/account-links/decline', 'account-link'],
    ['/api/health', 'anonymous'],
    ['/api/v1/auth/refresh', 'anonymous'],
    ['/api/v1/auth/reset-password', 'anonymous'],
    ['/api/v1/account-links', 'anonymous'],
  ])('%s → %s', (path, routeClass) => {
    expect(routeClassOf(path)).toBe(routeClass);
  });
});

describe('ThrottleService', () => {
  const now = Date.parse('2026-11-23T10:00:30Z');

  it('keys a user by id, over a minute and a day window', async () => {
    const store = new MemoryRateLimitStore();
    const hit = jest.spyOn(store, 'hit');
    const service = new ThrottleService(config, store);
    await service.forPrincipal(user('u1'), now);
    const minute = Math.floor(now / 60_000);
    const day = Math.floor(now / 86_400_000);
    expect(hit).toHaveBeenCalledWith(
      [`oth:rl:u:u1:minute:${minute}`, `oth:rl:u:u1:day:${day}`],
      [2, 10],
      [30_000 + 5_000, 50_370_000 + 5_000],
      now,
    );
  });

  it("API clients: the client's own daily limit, or the default", async () => {
    const service = new ThrottleService(config, new MemoryRateLimitStore());
    const standard = await service.forPrincipal(client('c1', null), now);
    expect(standard.budget.policy).toBe('3;w=86400');
    const own = await service.forPrincipal(client('c2', 50), now);
    expect(own.budget.policy).toBe('50;w=86400');
    expect(own.windows[0].remaining).toBe(49);
  });

  it('anonymous callers by class and client key (IPv6 /64)', async () => {
    const store = new MemoryRateLimitStore();
    const hit = jest.spyOn(store, 'hit');
    const service = new ThrottleService(config, store);
    expect((await service.forAddress('login', '2001:db8::1', now)).allowed).toBe(true);
    expect((await service.forAddress('login', '2001:db8::2', now)).allowed).toBe(false);
    expect((await service.forAddress('register', '2001:db8::2', now)).allowed).toBe(true);
    expect(hit.mock.calls[0][0]).toEqual([`oth:rl:ip:login:2001:db8::/64:minute:${Math.floor(now / 60_000)}`]);
  });

  it('quotaOf: the minute and day windows, or nulls', async () => {
    const service = new ThrottleService(config, new MemoryRateLimitStore());
    const outcome = await service.forPrincipal(user('u2'), now);
    expect(service.quotaOf(outcome)).toEqual({
      minute: { limit: 2, remaining: 1, resetSeconds: 30 },
      day: { limit: 10, remaining: 9, resetSeconds: 50_370 },
    });
    expect(service.quotaOf(null)).toEqual({ minute: null, day: null });
    expect(service.quotaOf(await service.forPrincipal(client('c3'), now))).toEqual({
      minute: null,
      day: { limit: 3, remaining: 2, resetSeconds: 50_370 },
    });
  });
});
