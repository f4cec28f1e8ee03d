import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInAs } from '../../../testing/auth-fixtures';
import { authGuard, guestGuard, roleGuard, safeReturnUrl } from './auth.guards';

@Component({ selector: 'app-test-page', changeDetection: ChangeDetectionStrategy.OnPush, template: 'page' })
class TestPage {}

describe('auth guards', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: '', component: TestPage },
          { path: 'login', component: TestPage, canActivate: [guestGuard] },
          { path: 'forbidden', component: TestPage },
          { path: 'private', component: TestPage, canActivate: [authGuard] },
          { path: 'staff', component: TestPage, canActivate: [roleGuard('admin', 'operator')] },
        ]),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  async function visit(url: string): Promise<string> {
    await harness.navigateByUrl(url);
    return TestBed.inject(Router).url;
  }

  describe('authGuard', () => {
    it('sends signed-out visitors to the login page with the URL to return to', async () => {
      expect(await visit('/private?tab=2')).toBe(`/login?returnUrl=${encodeURIComponent('/private?tab=2')}`);
    });

    it('lets signed-in users in', async () => {
      signInAs('viewer');
      expect(await visit('/private')).toBe('/private');
    });
  });

  describe('roleGuard', () => {
    it('sends signed-out visitors to the login page', async () => {
      expect(await visit('/staff')).toBe('/login?returnUrl=%2Fstaff');
    });

    it('lets users with one of the roles in', async () => {
      signInAs('operator');
      expect(await visit('/staff')).toBe('/staff');
    });

    it('shows the "Not allowed" page to other roles', async () => {
      signInAs('viewer');
      expect(await visit('/staff')).toBe('/forbidden');
    });
  });

  describe('guestGuard', () => {
    it('lets signed-out visitors see the login page', async () => {
      expect(await visit('/login')).toBe('/login');
    });

    it('sends signed-in users home', async () => {
      signInAs('viewer');
      expect(await visit('/login')).toBe('/');
    });
  });
});

describe('safeReturnUrl', () => {
  it.each([
    ['/customers?q=1', '/customers?q=1'],
    ['/', '/'],
    ['//evil.example/path', null],
    ['/\\evil.example', null],
    ['https://evil.example/', null],
    ['javascript:alert(1)', null],
    ['customers', null],
    ['/login', null],
    ['/login?returnUrl=%2Fx', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (value, expected) => {
    expect(safeReturnUrl(value)).toBe(expected);
  });
});
