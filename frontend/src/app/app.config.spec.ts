import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { describe, expect, it } from 'vitest';

import { aSession } from '../testing/auth-fixtures';
import { appConfig } from './app.config';
import { APP_ROUTES } from './app.routes';
import { AUTH_URL } from './core/auth/auth-client';
import { AuthStore } from './core/auth/auth-store';

describe('appConfig', () => {
  function setUp(): { http: HttpTestingController; initialised: Promise<unknown> } {
    TestBed.configureTestingModule({ providers: [...appConfig.providers, provideHttpClientTesting()] });
    const http = TestBed.inject(HttpTestingController);
    return { http, initialised: TestBed.inject(ApplicationInitStatus).donePromise };
  }

  it('provides HTTP and the application routes', async () => {
    const { http, initialised } = setUp();
    http.expectOne(`${AUTH_URL}/refresh`).flush(null, { status: 401, statusText: 'Unauthorized' });
    await initialised;

    expect(TestBed.inject(HttpClient)).toBeInstanceOf(HttpClient);
    expect(TestBed.inject(Router).config).toEqual(APP_ROUTES);
  });

  it('restores the session from the refresh cookie at start-up', async () => {
    const { http, initialised } = setUp();
    const refresh = http.expectOne(`${AUTH_URL}/refresh`);
    expect(refresh.request.method).toBe('POST');
    expect(refresh.request.withCredentials).toBe(true);
    refresh.flush(aSession({}, { displayName: 'Restored User' }));
    await initialised;

    expect(TestBed.inject(AuthStore).displayName()).toBe('Restored User');
  });

  it('starts signed out when there is no session to restore', async () => {
    const { http, initialised } = setUp();
    http
      .expectOne(`${AUTH_URL}/refresh`)
      .flush({ code: 'REFRESH_TOKEN_INVALID' }, { status: 401, statusText: 'Unauthorized' });
    await initialised;

    const store = TestBed.inject(AuthStore);
    expect(store.isAuthenticated()).toBe(false);
    expect(store.sessionEnd()).toBeNull();
  });
});
