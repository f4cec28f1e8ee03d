import type { IncomingMessage } from 'node:http';
import { uuidV7 } from '../common/ids/uuid-v7';

export const REQUEST_ID_HEADER = 'x-request-id';
const SAFE_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The id of a request: the caller's `X-Request-Id` when it is safe to log and echo (≤ 128 characters of
 * `[A-Za-z0-9._-]`), otherwise a new time-ordered UUID (v7: the audit log indexes request ids, and ids that grow
 * with time keep that index cheap to extend). Used as Fastify's `genReqId`.
 */
export function resolveRequestId(req: Pick<IncomingMessage, 'headers'>): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SAFE_REQUEST_ID.test(incoming) ? incoming : uuidV7();
}
