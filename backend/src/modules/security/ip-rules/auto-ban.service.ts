import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../../common/time/clock';
import { AppConfigService } from '../../../config/app-config.service';
import { AutoBanTrigger } from '../ip-rule-events';
import { counterTtlMs, FixedWindow, HOUR, TEN_MINUTES, windowNumber } from '../throttling/fixed-window';
import { RATE_LIMIT_KEY_PREFIX, RATE_LIMIT_STORE, RateLimitStore } from '../throttling/rate-limit-store';
import { clientKeyOf } from './ip-range';
import { IpRulesCache } from './ip-rules-cache';
import { IpRulesService } from './ip-rules.service';

/** The path template of the sign-in route: a 401 there is a failed sign-in. */
export const LOGIN_ROUTE = '/api/v1/auth/login';

interface Counter {
  kind: AutoBanTrigger['kind'];
  window: FixedWindow;
  threshold: number;
}

/** Counters never refuse anything: the limit passed to the store is out of reach. */
const NO_LIMIT = [Number.MAX_SAFE_INTEGER];

/**
 * Automatic temporary bans. Every API response with status 401 or 429 is counted against the client address (IPv6:
 * its /64), in the throttling store (Redis when set: shared and atomic across instances), per fixed window:
 *
 * - 401 from POST /api/v1/auth/login: a failed sign-in (AUTO_BAN_FAILED_LOGINS per clock hour, default 50);
 * - any other 401: missing, invalid or expired credentials (AUTO_BAN_INVALID_TOKENS per 10 minutes, default 100);
 * - 429: a refusal for too many requests (AUTO_BAN_THROTTLE_REFUSALS per 10 minutes, default 20).
 *
 * The response that brings a counter exactly to its threshold bans the address for AUTO_BAN_DURATION (only that one
 * response, however many instances count concurrently). Allowlisted addresses are not counted. Counting happens
 * after the response is sent and never delays or fails a request.
 */
@Injectable()
export class AutoBanService {
  private readonly logger = new Logger(AutoBanService.name);
  private readonly failedLogins: Counter;
  private readonly invalidTokens: Counter;
  private readonly refusals: Counter;
  private readonly durationSeconds: number;
  /** Counting in progress (so that shutdown and tests can wait for it). */
  private readonly pending = new Set<Promise<void>>();

  constructor(
    config: AppConfigService,
    @Inject(RATE_LIMIT_STORE) private readonly store: RateLimitStore,
    private readonly cache: IpRulesCache,
    private readonly rules: IpRulesService,
    private readonly clock: Clock,
  ) {
    const a = config.autoBan;
    this.failedLogins = { kind: 'failed-logins', window: HOUR, threshold: a.failedLoginsPerHour };
    this.invalidTokens = { kind: 'invalid-tokens', window: TEN_MINUTES, threshold: a.invalidTokensPer10Minutes };
    this.refusals = { kind: 'throttle-refusals', window: TEN_MINUTES, threshold: a.throttleRefusalsPer10Minutes };
    this.durationSeconds = a.durationSeconds;
  }

  /** Called for every response (from an onResponse hook): counts 401s and 429s. */
  record(statusCode: number, routeUrl: string | undefined, ip: string): void {
    let counter: Counter;
    if (statusCode === 401) counter = routeUrl === LOGIN_ROUTE ? this.failedLogins : this.invalidTokens;
    else if (statusCode === 429) counter = this.refusals;
    else return;
    if (counter.threshold === 0 || this.cache.isAllowed(ip)) return;
    const work = this.count(counter, ip).catch((err: unknown) =>
      this.logger.error({ err: { message: (err as Error).message } }, 'Could not count towards an automatic ban'),
    );
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  /** Resolves once every count started so far has finished (bans included). */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  private async count(counter: Counter, ip: string): Promise<void> {
    const subject = clientKeyOf(ip);
    const now = this.clock.now().getTime();
    const key = `${RATE_LIMIT_KEY_PREFIX}ban:${counter.kind}:${subject}:${counter.window.name}:${windowNumber(counter.window, now)}`;
    const { counts } = await this.store.hit([key], NO_LIMIT, [counterTtlMs(counter.window, now)], now);
    if (counts[0] !== counter.threshold) return;
    await this.rules.autoBan(
      subject,
      { kind: counter.kind, count: counts[0], windowSeconds: counter.window.seconds },
      this.durationSeconds,
    );
  }
}
