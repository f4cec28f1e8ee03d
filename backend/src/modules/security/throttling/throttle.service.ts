import { Inject, Injectable } from '@nestjs/common';
import type { Principal } from '../../../common/auth/principal';
import { AppConfigService } from '../../../config/app-config.service';
import { clientKeyOf } from '../ip-rules/ip-range';
import { Budget, throttleOutcome, ThrottleOutcome } from './budget';
import { QuotaDto, QuotaWindowDto } from './dto/quota.dto';
import { counterTtlMs, DAY, HOUR, MINUTE, windowNumber } from './fixed-window';
import { RATE_LIMIT_KEY_PREFIX, RATE_LIMIT_STORE, RateLimitStore } from './rate-limit-store';

/** Public routes are counted per client address in one of these classes, each with its own budget. */
export type RouteClass = 'login' | 'register' | 'forgot-password' | 'account-link' | 'anonymous';

const ACCOUNT_LINKS_PREFIX = '/api/v1/account-links/';
const CLASS_BY_PATH: Readonly<Record<string, RouteClass>> = {
  '/api/v1/auth/login': 'login',
  '/api/v1/auth/register': 'register',
  '/api/v1/auth/forgot-password': 'forgot-password',
};

/** The class of a public route, by its path template (`/api/v1/auth/login`). */
export function routeClassOf(path: string): RouteClass {
  return CLASS_BY_PATH[path] ?? (path.startsWith(ACCOUNT_LINKS_PREFIX) ? 'account-link' : 'anonymous');
}

/**
 * Request budgets (docs/security.md, "Throttling and IP blocklist"): one per caller across the whole API, whatever
 * endpoints it calls. Staff users: a minute and a day window; API clients: a day window with their own limit or the
 * default; anonymous callers of public routes: per client address (IPv6: per /64) and route class.
 */
@Injectable()
export class ThrottleService {
  readonly enabled: boolean;
  private readonly user: Budget;
  private readonly defaultClientLimit: number;
  private readonly clientBudgets = new Map<number, Budget>();
  private readonly anonymous: Readonly<Record<RouteClass, Budget>>;

  constructor(
    config: AppConfigService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
  ) {
    const t = config.throttle;
    this.enabled = t.enabled;
    this.user = new Budget('user', [
      { window: MINUTE, limit: t.userPerMinute },
      { window: DAY, limit: t.userPerDay },
    ]);
    this.defaultClientLimit = t.clientPerDay;
    this.anonymous = {
      login: new Budget('login', [{ window: MINUTE, limit: t.loginPerMinute }]),
      register: new Budget('register', [{ window: HOUR, limit: t.registerPerHour }]),
      'forgot-password': new Budget('forgot-password', [{ window: HOUR, limit: t.forgotPasswordPerHour }]),
      'account-link': new Budget('account-link', [{ window: HOUR, limit: t.accountLinkPerHour }]),
      anonymous: new Budget('anonymous', [{ window: MINUTE, limit: t.anonymousPerMinute }]),
    };
  }

  /** Counts one request of a signed-in caller against their budget. */
  forPrincipal(principal: Principal, now: number): Promise<ThrottleOutcome> {
    if (principal.kind === 'user') return this.count(this.user, `u:${principal.user.id}`, now);
    return this.count(this.clientBudget(principal.client.dailyLimit), `c:${principal.client.id}`, now);
  }

  /** Counts one request of an anonymous caller on a public route of `routeClass`. */
  forAddress(routeClass: RouteClass, ip: string, now: number): Promise<ThrottleOutcome> {
    const budget = this.anonymous[routeClass];
    return this.count(budget, `ip:${budget.name}:${clientKeyOf(ip)}`, now);
  }

  /** The minute and day windows of an outcome, for GET /api/v1/me/quota. */
  quotaOf(outcome: ThrottleOutcome | null): QuotaDto {
    const find = (name: string): QuotaWindowDto | null => {
      const state = outcome?.windows.find((w) => w.window.name === name);
      return state ? { limit: state.limit, remaining: state.remaining, resetSeconds: state.resetSeconds } : null;
    };
    return { minute: find(MINUTE.name), day: find(DAY.name) };
  }

  private clientBudget(dailyLimit: number | null | undefined): Budget {
    const limit = dailyLimit ?? this.defaultClientLimit;
    let budget = this.clientBudgets.get(limit);
    if (!budget) {
      // A handful of distinct limits in practice; the map is bounded anyway by clearing it when it grows odd.
      if (this.clientBudgets.size >= 1000) this.clientBudgets.clear();
      this.clientBudgets.set(limit, (budget = new Budget('client', [{ window: DAY, limit }])));
    }
    return budget;
  }

  private async count(budget: Budget, subject: string, now: number): Promise<ThrottleOutcome> {
    const n = budget.windows.length;
    const keys = new Array<string>(n);
    const ttls = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      const window = budget.windows[i].window;
      keys[i] = `${RATE_LIMIT_KEY_PREFIX}${subject}:${window.name}:${windowNumber(window, now)}`;
      ttls[i] = counterTtlMs(window, now);
    }
    const { allowed, counts } = await this.store.hit(keys, budget.limits, ttls, now);
    return throttleOutcome(budget, allowed, counts, now);
  }
}
