import type { FastifyRequest } from 'fastify';
import { makeEntry } from './audit-entry';
import { errorCodeOf, requestEntry as rawRequestEntry } from './audit-http';

const NOW = new Date('2026-05-01T10:00:00.000Z');

/** The record as the writer stores it. */
const requestEntry = (...args: Parameters<typeof rawRequestEntry>) => makeEntry(rawRequestEntry(...args), NOW);

function request(overrides: Partial<FastifyRequest> = {}): FastifyRequest {
  return {
    id: 'req-1',
    ip: '203.0.113.5',
    method: 'GET',
    url: '/api/v1/operators/012?token=abc',
    headers: { 'user-agent': 'ua/1' },
    routeOptions: { url: '/api/v1/operators/:id' },
    principal: undefined,
    ...overrides,
  } as unknown as FastifyRequest;
}

describe('audit request records', () => {
  it('records the route template, the path without its query string, status and duration', () => {
    expect(requestEntry(request(), { status: 200, durationMs: 3.4, errorCode: null }, NOW)).toMatchObject({
      type: 'request',
      at: NOW.toISOString(),
      requestId: 'req-1',
      actorKind: 'anonymous',
      ip: '203.0.113.5',
      method: 'GET',
      route: '/api/v1/operators/:id',
      path: '/api/v1/operators/012',
      status: 200,
      durationMs: 3,
      userAgent: 'ua/1',
    });
  });

  it('names the principal the auth guard set: a staff user with the role, or an API client', () => {
    const user = request({
      principal: {
        kind: 'user',
        sessionId: 's',
        user: { id: 'u-1', email: 'a@x', displayName: 'A', role: 'operator', operatorId: '001', status: 'active' },
      },
    });
    expect(requestEntry(user, { status: 200, durationMs: 1, errorCode: null }, NOW)).toMatchObject({
      actorKind: 'user',
      actorId: 'u-1',
      actorRole: 'operator',
    });
    const client = request({
      principal: {
        kind: 'apiClient',
        client: { id: 'c-1', name: 'c', keyPrefix: 'abcd1234', scopes: [], operatorId: null },
      },
    });
    expect(requestEntry(client, { status: 200, durationMs: 1, errorCode: null }, NOW)).toMatchObject({
      actorKind: 'apiClient',
      actorId: 'c-1',
      actorRole: null,
    });
  });

  it('records no route for a request no route matched', () => {
    const unmatched = request({ routeOptions: { url: undefined } as FastifyRequest['routeOptions'] });
    expect(requestEntry(unmatched, { status: 404, durationMs: 0, errorCode: 'ROUTE_NOT_FOUND' }, NOW)).toMatchObject({
      route: null,
      errorCode: 'ROUTE_NOT_FOUND',
    });
  });

  it('reads the code of an error body from its start only', () => {
    expect(errorCodeOf('{"statusCode":401,"code":"UNAUTHENTICATED","message":"x"}')).toBe('UNAUTHENTICATED');
    expect(errorCodeOf(Buffer.from('{"statusCode":403,"code":"IP_BLOCKED"}'))).toBe('IP_BLOCKED');
    expect(errorCodeOf(`{"message":"${'x'.repeat(600)}","code":"LATE"}`)).toBeNull();
    expect(errorCodeOf({ pipe: () => undefined })).toBeNull();
    expect(errorCodeOf('{"code":"lower-case"}')).toBeNull();
  });
});
