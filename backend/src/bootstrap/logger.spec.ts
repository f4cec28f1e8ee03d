import { Writable } from 'node:stream';
import pino from 'pino';
import {
  accessLogEntry,
  accessLogLevel,
  buildLoggerParams,
  createRootLogger,
  REDACTED_PATHS,
  RequestLogContext,
  usePrettyLogs,
} from './logger';

describe('access log', () => {
  const request = { id: 'r1', method: 'GET', url: '/api/customers?email=someone@example.org', ip: '203.0.113.9' };

  it('logs the path without its query string, and no headers or body', () => {
    const { object, message } = accessLogEntry(request, 200, 3);
    expect(object).toEqual({
      reqId: 'r1',
      req: { id: 'r1', method: 'GET', path: '/api/customers', remoteAddress: '203.0.113.9' },
      res: { statusCode: 200 },
      responseTime: 3,
    });
    expect(message).toBe('GET /api/customers 200');
    expect(JSON.stringify([object, message])).not.toContain('someone@example.org');
  });

  it('adds the error of a 5xx', () => {
    expect(accessLogEntry(request, 503, 1).object).toMatchObject({
      res: { statusCode: 503 },
      err: expect.objectContaining({ message: 'failed with status code 503' }),
    });
  });

  it.each([
    [200, 'info'],
    [304, 'info'],
    [404, 'warn'],
    [499, 'warn'],
    [500, 'error'],
  ])('logs %i at %s', (status, level) => {
    expect(accessLogLevel(status)).toBe(level);
  });

  it('writes the same line with or without redaction: it has none of the redacted keys', () => {
    const output = (redacted: boolean) => {
      const lines: string[] = [];
      const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString().replace(/"time":\d+/, ''));
          done();
        },
      });
      const log = pino(redacted ? { redact: { paths: REDACTED_PATHS, censor: '[redacted]' } } : {}, sink);
      for (const [url, status] of [
        ['/api/auth/password?token=abc', 200],
        ['/api/users/password/token/refreshToken', 404],
        ['/api/x', 500],
      ] as const) {
        const { object, message } = accessLogEntry({ ...request, url }, status, 1);
        log[accessLogLevel(status)](object, message);
      }
      return lines.map((line) => line.replace(/"stack":"[^"]*"/, ''));
    };
    expect(output(false)).toEqual(output(true));
  });

  it('creates the request child logger only when something logs', () => {
    const root = pino({ level: 'silent' });
    const child = jest.spyOn(root, 'child');
    const context = new RequestLogContext(root, 'r1');
    expect(child).not.toHaveBeenCalled();
    expect(context.logger.bindings()).toEqual({ reqId: 'r1' });
    expect(context.logger).toBe(context.logger);
    expect(child).toHaveBeenCalledTimes(1);
  });
});

describe('redaction', () => {
  it('censors credentials wherever they appear in a log object', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
    log.info({
      req: { headers: { authorization: 'Bearer abc.def', cookie: 'sid=1', 'x-api-key': 'key-1' } },
      body: { email: 'a@b.c', password: 'hunter2', refreshToken: 'rt-1' },
      password: 'top-level',
      token: 'tok',
    });
    const line = lines.join('');
    for (const secret of ['abc.def', 'sid=1', 'key-1', 'hunter2', 'rt-1', 'top-level', '"tok"']) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain('[redacted]');
  });
});

describe('createRootLogger / buildLoggerParams', () => {
  it('uses the configured level and JSON output outside development terminals', () => {
    const root = createRootLogger({ nodeEnv: 'production', logLevel: 'warn' });
    expect(root.level).toBe('warn');
    // nestjs-pino logs through this root logger and installs no request middleware of its own.
    expect(buildLoggerParams(root)).toEqual({ pinoHttp: { logger: root }, forRoutes: [] });
  });

  it('pretty-prints only in development on a terminal', () => {
    expect(usePrettyLogs({ nodeEnv: 'development' }, true)).toBe(true);
    expect(usePrettyLogs({ nodeEnv: 'development' }, false)).toBe(false);
    expect(usePrettyLogs({ nodeEnv: 'production' }, true)).toBe(false);
    expect(usePrettyLogs({ nodeEnv: 'test' }, true)).toBe(false);
  });
});
