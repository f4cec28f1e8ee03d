import { Logger } from '@nestjs/common';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { isApiUrl, stripQuery } from '../../common/http/request-info';
import type { EntryFields } from './audit-entry';
import { REQUEST_RECORD_TYPE } from './entities/audit-record.entity';

declare module 'fastify' {
  interface FastifyRequest {
    /** The `code` of the error body this request was answered with (set by the audit hooks). */
    auditErrorCode: string | null;
    /** The request's audit record was taken (once per request, whichever hook ends it). */
    auditRecorded: boolean;
  }
}

/** Status recorded for a request whose client closed the connection before it was answered (as nginx logs it). */
export const CLIENT_CLOSED_REQUEST = 499;

const ERROR_CODE = /"code"\s*:\s*"([A-Z][A-Z0-9_]{0,63})"/;

/** The `code` of an error body (`{ "statusCode": 401, "code": "UNAUTHENTICATED", … }`), read from its start only. */
export function errorCodeOf(payload: unknown): string | null {
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return null;
  const head = typeof payload === 'string' ? payload.slice(0, 512) : payload.subarray(0, 512).toString('utf8');
  return ERROR_CODE.exec(head)?.[1] ?? null;
}

/**
 * The request record: who (the principal the auth guard set, if any), from where, what, and how it ended. Raw fields:
 * the writer makes them storable (cut to their columns) off the request's path.
 */
export function requestEntry(
  request: FastifyRequest,
  outcome: { status: number; durationMs: number | null; errorCode: string | null },
  now: Date,
): EntryFields {
  const principal = request.principal;
  const userAgent = request.headers['user-agent'];
  const entry: EntryFields = {
    type: REQUEST_RECORD_TYPE,
    at: now.toISOString(),
    requestId: request.id,
    actorKind: 'anonymous',
    actorId: null,
    actorRole: null,
    ip: request.ip,
    method: request.method,
    route: request.routeOptions.url ?? null,
    path: stripQuery(request.url),
    status: outcome.status,
    durationMs: outcome.durationMs,
    userAgent: typeof userAgent === 'string' ? userAgent : null,
    errorCode: outcome.errorCode,
  };
  if (principal?.kind === 'user') {
    entry.actorKind = 'user';
    entry.actorId = principal.user.id;
    entry.actorRole = principal.user.role;
  } else if (principal?.kind === 'apiClient') {
    entry.actorKind = 'apiClient';
    entry.actorId = principal.client.id;
  }
  return entry;
}

/**
 * Records every request under the API prefix, refused ones included (401, 403, 404, 429, a blocked address's 403),
 * from Fastify hooks: `onSend` notes the error code of an error body, `onResponse` takes the record once the answer
 * has been sent (so the status and duration are final), `onRequestAbort` takes it for a client that went away first.
 * Taking a record is a push onto the writer's buffer: no I/O on the request's path.
 */
export function registerAuditHooks(
  fastify: FastifyInstance,
  record: (entry: EntryFields) => void,
  now: () => Date,
): void {
  const logger = new Logger('AuditHooks');
  fastify.decorateRequest('auditErrorCode', null);
  fastify.decorateRequest('auditRecorded', false);

  fastify.addHook('onSend', (request, reply, payload, done) => {
    if (reply.statusCode >= 400 && isApiUrl(request.url)) request.auditErrorCode = errorCodeOf(payload);
    done(null, payload);
  });

  const take = (request: FastifyRequest, outcome: Parameters<typeof requestEntry>[1]) => {
    if (request.auditRecorded || !isApiUrl(request.url)) return;
    request.auditRecorded = true;
    try {
      record(requestEntry(request, outcome, now()));
    } catch (error) {
      logger.error({ err: { message: (error as Error).message } }, 'Cannot record the request in the audit log');
    }
  };

  fastify.addHook('onResponse', (request, reply, done) => {
    take(request, { status: reply.statusCode, durationMs: reply.elapsedTime, errorCode: request.auditErrorCode });
    done();
  });

  fastify.addHook('onRequestAbort', (request, done) => {
    // The client closed the connection before it was answered: no status was sent, no duration is known.
    take(request, { status: CLIENT_CLOSED_REQUEST, durationMs: null, errorCode: 'CLIENT_CLOSED_REQUEST' });
    done();
  });
}
