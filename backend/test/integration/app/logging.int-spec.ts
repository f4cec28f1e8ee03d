import { Writable } from 'node:stream';
import { Body, Controller, Get, Logger, Module, Post } from '@nestjs/common';
import { IsString } from 'class-validator';
import pino from 'pino';
import { REDACTED_PATHS } from '../../../src/bootstrap/logger';
import { Public } from '../../../src/common/decorators/public.decorator';
import { createTestApp, TestApp } from '../../support/test-app';
import { TestOnlyModule } from './test-only.module';

class NoteDto {
  @IsString()
  text: string;
}

/** Routes that log from inside a request, to check that application logs carry the request id. */
@Public()
@Controller('log-test')
class LogTestController {
  private readonly logger = new Logger('LogTest');

  @Get('note')
  async get() {
    await new Promise((resolve) => setImmediate(resolve));
    this.logger.log('inside a GET');
    return { ok: true };
  }

  @Post('note')
  post(@Body() dto: NoteDto) {
    this.logger.log({ length: dto.text.length }, 'inside a POST');
    return { ok: true };
  }
}

@Module({ controllers: [LogTestController] })
class LogTestModule {}

type Line = Record<string, unknown> & { msg?: string; reqId?: string; level: number };

describe('logging', () => {
  let t: TestApp;
  const lines: Line[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const text of chunk.toString().split('\n')) if (text) lines.push(JSON.parse(text) as Line);
      done();
    },
  });
  const rootLogger = pino({ level: 'info', redact: { paths: REDACTED_PATHS, censor: '[redacted]' } }, sink);
  /** Lines written for the request with this id, once the response has been logged. */
  const linesOf = async (requestId: string) => {
    for (let i = 0; i < 50 && !lines.some((l) => l.reqId === requestId && 'responseTime' in l); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return lines.filter((l) => l.reqId === requestId);
  };

  beforeAll(async () => {
    t = await createTestApp({}, { rootLogger, imports: [TestOnlyModule, LogTestModule] });
  });
  afterAll(() => t.close());
  beforeEach(() => {
    lines.length = 0;
  });

  it('writes one access-log line per API request: id, method, path without query, status, time', async () => {
    const res = await t.inject({
      method: 'GET',
      url: '/api/health?email=someone@example.org',
      headers: { 'x-request-id': 'trace-1', authorization: 'Bearer secret.token.value' },
    });
    expect(res.headers['x-request-id']).toBe('trace-1');
    const logged = await linesOf('trace-1');
    expect(logged).toEqual([
      {
        level: 30,
        time: expect.any(Number),
        pid: process.pid,
        hostname: expect.any(String),
        reqId: 'trace-1',
        req: { id: 'trace-1', method: 'GET', path: '/api/health', remoteAddress: '127.0.0.1' },
        res: { statusCode: 200 },
        responseTime: expect.any(Number),
        msg: 'GET /api/health 200',
      },
    ]);
    // Key order as written (tools that read the lines by eye or by column expect it).
    expect(Object.keys(logged[0])).toEqual([
      'level',
      'time',
      'pid',
      'hostname',
      'reqId',
      'req',
      'res',
      'responseTime',
      'msg',
    ]);
    const text = JSON.stringify(lines);
    expect(text).not.toContain('someone@example.org');
    expect(text).not.toContain('secret.token.value');
  });

  it('logs 4xx at warn and 5xx at error, with the error', async () => {
    const notFound = await t.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'nf-1' } });
    expect(notFound.statusCode).toBe(404);
    expect(await linesOf('nf-1')).toEqual([
      expect.objectContaining({ level: 40, msg: 'GET /api/nope 404', res: { statusCode: 404 } }),
    ]);

    const boom = await t.inject({ method: 'GET', url: '/api/test-only/boom', headers: { 'x-request-id': 'boom-1' } });
    expect(boom.statusCode).toBe(500);
    const logged = await linesOf('boom-1');
    // The exception filter's line (tagged with the request id by the request context), then the access log.
    expect(logged).toEqual([
      expect.objectContaining({ level: 50, context: 'ExceptionFilter', msg: 'Request failed unexpectedly' }),
      expect.objectContaining({
        level: 50,
        msg: 'GET /api/test-only/boom 500',
        res: { statusCode: 500 },
        err: expect.objectContaining({ type: 'Error', message: 'failed with status code 500' }),
      }),
    ]);
  });

  it('tags application logs inside a request with its id, for GET and for POST with a body', async () => {
    await t.inject({ method: 'GET', url: '/api/log-test/note', headers: { 'x-request-id': 'get-1' } });
    expect((await linesOf('get-1')).map((l) => l.msg)).toEqual(['inside a GET', 'GET /api/log-test/note 200']);

    await t.inject({
      method: 'POST',
      url: '/api/log-test/note',
      headers: { 'x-request-id': 'post-1', 'content-type': 'application/json' },
      payload: { text: 'hello' },
    });
    expect((await linesOf('post-1')).map((l) => l.msg)).toEqual(['inside a POST', 'POST /api/log-test/note 201']);
  });

  it('does not access-log the web app', async () => {
    const res = await t.inject({ method: 'GET', url: '/operators', headers: { accept: 'text/html' } });
    expect(res.statusCode).toBe(404); // no web-app build in tests: the "not built" page
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(lines.filter((l) => 'responseTime' in l)).toEqual([]);
  });
});
