import { readFileSync } from 'node:fs';
import type { FastifyServerOptions } from 'fastify';
import { AppConfig } from '../config/app-config';
import { resolveRequestId } from './request-id';

/** 1 MiB: the largest request body the API accepts (→ 413 PAYLOAD_TOO_LARGE). */
export const BODY_LIMIT_BYTES = 1024 * 1024;

export type AppFastifyOptions = FastifyServerOptions & { https?: { cert: Buffer; key: Buffer } };

/** Options of the Fastify server under Nest: proxies, TLS, request ids, limits. Logging is pino-http's job. */
export function buildFastifyOptions(config: Pick<AppConfig, 'trustProxy' | 'tls'>): AppFastifyOptions {
  return {
    logger: false,
    trustProxy: config.trustProxy,
    ...(config.tls
      ? { https: { cert: readFileSync(config.tls.certFile), key: readFileSync(config.tls.keyFile) } }
      : {}),
    requestIdHeader: false,
    genReqId: resolveRequestId,
    bodyLimit: BODY_LIMIT_BYTES,
    // Headers and slow clients must not hold sockets forever.
    requestTimeout: 30_000,
    // On close, idle keep-alive sockets are closed at once; requests in flight are allowed to finish.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
  };
}
