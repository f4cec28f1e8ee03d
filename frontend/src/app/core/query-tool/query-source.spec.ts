import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aSession, anApiError, signInAs } from '../../../testing/auth-fixtures';
import { AUTH_URL } from '../auth/auth-client';
import { authInterceptor } from '../auth/auth.interceptor';
import { QUERY_SOURCE_HEADER, QUERY_TOOL_REQUEST, queryToolContext, querySourceInterceptor } from './query-source';

describe('querySourceInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([querySourceInterceptor, authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
  });

  afterEach(() => {
    http.verify();
  });

  it('sends X-Query-Source: query-tool on a request marked as a query-tool query', () => {
    client.get('/api/v1/operators', { context: queryToolContext() }).subscribe();
    const request = http.expectOne('/api/v1/operators');
    expect(request.request.headers.get('X-Query-Source')).toBe('query-tool');
    expect(QUERY_SOURCE_HEADER).toBe('X-Query-Source');
  });

  it('sends no such header on unmarked requests (look-ups, writes)', () => {
    client.get('/api/v1/operators').subscribe();
    client.post('/api/v1/me/favourites', {}).subscribe();
    for (const request of http.match(() => true)) {
      expect(request.request.headers.has(QUERY_SOURCE_HEADER)).toBe(false);
    }
  });

  it('keeps the other context values of a marked request', () => {
    const context = queryToolContext(new HttpContext());
    expect(context.get(QUERY_TOOL_REQUEST)).toBe(true);
    expect(new HttpContext().get(QUERY_TOOL_REQUEST)).toBe(false);
  });

  it('still marks the request retried after a session refresh, so the run the user sees is the one recorded', () => {
    signInAs('viewer');
    client.get('/api/v1/modes', { context: queryToolContext() }).subscribe();
    http
      .expectOne('/api/v1/modes')
      .flush(anApiError('SESSION_EXPIRED', 401), { status: 401, statusText: 'Unauthorized' });
    http.expectOne(`${AUTH_URL}/refresh`).flush(aSession({ accessToken: 'access-token-2' }));
    const retry = http.expectOne('/api/v1/modes');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-token-2');
    expect(retry.request.headers.get(QUERY_SOURCE_HEADER)).toBe('query-tool');
  });
});
