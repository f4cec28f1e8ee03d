import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiResponseHeaders } from '../../bootstrap/security';
import { REQUEST_ID_HEADER } from '../../bootstrap/request-id';
import { isApiUrl } from '../../common/http/request-info';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { IP_BLOCKED_MESSAGE, SecurityErrorCode, SecurityErrors } from './security.errors';
import { AutoBanService } from './ip-rules/auto-ban.service';
import { IpRulesCache } from './ip-rules/ip-rules-cache';
import { rateLimitHeaders, ThrottleOutcome } from './throttling/budget';
import { routeClassOf, ThrottleService } from './throttling/throttle.service';

/** The common error body of IP_BLOCKED up to the request id: `{"statusCode":403,…,"requestId":`. */
const BLOCKED_BODY_START = `${JSON.stringify({
  statusCode: 403,
  code: SecurityErrorCode.IP_BLOCKED,
  message: IP_BLOCKED_MESSAGE,
}).slice(0, -1)},"requestId":`;

/**
 * `RateLimit-Reset` of a block without an expiry: "not within any time a client should wait for" (2^31 seconds,
 * the largest delta-seconds HTTP asks recipients to handle, RFC 9111 §1.2.2).
 */
export const BLOCKED_UNTIL_REMOVED = 2_147_483_648;

/**
 * The security module's Fastify hooks. Call right after the app is created.
 *
 * - **IP blocklist, first of all**: Nest's adapter runs the hook set with `setOnRequestHook` before any other
 *   onRequest hook (its own, the request log, security headers, cookies, body parsing, the guards), so a blocked
 *   address costs one lookup in memory and gets 403 IP_BLOCKED in the common error body, with the request id, the
 *   API's security headers and `RateLimit-Limit: 0`, `-Remaining: 0`, `-Reset`: seconds until the block ends
 *   (BLOCKED_UNTIL_REMOVED for a block without an expiry), and nothing else runs; it is counted in no budget. Blocked requests therefore have no access-log line (the audit
 *   log's onResponse hook still sees them).
 * - **Every answer is counted**: ThrottleGuard counts the requests that reach it. An onSend hook counts the others —
 *   refused by the auth guard (401; 403 for a role, against the signed-in caller's own budget), sent to no route
 *   (404), refused before any route ran (403 IP_BLOCKED, 400 MALFORMED_JSON) — against the caller's budget, or the
 *   client address's `anonymous` budget, and puts the `RateLimit-*` headers on them. When that budget is spent, a
 *   401 or 404 becomes 429 RATE_LIMITED, so a flood of requests without credentials, or to made-up paths, is cut off
 *   (and, its refusals counting, banned automatically) like any other; a block stays a 403 IP_BLOCKED.
 * - **Automatic bans**: an onResponse hook hands every 401 and 429 to AutoBanService, after the response was sent.
 * - `request.throttle`, which ThrottleGuard sets, is declared here so every request has the same shape.
 */
export function registerSecurityHooks(app: NestFastifyApplication): void {
  const adapter: unknown = app.getHttpAdapter();
  if (!(adapter instanceof FastifyAdapter)) throw new Error('registerSecurityHooks needs the Fastify adapter');
  const fastify = app.getHttpAdapter().getInstance();
  const rules = app.get(IpRulesCache);
  const autoBan = app.get(AutoBanService);
  const headers = Object.entries(apiResponseHeaders(app.get(AppConfigService)));
  const throttle = app.get(ThrottleService);
  const clock = app.get(Clock);

  fastify.decorateRequest('throttle', null);

  /** Counts a request ThrottleGuard did not see against its caller's budget, or its address's anonymous one. */
  const countUnguarded = (request: FastifyRequest): Promise<ThrottleOutcome> => {
    const now = clock.now().getTime();
    const principal = request.principal;
    if (principal) return throttle.forPrincipal(principal, now);
    return throttle.forAddress(routeClassOf(request.routeOptions.url ?? ''), request.ip, now);
  };

  adapter.setOnRequestHook((request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!rules.isBlocked(request.ip)) return done();
    for (let i = 0; i < headers.length; i++) reply.header(headers[i][0], headers[i][1]);
    reply.header(REQUEST_ID_HEADER, request.id);
    // No budget while blocked: nothing is counted (a blocked flood costs no store), and the headers say so.
    const until = rules.blockedUntil(request.ip) ?? 0;
    const reset =
      until === Infinity ? BLOCKED_UNTIL_REMOVED : Math.max(1, Math.ceil((until - clock.now().getTime()) / 1000));
    reply.header('ratelimit-limit', '0').header('ratelimit-remaining', '0').header('ratelimit-reset', String(reset));
    reply
      .code(403)
      .type('application/json; charset=utf-8')
      .send(`${BLOCKED_BODY_START}${JSON.stringify(request.id)}}`);
  });

  fastify.addHook('onSend', async (request, reply, payload) => {
    // CORS preflights carry no credentials and no answer: not counted.
    if (request.throttle !== null || !throttle.enabled || request.method === 'OPTIONS' || !isApiUrl(request.url)) {
      return payload;
    }
    if (reply.hasHeader('ratelimit-limit')) return payload; // a blocked address's answer
    const outcome = await countUnguarded(request);
    request.throttle = outcome;
    const limits = rateLimitHeaders(outcome);
    const refuse = !outcome.allowed && (reply.statusCode === 401 || reply.statusCode === 404);
    for (const name in limits) if (name !== 'retry-after' || refuse) reply.header(name, limits[name]);
    if (!refuse) return payload;
    const error = SecurityErrors.rateLimited(outcome);
    reply.code(error.status).type('application/json; charset=utf-8');
    reply.removeHeader('www-authenticate');
    return JSON.stringify({
      statusCode: error.status,
      code: error.code,
      message: error.message,
      details: error.details,
      requestId: request.id,
    });
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    if (status === 401 || status === 429) autoBan.record(status, request, reply.getHeader('www-authenticate'));
    done();
  });
}
