import { Inject, Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Clock } from '../../../common/time/clock';
import { AppConfigService } from '../../../config/app-config.service';
import { REFRESH_COOKIE } from '../../auth/refresh-cookie';
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

/** Whether the request carried a credential of any kind. */
function presentedCredential(request: FastifyRequest): boolean {
  const headers = request.headers;
  return (
    headers.authorization !== undefined ||
    headers['x-api-key'] !== undefined ||
    (request.cookies as Record<string, string | undefined> | undefined)?.[REFRESH_COOKIE] !== undefined
  );
}

/** SESSION_EXPIRED's challenge: the credential was genuine, its session or lifetime has ended. */
function endedSession(wwwAuthenticate: unknown): boolean {
  return typeof wwwAuthenticate === 'string' && wwwAuthenticate.includes('error="invalid_token"');
}

/** Counters never refuse anything: the limit passed to the store is out of reach. */
const NO_LIMIT = [Number.MAX_SAFE_INTEGER];

/**
 * Automatic temporary bans. Every API response with status 401 or 429 is counted against the client address (IPv6:
 * its /64), in the throttling store (Redis when set: shared and atomic across instances), per fixed window:
 *
 * - 401 from POST /api/v1/auth/login: a failed sign-in (AUTO_BAN_FAILED_LOGINS per clock hour, default 50);
 * - any other 401 to a request that presented a credential (a Bearer token, an API key, the refresh cookie) which was
 *   refused as invalid: a forged, garbled or unknown token or key (AUTO_BAN_INVALID_TOKENS per 10 minutes, default
 *   100). Not counted: requests with no credential at all (the web app asks for a refresh on start whether or not it
 *   holds a cookie) and answers saying a session or access token has merely ended (SESSION_EXPIRED, recognisable by
 *   its `WWW-Authenticate: …, error="invalid_token"`), which every signed-in browser meets every 15 minutes: behind
 *   one office NAT address they would add up to a ban;
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

  /** Called for every response (from an onResponse hook): counts 401s and 429s as described above. */
  record(statusCode: number, request: FastifyRequest, wwwAuthenticate: unknown): void {
    let counter: Counter;
    if (statusCode === 429) counter = this.refusals;
    else if (statusCode !== 401) return;
    else if (request.routeOptions.url === LOGIN_ROUTE) counter = this.failedLogins;
    else if (presentedCredential(request) && !endedSession(wwwAuthenticate)) counter = this.invalidTokens;
    else return;
    const ip = request.ip;
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
