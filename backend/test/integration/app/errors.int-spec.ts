import { Logger } from '@nestjs/common';
import { createTestApp, TestApp } from '../../support/test-app';
import { SECRET_DETAIL, TestOnlyModule } from './test-only.module';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('error responses', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({}, { imports: [TestOnlyModule] });
  });
  afterAll(() => t.close());

  const postJson = (payload: string, contentType = 'application/json') =>
    t.inject({ method: 'POST', url: '/api/test-only/things', headers: { 'content-type': contentType }, payload });

  describe('unknown API routes', () => {
    it.each(['/api/nope', '/api', '/api/nope/deeper?email=someone@example.org'])(
      '%s → 404 ROUTE_NOT_FOUND',
      async (url) => {
        const res = await t.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
        expect(res.statusCode).toBe(404);
        expect(res.headers['content-type']).toMatch(/^application\/json/);
        const body = res.json();
        expect(body).toEqual({
          statusCode: 404,
          code: 'ROUTE_NOT_FOUND',
          message: `No route for GET ${url.split('?')[0]}`,
          requestId: res.headers['x-request-id'],
        });
        expect(body.requestId).toMatch(UUID);
      },
    );

    it('answers an unknown method on a known path with the same shape', async () => {
      const res = await t.inject({ method: 'DELETE', url: '/api/health' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    });
  });

  describe('request id', () => {
    it('echoes a safe incoming X-Request-Id in the header and the body', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/nope', headers: { 'x-request-id': 'edge-42.a_b' } });
      expect(res.headers['x-request-id']).toBe('edge-42.a_b');
      expect(res.json().requestId).toBe('edge-42.a_b');
    });

    it.each([['has spaces and <tags>'], ['x'.repeat(129)], ['ünïcode']])(
      'replaces the unsafe id %j by a UUID',
      async (id) => {
        const res = await t.inject({ method: 'GET', url: '/api/health', headers: { 'x-request-id': id } });
        expect(res.headers['x-request-id']).toMatch(UUID);
      },
    );

    it('is sent on successful responses too', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/health' });
      expect(res.headers['x-request-id']).toMatch(UUID);
    });
  });

  describe('request bodies', () => {
    it.each([['{"name": '], ['{"__proto__": {"admin": true}}'], ['']])(
      'rejects %j as 400 MALFORMED_JSON',
      async (payload) => {
        const res = await postJson(payload);
        expect(res.statusCode).toBe(400);
        expect(res.json()).toMatchObject({
          statusCode: 400,
          code: 'MALFORMED_JSON',
          requestId: res.headers['x-request-id'],
        });
      },
    );

    it.each(['text/plain', 'application/xml', 'application/x-www-form-urlencoded'])(
      'rejects %s as 415',
      async (type) => {
        const res = await postJson('name=abc', type);
        expect(res.statusCode).toBe(415);
        expect(res.json()).toMatchObject({ statusCode: 415, code: 'UNSUPPORTED_MEDIA_TYPE' });
      },
    );

    it('rejects a body over 1 MiB as 413 PAYLOAD_TOO_LARGE', async () => {
      const res = await postJson(JSON.stringify({ name: 'x'.repeat(1024 * 1024) }));
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ statusCode: 413, code: 'PAYLOAD_TOO_LARGE' });
    });
  });

  describe('validation', () => {
    it('accepts a valid body and hands the handler a DTO instance', async () => {
      const res = await postJson(JSON.stringify({ name: 'Ferry', email: 'ops@example.org' }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ name: 'Ferry', isDtoInstance: true });
    });

    it('lists every failed constraint with its field, without echoing values', async () => {
      const res = await postJson(
        JSON.stringify({ name: 'x', email: 'secret-not-an-email', address: { street: '' }, role: 'admin' }),
      );
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body).toMatchObject({
        statusCode: 400,
        code: 'VALIDATION_FAILED',
        requestId: res.headers['x-request-id'],
      });
      expect(body.details).toEqual(
        expect.arrayContaining([
          { field: 'name', constraint: 'minLength', message: expect.stringContaining('name') },
          { field: 'email', constraint: 'isEmail', message: 'email must be an email' },
          { field: 'address.street', constraint: 'minLength', message: expect.any(String) },
          { field: 'role', constraint: 'whitelistValidation', message: 'property role should not exist' },
        ]),
      );
      expect(res.body).not.toContain('secret-not-an-email');
    });

    it('maps a failing built-in pipe to 400 BAD_REQUEST', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/test-only/things/abc' });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('numeric string') });
    });
  });

  describe('thrown errors', () => {
    it('maps an AppError to its status, code, message and details', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/test-only/app-error' });
      expect(res.statusCode).toBe(409);
      expect(res.json()).toEqual({
        statusCode: 409,
        code: 'THING_LOCKED',
        message: 'The thing is locked',
        details: [{ field: 'id', message: 'is locked' }],
        requestId: res.headers['x-request-id'],
      });
    });

    it('maps a NotFoundException to NOT_FOUND with its message', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/test-only/not-found' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND', message: 'Thing 42 does not exist' });
    });

    it("maps TypeORM's EntityNotFoundError to 404 without its search criteria", async () => {
      const res = await t.inject({ method: 'GET', url: '/api/test-only/entity-not-found' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
      expect(res.body).not.toContain('someone@example.org');
    });

    it('turns an unexpected error into a logged 500 without internals', async () => {
      const logged = jest.spyOn(Logger.prototype, 'error');
      try {
        const res = await t.inject({
          method: 'GET',
          url: '/api/test-only/boom',
          headers: { 'x-request-id': 'boom-1' },
        });
        expect(res.statusCode).toBe(500);
        expect(res.json()).toEqual({
          statusCode: 500,
          code: 'INTERNAL_ERROR',
          message: 'An unexpected error occurred',
          requestId: 'boom-1',
        });
        expect(res.body).not.toContain('hunter2');
        expect(res.body).not.toMatch(/stack|at .*\.ts/);
        expect(res.headers['cache-control']).toBe('no-store');
        expect(logged).toHaveBeenCalledWith(
          expect.objectContaining({
            requestId: 'boom-1',
            err: expect.objectContaining({
              message: expect.stringContaining(SECRET_DETAIL),
              stack: expect.any(String),
            }),
          }),
          expect.any(String),
        );
      } finally {
        logged.mockRestore();
      }
    });
  });
});
