import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { Params } from 'nestjs-pino';
import { storage } from 'nestjs-pino/storage';
import pino from 'pino';
import { AppConfig } from '../config/app-config';
import { isApiUrl, stripQuery } from '../common/http/request-info';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request context of an API request (see registerRequestLogging); null elsewhere. */
    logContext: RequestLogContext | null;
  }
}

export const REDACTION_CENSOR = '[redacted]';

/**
 * Log keys whose values are replaced by "[redacted]". Requests are logged without headers or bodies anyway (see
 * accessLogEntry); this list is the safety net for anything that logs an object carrying them.
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
    redact: { paths: REDACTED_PATHS, censor: REDACTION_CENSOR },
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
  // Asynchronous writes (sonic-boom): a line is handed to the kernel without blocking the event loop, and lines
  // logged while a write is in flight go out together in the next one. Nothing waits for a buffer to fill
  // (minLength 0), so a line is written at once when the process is idle. pino flushes what is left synchronously on
  // process exit (process.exit included: fatal errors, shutdown); main.ts also flushes before its own stdout output.
  // Measured on GET /api/health at LOG_LEVEL=info: with stdout a pipe (containers, process managers) synchronous
  // writes cost about 15 % of the throughput; with stdout a file there was no difference.
  return pino(options, pino.destination({ dest: 1, sync: false, minLength: 0 }));
}

/**
 * nestjs-pino settings around the root logger: Nest's own logs and application logs go through it (`Logger`,
 * `PinoLogger`), tagged with the request id inside a request. nestjs-pino's own request middleware (pino-http, run
 * through Nest's middleware layer) is not installed (`forRoutes: []`): {@link registerRequestLogging} does its job
 * from two Fastify hooks at a fraction of the cost.
 */
export function buildLoggerParams(root: pino.Logger): Params {
  return { pinoHttp: { logger: root }, forRoutes: [] };
}

/**
 * The request context of nestjs-pino (what `PinoLogger` reads from its AsyncLocalStorage): the request's child logger,
 * bound to `reqId`, created on first use only, since most requests log nothing but their access-log line.
 */
export class RequestLogContext {
  private child: pino.Logger | undefined;
  /** nestjs-pino's `assignResponse` is off: `PinoLogger.assign()` does not change the access-log line. */
  readonly responseLogger = undefined;

  constructor(
    private readonly root: pino.Logger,
    readonly requestId: string,
  ) {}

  get logger(): pino.Logger {
    return (this.child ??= this.root.child({ reqId: this.requestId }));
  }

  /** `PinoLogger.assign(fields)` replaces it with a child carrying more fields. */
  set logger(logger: pino.Logger) {
    this.child = logger;
  }
}

type AccessLogLevel = 'info' | 'warn' | 'error';

/** 5xx at error, 4xx at warn, the rest at info. */
export function accessLogLevel(statusCode: number): AccessLogLevel {
  return statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

/**
 * The access-log line of a request: `{ reqId, req: { id, method, path, remoteAddress }, res: { statusCode },
 * responseTime, msg: "GET /api/x 200" }`, plus `err` for 5xx. No headers, no body, no query string.
 */
export function accessLogEntry(
  request: { id: string; method: string; url: string; ip: string },
  statusCode: number,
  responseTime: number,
) {
  const path = stripQuery(request.url);
  return {
    object: {
      reqId: request.id,
      req: { id: request.id, method: request.method, path, remoteAddress: request.ip },
      res: { statusCode },
      // As pino-http logged it (the filter's own line before it has the real error).
      ...(statusCode >= 500 ? { err: new Error(`failed with status code ${statusCode}`) } : {}),
      responseTime,
    },
    message: `${request.method} ${path} ${statusCode}`,
  };
}

/**
 * The access log and the request context for every request under the API prefix (`/api`, `/api/...`, unknown paths
 * included; the web app's files are not logged), as pino-http did through nestjs-pino's middleware, but from Fastify
 * hooks: nothing runs through Nest's middleware layer (middie), no child logger is built unless the request logs
 * something itself, and the line is only built when its level is enabled.
 *
 * - onRequest: runs the rest of the request inside the request context (`AsyncLocalStorage`), so application logs
 *   carry `reqId`, and logs the response once it has been sent or the connection closed before that.
 * - preHandler: enters the context again, for handlers that run after a request body arrived (body events are not
 *   emitted inside the context).
 */
export function registerRequestLogging(app: NestFastifyApplication, root: pino.Logger): void {
  const fastify = app.getHttpAdapter().getInstance();
  fastify.decorateRequest('logContext', null);
  // The access-log line has a fixed shape (accessLogEntry) with none of the redacted keys, so redaction cannot
  // change it (logger.spec.ts checks the output is identical); pino's redaction pass costs about 10 µs per line,
  // which is most of the cost of the line. Same stream, level and bindings as the root logger otherwise.
  const accessLog = root.child({}, { redact: { paths: [], censor: REDACTION_CENSOR } });

  fastify.addHook('onRequest', (request, reply, done) => {
    if (!isApiUrl(request.url)) return done();
    const started = Date.now();
    const res = reply.raw;
    let logged = false;
    const onDone = () => {
      if (logged) return;
      logged = true;
      const level = accessLogLevel(res.statusCode);
      if (!accessLog.isLevelEnabled(level)) return;
      const { object, message } = accessLogEntry(request, res.statusCode, Date.now() - started);
      accessLog[level](object, message);
    };
    res.once('finish', onDone);
    res.once('close', onDone);
    const context = new RequestLogContext(root, request.id);
    request.logContext = context;
    storage.run(context, done);
  });

  fastify.addHook('preHandler', (request, _reply, done) => {
    const context = request.logContext;
    if (context === null || storage.getStore() === context) return done();
    storage.run(context, done);
  });
}
