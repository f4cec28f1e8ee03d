import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { apiResponseHeaders } from '../../bootstrap/security';
import { REQUEST_ID_HEADER } from '../../bootstrap/request-id';
import { AppConfigService } from '../../config/app-config.service';
import { IP_BLOCKED_MESSAGE, SecurityErrorCode } from './security.errors';
import { AutoBanService } from './ip-rules/auto-ban.service';
import { IpRulesCache } from './ip-rules/ip-rules-cache';

/** The common error body of IP_BLOCKED up to the request id: `{"statusCode":403,…,"requestId":`. */
const BLOCKED_BODY_START = `${JSON.stringify({
  statusCode: 403,
  code: SecurityErrorCode.IP_BLOCKED,
  message: IP_BLOCKED_MESSAGE,
}).slice(0, -1)},"requestId":`;

/**
 * The security module's Fastify hooks. Call right after the app is created.
 *
 * - **IP blocklist, first of all**: Nest's adapter runs the hook set with `setOnRequestHook` before any other
 *   onRequest hook (its own, the request log, security headers, cookies, body parsing, the guards), so a blocked
 *   address costs one lookup in memory and gets 403 IP_BLOCKED in the common error body, with the request id and the
 *   API's security headers, and nothing else runs. Blocked requests therefore have no access-log line (the audit
 *   log's onResponse hook still sees them).
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

  fastify.decorateRequest('throttle', null);

  adapter.setOnRequestHook((request: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!rules.isBlocked(request.ip)) return done();
    for (let i = 0; i < headers.length; i++) reply.header(headers[i][0], headers[i][1]);
    reply.header(REQUEST_ID_HEADER, request.id);
    reply
      .code(403)
      .type('application/json; charset=utf-8')
      .send(`${BLOCKED_BODY_START}${JSON.stringify(request.id)}}`);
  });

  fastify.addHook('onResponse', (request, reply, done) => {
    const status = reply.statusCode;
    if (status === 401 || status === 429) autoBan.record(status, request, reply.getHeader('www-authenticate'));
    done();
  });
}
