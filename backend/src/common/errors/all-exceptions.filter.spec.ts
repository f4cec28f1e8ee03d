import {
  ArgumentsHost,
  BadRequestException,
  HttpException,
  Logger,
  NotFoundException,
  PayloadTooLargeException,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityNotFoundError, QueryFailedError } from 'typeorm';
import { AllExceptionsFilter, loggableError, mapException } from './all-exceptions.filter';
import { AppError } from './app-error';

const routed = { method: 'GET', path: '/api/things/1', routeMissing: false };

function fastifyError(code: string, statusCode: number, message = 'framework message') {
  return Object.assign(new Error(message), { name: 'FastifyError', code, statusCode });
}

describe('mapException', () => {
  it('keeps an AppError as thrown', () => {
    const details = [{ field: 'id', message: 'locked' }];
    expect(mapException(new AppError('THING_LOCKED', 409, 'Locked', details), routed)).toEqual({
      status: 409,
      code: 'THING_LOCKED',
      message: 'Locked',
      details,
      unexpected: false,
    });
    expect(mapException(new AppError('UPSTREAM_DOWN', 502, 'Upstream down'), routed).unexpected).toBe(true);
  });

  it('tells a missing route from a missing resource', () => {
    expect(
      mapException(new NotFoundException('Cannot GET /api/x?email=a@b.c'), {
        ...routed,
        path: '/api/x',
        routeMissing: true,
      }),
    ).toEqual({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      message: 'No route for GET /api/x',
      unexpected: false,
    });
    expect(mapException(new NotFoundException('Operator 012 does not exist'), routed)).toMatchObject({
      status: 404,
      code: 'NOT_FOUND',
      message: 'Operator 012 does not exist',
    });
  });

  it.each([
    [new BadRequestException(), 400, 'BAD_REQUEST', 'Bad Request'],
    [new BadRequestException(['a is wrong', 'b is wrong']), 400, 'BAD_REQUEST', 'a is wrong; b is wrong'],
    [new PayloadTooLargeException('too big!'), 413, 'PAYLOAD_TOO_LARGE', 'The request body is too large'],
    [
      new HttpException('Unsupported Media Type: text/xml', 415),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      'Unsupported Content-Type; send application/json',
    ],
    [new HttpException('Slow down', 429), 429, 'TOO_MANY_REQUESTS', 'Slow down'],
    [new HttpException('teapot', 418), 418, 'BAD_REQUEST', 'teapot'],
  ])('maps %p to %i %s', (exception, status, code, message) => {
    expect(mapException(exception, routed)).toEqual({ status, code, message, unexpected: false });
  });

  it('hides the message of a 5xx HttpException and flags it for the log', () => {
    expect(mapException(new HttpException('db password wrong', 503), routed)).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      message: 'The service is temporarily unavailable',
      unexpected: true,
    });
  });

  it.each([
    [fastifyError('FST_ERR_CTP_INVALID_JSON_BODY', 400), 400, 'MALFORMED_JSON'],
    [fastifyError('FST_ERR_CTP_EMPTY_JSON_BODY', 400), 400, 'MALFORMED_JSON'],
    [fastifyError('FST_ERR_CTP_BODY_TOO_LARGE', 413), 413, 'PAYLOAD_TOO_LARGE'],
    [fastifyError('FST_ERR_CTP_INVALID_MEDIA_TYPE', 415), 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [fastifyError('FST_ERR_CTP_INVALID_CONTENT_LENGTH', 400), 400, 'BAD_REQUEST'],
    [fastifyError('FST_ERR_SOMETHING_INTERNAL', 500), 500, 'INTERNAL_ERROR'],
  ])('maps the Fastify error %#', (error, status, code) => {
    expect(mapException(error, routed)).toMatchObject({ status, code });
  });

  it('maps a body-parser SyntaxError to MALFORMED_JSON', () => {
    const error = Object.assign(new SyntaxError('Unexpected token'), { statusCode: 400 });
    expect(mapException(error, routed)).toMatchObject({ status: 400, code: 'MALFORMED_JSON' });
    expect(mapException(new SyntaxError('bug in our code'), routed)).toMatchObject({ status: 500, unexpected: true });
  });

  it("maps TypeORM's EntityNotFoundError to a generic 404", () => {
    const mapped = mapException(new EntityNotFoundError('User', { email: 'someone@example.org' }), routed);
    expect(mapped).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      message: 'The resource does not exist',
      unexpected: false,
    });
  });

  const driverError = (code: string, message: string) => Object.assign(new Error(message), { code });
  it.each([
    ['the connection refused', driverError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['the server shutting down', new QueryFailedError('SELECT 1', [], driverError('57P01', 'terminating connection'))],
    ['a connection exception', new QueryFailedError('SELECT 1', [], driverError('08006', 'connection failure'))],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['a database taking no connections', driverError('55000', 'database "x" is not currently accepting connections')],
    [
      'a SQLite lock held too long',
      new QueryFailedError('BEGIN', [], driverError('SQLITE_BUSY', 'database is locked')),
    ],
  ])('maps a database that cannot serve (%s) to 503 DATABASE_UNAVAILABLE, flagged for the log', (_label, error) => {
    expect(mapException(error, routed)).toEqual({
      status: 503,
      code: 'DATABASE_UNAVAILABLE',
      message: 'The database is not available right now; try again in a few seconds',
      unexpected: true,
    });
  });

  it('keeps a statement the database refused a 500 (it is not unavailable)', () => {
    const refused = new QueryFailedError('SELECT x', [], driverError('42703', 'column "x" does not exist'));
    expect(mapException(refused, routed)).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });
  });

  it.each([new Error('secret at db.internal'), new TypeError('x is undefined'), 'a thrown string', undefined])(
    'maps anything else (%p) to a 500 without internals',
    (exception) => {
      expect(mapException(exception, routed)).toEqual({
        status: 500,
        code: 'INTERNAL_ERROR',
        message: 'An unexpected error occurred',
        unexpected: true,
      });
    },
  );
});

describe('loggableError', () => {
  it('keeps name, message, stack and code, but not attached data such as query parameters', () => {
    const error = Object.assign(new Error('duplicate key'), { code: '23505', parameters: ['someone@example.org'] });
    const logged = loggableError(error);
    expect(logged).toEqual({ type: 'Error', message: 'duplicate key', stack: expect.any(String), code: '23505' });
    expect(JSON.stringify(logged)).not.toContain('someone@example.org');
  });
});

describe('AllExceptionsFilter', () => {
  function setup(request: Record<string, unknown>, headersSent = false) {
    const reply = { removeHeader: jest.fn() };
    const adapter = { isHeadersSent: jest.fn(() => headersSent), reply: jest.fn(), setHeader: jest.fn() };
    const filter = new AllExceptionsFilter({ httpAdapter: adapter } as unknown as HttpAdapterHost);
    const host = {
      getType: () => 'http',
      switchToHttp: () => ({ getRequest: () => request, getResponse: () => reply }),
    } as unknown as ArgumentsHost;
    return { filter, host, adapter, reply };
  }

  let logError: jest.SpyInstance;
  beforeEach(() => {
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logError.mockRestore());

  it('replies with the one error body shape and the request id', () => {
    const { filter, host, adapter, reply } = setup({ id: 'req-1', method: 'GET', url: '/api/nope?x=1', is404: true });
    filter.catch(new NotFoundException(), host);
    expect(reply.removeHeader).toHaveBeenCalledWith('content-type');
    expect(adapter.reply).toHaveBeenCalledWith(
      reply,
      { statusCode: 404, code: 'ROUTE_NOT_FOUND', message: 'No route for GET /api/nope', requestId: 'req-1' },
      404,
    );
    expect(logError).not.toHaveBeenCalled();
  });

  it('includes details only when there are some', () => {
    const { filter, host, adapter } = setup({ id: 'req-2', method: 'POST', url: '/api/x' });
    filter.catch(
      new AppError('VALIDATION_FAILED', 400, 'The request is invalid', [{ field: 'a', message: 'm' }]),
      host,
    );
    expect(adapter.reply.mock.calls[0][1]).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: 'The request is invalid',
      details: [{ field: 'a', message: 'm' }],
      requestId: 'req-2',
    });
    filter.catch(new AppError('VALIDATION_FAILED', 400, 'The request is invalid', []), host);
    expect(adapter.reply.mock.calls[1][1]).not.toHaveProperty('details');
  });

  it("sets an AppError's own headers (Retry-After, WWW-Authenticate)", () => {
    const { filter, host, adapter, reply } = setup({ id: 'req-5', method: 'POST', url: '/api/x' });
    filter.catch(new AppError('ACCOUNT_LOCKED', 429, 'Locked', undefined, { headers: { 'Retry-After': '60' } }), host);
    expect(adapter.setHeader).toHaveBeenCalledWith(reply, 'Retry-After', '60');
    expect(adapter.reply.mock.calls[0][2]).toBe(429);
  });

  it('answers a database that cannot serve with 503 and Retry-After', () => {
    const { filter, host, adapter, reply } = setup({ id: 'req-6', method: 'GET', url: '/api/x' });
    filter.catch(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), host);
    expect(adapter.setHeader).toHaveBeenCalledWith(reply, 'Retry-After', '5');
    expect(adapter.reply.mock.calls[0][1]).toMatchObject({ statusCode: 503, code: 'DATABASE_UNAVAILABLE' });
    expect(logError).toHaveBeenCalled();
  });

  it('logs an unexpected error with its stack, request id and path without query string', () => {
    const { filter, host, adapter } = setup({ id: 'req-3', method: 'GET', url: '/api/x?email=a@b.c' });
    const error = new Error('boom');
    filter.catch(error, host);
    expect(adapter.reply.mock.calls[0][2]).toBe(500);
    expect(logError).toHaveBeenCalledWith(
      {
        err: expect.objectContaining({ message: 'boom', stack: error.stack }),
        requestId: 'req-3',
        method: 'GET',
        path: '/api/x',
      },
      expect.any(String),
    );
  });

  it('reads the id of a raw Node request (errors raised in middleware)', () => {
    const { filter, host, adapter } = setup({ id: 'raw-1', method: 'GET', url: '/api/x', originalUrl: '/api/x?q=1' });
    filter.catch(new BadRequestException('nope'), host);
    expect(adapter.reply.mock.calls[0][1]).toMatchObject({ requestId: 'raw-1' });
  });

  it('does not write a second response once headers are sent', () => {
    const { filter, host, adapter } = setup({ id: 'req-4', method: 'GET', url: '/api/x' }, true);
    filter.catch(new Error('late'), host);
    expect(adapter.reply).not.toHaveBeenCalled();
    expect(logError).toHaveBeenCalled();
  });
});
