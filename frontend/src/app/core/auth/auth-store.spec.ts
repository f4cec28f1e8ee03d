import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { aSession, anApiError, signInAs } from '../../../testing/auth-fixtures';
import { AUTH_CHANNEL_NAME, AuthBroadcast } from './auth-broadcast';
import { AUTH_URL } from './auth-client';
import { AuthStore } from './auth-store';
import { authInterceptor } from './auth.interceptor';
import { SessionCleanup } from './session-cleanup';

describe('AuthStore', () => {
  let http: HttpTestingController;
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
    store = TestBed.inject(AuthStore);
  });

  afterEach(() => {
    http.verify();
    vi.restoreAllMocks();
  });

  it('starts signed out', () => {
    expect(store.isAuthenticated()).toBe(false);
    expect(store.user()).toBeNull();
    expect(store.role()).toBeNull();
    expect(store.accessToken()).toBeNull();
  });

  it('signs in with email and password and exposes the user and role', async () => {
    const result = store.login({ email: 'ada@example.org', password: 'correct horse battery' });
    const request = http.expectOne(`${AUTH_URL}/login`);
    expect(request.request.body).toEqual({ email: 'ada@example.org', password: 'correct horse battery' });
    request.flush(aSession({}, { role: 'operator', displayName: 'Ada' }));

    await expect(result).resolves.toMatchObject({ displayName: 'Ada' });
    expect(store.isAuthenticated()).toBe(true);
    expect(store.role()).toBe('operator');
    expect(store.hasRole('admin', 'operator')).toBe(true);
    expect(store.hasRole('admin')).toBe(false);
  });

  it('keeps the token in memory only', async () => {
    const setItem = vi.spyOn(Storage.prototype, 'setItem');
    const result = store.login({ email: 'ada@example.org', password: 'correct horse battery' });
    http.expectOne(`${AUTH_URL}/login`).flush(aSession({ accessToken: 'secret-token' }));
    await result;

    expect(setItem).not.toHaveBeenCalled();
    expect(document.cookie).not.toContain('secret-token');
  });

  it('restores a session from the refresh cookie, and ignores a refusal', async () => {
    const refused = store.restore();
    http.expectOne(`${AUTH_URL}/refresh`).flush(anApiError('REFRESH_TOKEN_INVALID', 401), {
      status: 401,
      statusText: 'Unauthorized',
    });
    await expect(refused).resolves.toBe(false);
    expect(store.isAuthenticated()).toBe(false);
    expect(store.sessionEnd()).toBeNull();

    const restored = store.restore();
    http.expectOne(`${AUTH_URL}/refresh`).flush(aSession());
    await expect(restored).resolves.toBe(true);
    expect(store.isAuthenticated()).toBe(true);
  });

  it('signs out: posts logout, clears the session, runs the clean-up hooks and tells other tabs', async () => {
    signInAs('viewer');
    const hook = vi.fn();
    TestBed.inject(SessionCleanup).register(hook);
    const post = vi.spyOn(TestBed.inject(AuthBroadcast), 'post');

    const done = store.logout();
    http.expectOne(`${AUTH_URL}/logout`).flush(null, { status: 204, statusText: 'No Content' });
    await done;

    expect(store.isAuthenticated()).toBe(false);
    expect(hook).toHaveBeenCalledTimes(1);
    expect(post).toHaveBeenCalledWith({ type: 'logout' });
    expect(store.sessionEnd()).toEqual({ reason: 'signed-out', sequence: 1 });
  });

  it('ends the session locally even when the logout request fails', async () => {
    signInAs('viewer');
    const done = store.logout();
    http.expectOne(`${AUTH_URL}/logout`).error(new ProgressEvent('error'));
    await done;
    expect(store.isAuthenticated()).toBe(false);
  });

  it('signs out everywhere, and keeps the session when the server refuses', async () => {
    signInAs('viewer');
    const refused = store.logoutEverywhere();
    http.expectOne(`${AUTH_URL}/logout-all`).error(new ProgressEvent('error'));
    await expect(refused).rejects.toBeTruthy();
    expect(store.isAuthenticated()).toBe(true);

    const done = store.logoutEverywhere();
    http.expectOne(`${AUTH_URL}/logout-all`).flush(null, { status: 204, statusText: 'No Content' });
    await done;
    expect(store.sessionEnd()?.reason).toBe('signed-out-everywhere');
  });

  it('ends the session when another tab signs out', async () => {
    signInAs('viewer');
    const otherTab = new BroadcastChannel(AUTH_CHANNEL_NAME);
    otherTab.postMessage({ type: 'logout' });
    await vi.waitFor(() => expect(store.isAuthenticated()).toBe(false));
    otherTab.close();
    expect(store.sessionEnd()?.reason).toBe('signed-out');
  });

  it('ignores a session end while signed out', () => {
    store.endSession('expired');
    expect(store.sessionEnd()).toBeNull();
  });

  it('unregisters a clean-up hook when asked', () => {
    const cleanup = TestBed.inject(SessionCleanup);
    const hook = vi.fn();
    const unregister = cleanup.register(hook);
    unregister();
    cleanup.run();
    expect(hook).not.toHaveBeenCalled();
  });
});
