import { Writable } from 'node:stream';
import pino from 'pino';
import { buildLoggerParams, createRootLogger, REDACTED_PATHS, serializeRequest, usePrettyLogs } from './logger';

describe('access-log serializers', () => {
  it('logs the path without its query string, and no headers or body', () => {
    const raw = { ip: '203.0.113.9', originalUrl: '/api/customers?email=someone@example.org' };
    const logged = serializeRequest({
      id: 'r1',
      method: 'GET',
      url: '/api/customers?email=someone@example.org',
      remoteAddress: '10.0.0.1',
      raw,
    });
    expect(logged).toEqual({ id: 'r1', method: 'GET', path: '/api/customers', remoteAddress: '203.0.113.9' });
    expect(JSON.stringify(logged)).not.toContain('someone@example.org');
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
    expect(buildLoggerParams(root).pinoHttp).toMatchObject({ logger: root, quietReqLogger: true });
  });

  it('pretty-prints only in development on a terminal', () => {
    expect(usePrettyLogs({ nodeEnv: 'development' }, true)).toBe(true);
    expect(usePrettyLogs({ nodeEnv: 'development' }, false)).toBe(false);
    expect(usePrettyLogs({ nodeEnv: 'production' }, true)).toBe(false);
    expect(usePrettyLogs({ nodeEnv: 'test' }, true)).toBe(false);
  });
});
