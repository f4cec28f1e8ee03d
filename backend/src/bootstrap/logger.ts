import type { IncomingMessage, ServerResponse } from 'node:http';
import { RequestMethod } from '@nestjs/common';
import type { Params } from 'nestjs-pino';
import pino from 'pino';
import type { Options } from 'pino-http';
import { AppConfig } from '../config/app-config';
import { pathOf, stripQuery } from '../common/http/request-info';

/**
 * Log keys whose values are replaced by "[redacted]". Requests are logged without headers or bodies anyway (see
 * the serializers); this list is the safety net for anything that logs an object carrying them.
 */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  'headers["x-api-key"]',
  'headers["set-cookie"]',
  'password',
  'token',
  'accessToken',
  'refreshToken',
  '*.password',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.currentPassword',
  '*.newPassword',
  '*.*.password',
  '*.*.token',
];

/** pino-http's serialized request; `raw` is the Node request, which middie gives Fastify's `ip` and `originalUrl`. */
type LoggedRequest = {
  id?: unknown;
  method?: string;
  url?: string;
  remoteAddress?: string;
  raw?: { ip?: string; originalUrl?: string };
};

/** A request in the access log: id, method, path without query string, client address. No headers, no body. */
export function serializeRequest(req: LoggedRequest) {
  const raw = req.raw;
  return {
    id: req.id,
    method: req.method,
    path: stripQuery(raw?.originalUrl ?? req.url ?? ''),
    // Fastify's request.ip (copied onto the raw request by middie) honours TRUST_PROXY.
    remoteAddress: raw?.ip ?? req.remoteAddress,
  };
}

export function serializeResponse(res: { statusCode?: number }) {
  return { statusCode: res.statusCode };
}

function prettyAvailable(): boolean {
  try {
    require.resolve('pino-pretty');
    return true;
  } catch {
    return false;
  }
}

/** stdout is a terminal, or a wrapper that owns one says so (tools/dev.mjs sets FORCE_COLOR when it pipes our output). */
function stdoutIsTerminal(): boolean {
  const forced = process.env.FORCE_COLOR;
  return (
    process.stdout.isTTY === true || (forced !== undefined && forced !== '' && forced !== '0' && forced !== 'false')
  );
}

/** Human-readable logs only for a developer watching a terminal; JSON lines everywhere else. */
export function usePrettyLogs(config: Pick<AppConfig, 'nodeEnv'>, isTty = stdoutIsTerminal()): boolean {
  return config.nodeEnv === 'development' && isTty && prettyAvailable();
}

/** The one pino logger of the process: level from LOG_LEVEL, redaction, pretty output for a developer's terminal. */
export function createRootLogger(config: Pick<AppConfig, 'nodeEnv' | 'logLevel'>): pino.Logger {
  const options: pino.LoggerOptions = {
    level: config.logLevel,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (usePrettyLogs(config)) {
    return pino({
      ...options,
      transport: {
        target: 'pino-pretty',
        options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
      },
    });
  }
  // Synchronous writes: no log line is lost when the process exits, and lines keep their order with other output.
  return pino(options, pino.destination({ dest: 1, sync: true }));
}

/**
 * nestjs-pino settings around the root logger: Nest's own logs, application logs and the access log (pino-http) all
 * go through it, tagged with the request id inside a request.
 */
export function buildLoggerParams(root: pino.Logger): Params {
  const pinoHttp: Options<IncomingMessage, ServerResponse> = {
    logger: root,
    // Fastify has already chosen the id (a safe incoming X-Request-Id or a UUID); middie copies it onto req.id.
    genReqId: (req) => req.id,
    quietReqLogger: true,
    serializers: { req: serializeRequest, res: serializeResponse },
    customLogLevel: (_req, res, err) =>
      err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info',
    customSuccessMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
    customErrorMessage: (req, res) => `${req.method} ${pathOf(req)} ${res.statusCode}`,
  };
  // Every route under the global prefix (/api); the web app's static files are not access-logged.
  return { pinoHttp, forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }] };
}
