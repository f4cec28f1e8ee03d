import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { aSession, anApiError } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryByRole } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { AUTH_URL } from '../../core/auth/auth-client';
import { AuthStore } from '../../core/auth/auth-store';
import { LoginPage } from './login-page';

@Component({ selector: 'app-stub-page', changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class StubPage {}

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: '**', component: StubPage }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/login');
    fixture = TestBed.createComponent(LoginPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
  });

  function signIn(email = 'ada@example.org', password = 'a long enough password'): void {
    typeInto(element, 'Email', email);
    typeInto(element, 'Password', password);
    getByRole(element, 'button', { name: 'Sign in' }).click();
    // The request is now pending: render without waiting for it (whenStable would).
    TestBed.tick();
  }

  async function failWith(code: string, status: number, message = ''): Promise<string> {
    signIn();
    http.expectOne(`${AUTH_URL}/login`).flush(anApiError(code, status, message), { status, statusText: 'Error' });
    await fixture.whenStable();
    return getByRole(element, 'alert').textContent?.trim() ?? '';
  }

  it('has a heading, labelled fields and links to register and reset the password', () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    expect(getByRole(element, 'textbox', { name: 'Email' })).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'Create an account' }).getAttribute('href')).toBe('/register');
    expect(getByRole(element, 'link', { name: 'Forgot your password?' }).getAttribute('href')).toBe('/forgot-password');
  });

  it('explains missing fields inline and sends nothing', async () => {
    getByRole(element, 'button', { name: 'Sign in' }).click();
    await fixture.whenStable();
    expect(getByText(element, 'Enter your email address.')).toBeTruthy();
    expect(getByText(element, 'Enter your password.')).toBeTruthy();
  });

  it('signs in and goes home, replacing the login page in the history', async () => {
    const router = TestBed.inject(Router);
    const navigate = vi.spyOn(router, 'navigateByUrl');
    signIn();
    const request = http.expectOne(`${AUTH_URL}/login`);
    expect(request.request.body).toEqual({ email: 'ada@example.org', password: 'a long enough password' });
    expect(getByRole(element, 'button', { name: 'Signing in…' }).hasAttribute('disabled')).toBe(true);
    request.flush(aSession({}, { displayName: 'Ada Lovelace' }));
    await fixture.whenStable();

    expect(TestBed.inject(AuthStore).displayName()).toBe('Ada Lovelace');
    expect(router.url).toBe('/');
    expect(navigate).toHaveBeenCalledWith('/', { replaceUrl: true });
  });

  it('returns to a same-app returnUrl after signing in', async () => {
    fixture.componentRef.setInput('returnUrl', '/customers?q=smith');
    signIn();
    http.expectOne(`${AUTH_URL}/login`).flush(aSession());
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/customers?q=smith');
  });

  it('ignores a returnUrl that leaves the app', async () => {
    fixture.componentRef.setInput('returnUrl', '//evil.example/phish');
    signIn();
    http.expectOne(`${AUTH_URL}/login`).flush(aSession());
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/');
  });

  it.each([
    ['INVALID_CREDENTIALS', 401, '', 'Invalid email or password.'],
    ['EMAIL_NOT_VERIFIED', 403, '', 'Please verify your email address first — check your inbox.'],
    ['ACCOUNT_DISABLED', 403, '', 'This account has been disabled. Contact an administrator.'],
    ['TOO_MANY_ATTEMPTS', 429, '', 'Too many sign-in attempts from your network. Wait a few minutes and try again.'],
    ['ACCOUNT_LOCKED', 429, '', 'Too many failed sign-in attempts. Try again in 15 minutes.'],
    [
      'ACCOUNT_LOCKED',
      429,
      'Too many failed sign-in attempts. Try again in 12 minutes.',
      'Too many failed sign-in attempts. Try again in 12 minutes.',
    ],
  ])('says why a sign-in failed (%s)', async (code, status, serverMessage, expected) => {
    expect(await failWith(code, status, serverMessage)).toBe(expected);
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
  });

  it('reports an unreachable server', async () => {
    signIn();
    http.expectOne(`${AUTH_URL}/login`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toContain('could not be reached');
  });

  it.each([
    ['signed-out', 'You have signed out.'],
    ['expired', 'Your session has ended. Please sign in again.'],
    ['signed-out-everywhere', 'You have signed out on all your devices.'],
  ])('shows why the session ended (%s)', async (reason, message) => {
    fixture.componentRef.setInput('reason', reason);
    await fixture.whenStable();
    expect(getByRole(element, 'status').textContent?.trim()).toBe(message);
  });

  it('shows no notice for an unknown reason', async () => {
    fixture.componentRef.setInput('reason', '<script>');
    await fixture.whenStable();
    expect(queryByRole(element, 'status')).toBeNull();
  });
});
