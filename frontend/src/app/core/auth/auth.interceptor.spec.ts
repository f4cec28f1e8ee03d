import { HttpClient, HttpErrorResponse, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aSession, anApiError, signInAs } from '../../../testing/auth-fixtures';
import { AUTH_URL, AuthClient } from './auth-client';
import { AuthStore } from './auth-store';
import { authInterceptor } from './auth.interceptor';
import { SessionCleanup } from './session-cleanup';

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let store: AuthStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    store = TestBed.inject(AuthStore);
  });

  afterEach(() => {
    http.verify();
  });

  it('adds the bearer token to API requests', async () => {
    signInAs('viewer');
    const result = firstValueFrom(client.get('/api/v1/operators'));
    const request = http.expectOne('/api/v1/operators');
    expect(request.request.headers.get('Authorization')).toBe('Bearer access-token-1');
    request.flush([]);
    await expect(result).resolves.toEqual([]);
  });

  it('never sends the token to other hosts or non-API paths', () => {
    signInAs('viewer');
    client.get('https://elsewhere.example/api/v1/operators').subscribe();
    client.get('/assets/config.json').subscribe();
    expect(http.expectOne('https://elsewhere.example/api/v1/operators').request.headers.has('Authorization')).toBe(
      false,
    );
    expect(http.expectOne('/assets/config.json').request.headers.has('Authorization')).toBe(false);
  });

  it('sends no Authorization header when signed out', () => {
    client.get('/api/v1/operators').subscribe();
    expect(http.expectOne('/api/v1/operators').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 SESSION_EXPIRED refreshes once and retries with the new token', async () => {
    signInAs('viewer');
    const result = firstValueFrom(client.get('/api/v1/operators'));
    http.expectOne('/api/v1/operators').flush(anApiError('SESSION_EXPIRED', 401), UNAUTHORIZED);

    const refresh = http.expectOne(`${AUTH_URL}/refresh`);
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(aSession({ accessToken: 'access-token-2' }));

    const retry = http.expectOne('/api/v1/operators');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-token-2');
    retry.flush(['ok']);
    await expect(result).resolves.toEqual(['ok']);
    expect(store.accessToken()).toBe('access-token-2');
  });

  it('shares one refresh between concurrent requests that fail with 401', async () => {
    signInAs('viewer');
    const first = firstValueFrom(client.get('/api/v1/a'));
    const second = firstValueFrom(client.get('/api/v1/b'));
    http.expectOne('/api/v1/a').flush(anApiError('UNAUTHENTICATED', 401), UNAUTHORIZED);
    http.expectOne('/api/v1/b').flush(anApiError('SESSION_EXPIRED', 401), UNAUTHORIZED);

    http.expectOne(`${AUTH_URL}/refresh`).flush(aSession({ accessToken: 'access-token-2' }));

    const retries = http.match((request) => request.url.startsWith('/api/v1/') && !request.url.startsWith(AUTH_URL));
    expect(retries.map((request) => request.request.headers.get('Authorization'))).toEqual([
      'Bearer access-token-2',
      'Bearer access-token-2',
    ]);
    retries.forEach((request) => request.flush('ok'));
    await expect(Promise.all([first, second])).resolves.toEqual(['ok', 'ok']);
  });

  it('retries without a refresh when another request already renewed the token', async () => {
    signInAs('viewer');
    const late = firstValueFrom(client.get('/api/v1/late'));
    const pending = http.expectOne('/api/v1/late');
    store.applySession(aSession({ accessToken: 'access-token-2' }));
    pending.flush(anApiError('SESSION_EXPIRED', 401), UNAUTHORIZED);

    const retry = http.expectOne('/api/v1/late');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer access-token-2');
    retry.flush('ok');
    await expect(late).resolves.toBe('ok');
  });

  it('ends the session (clearing every store) when the refresh is refused', async () => {
    signInAs('admin');
    let cleared = 0;
    TestBed.inject(SessionCleanup).register(() => cleared++);
    const result = firstValueFrom(client.get('/api/v1/users'));
    http.expectOne('/api/v1/users').flush(anApiError('SESSION_EXPIRED', 401), UNAUTHORIZED);
    http.expectOne(`${AUTH_URL}/refresh`).flush(anApiError('REFRESH_TOKEN_REUSED', 401), UNAUTHORIZED);

    const error: unknown = await result.catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(401);
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.sessionEnd()?.reason).toBe('expired');
    expect(cleared).toBe(1);
  });

  it('does not refresh on other errors (403, or a 401 with another code)', async () => {
    signInAs('viewer');
    const forbidden = firstValueFrom(client.get('/api/v1/users'));
    http.expectOne('/api/v1/users').flush(anApiError('FORBIDDEN', 403), { status: 403, statusText: 'Forbidden' });
    await expect(forbidden).rejects.toBeInstanceOf(HttpErrorResponse);

    const reused = firstValueFrom(client.get('/api/v1/thing'));
    http.expectOne('/api/v1/thing').flush(anApiError('SOMETHING_ELSE', 401), UNAUTHORIZED);
    await expect(reused).rejects.toBeInstanceOf(HttpErrorResponse);
    expect(store.isAuthenticated()).toBe(true);
  });

  it('does not refresh when a sign-in is refused (public auth routes)', async () => {
    const login = TestBed.inject(AuthClient).login({ email: 'a@example.org', password: 'wrong password' });
    const result = firstValueFrom(login);
    http.expectOne(`${AUTH_URL}/login`).flush(anApiError('INVALID_CREDENTIALS', 401), UNAUTHORIZED);
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
    // http.verify() in afterEach proves that no refresh was attempted.
  });
});
