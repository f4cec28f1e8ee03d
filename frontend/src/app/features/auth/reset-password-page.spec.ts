import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryByRole } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { AUTH_URL } from '../../core/auth/auth-client';
import { ResetPasswordPage } from './reset-password-page';

describe('ResetPasswordPage', () => {
  let fixture: ComponentFixture<ResetPasswordPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ResetPasswordPage);
    element = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    http.verify();
  });

  /** Arrives from the emailed link `/reset-password?token=…` (the router binds the query parameter). */
  async function arrive(token = 'reset-token-1'): Promise<void> {
    fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
  }

  function choose(password = 'a brand new password', confirm = password): void {
    typeInto(element, 'New password', password);
    typeInto(element, 'Confirm new password', confirm);
    getByRole(element, 'button', { name: 'Change password' }).click();
    // The request is now pending: render without waiting for it (whenStable would).
    TestBed.tick();
  }

  async function failWith(code: string, status: number, message = ''): Promise<void> {
    choose();
    http
      .expectOne(`${AUTH_URL}/reset-password`)
      .flush(anApiError(code, status, message), { status, statusText: 'Error' });
    await fixture.whenStable();
  }

  it('has a heading, both labelled password fields and the length hint', async () => {
    await arrive();
    expect(getByRole(element, 'heading', { level: 1, name: 'Choose a new password' })).toBeTruthy();
    expect(getByText(element, 'At least 12 characters.')).toBeTruthy();
    expect(getByRole(element, 'button', { name: 'Change password' })).toBeTruthy();
  });

  it('sends the token with the new password and then offers to sign in', async () => {
    await arrive('abc123');
    choose();
    const request = http.expectOne(`${AUTH_URL}/reset-password`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'abc123', password: 'a brand new password' });
    expect(getByRole(element, 'button', { name: 'Change password' }).hasAttribute('disabled')).toBe(true);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(getByRole(element, 'status').textContent?.trim()).toBe(
      'Your password has been changed. Sign in with your new password.',
    );
    expect(getByRole(element, 'link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(queryByRole(element, 'button', { name: 'Change password' })).toBeNull();
  });

  it('explains a mismatched confirmation inline and sends nothing', async () => {
    await arrive();
    choose('a brand new password', 'a different password');
    await fixture.whenStable();
    expect(getByText(element, 'The passwords do not match.')).toBeTruthy();
    expect(queryByRole(element, 'status')).toBeNull();
  });

  it('refuses a short password before sending', async () => {
    await arrive();
    choose('too short');
    await fixture.whenStable();
    expect(getByText(element, 'Use at least 12 characters.')).toBeTruthy();
  });

  it('explains a password that is too common and keeps the form', async () => {
    await arrive();
    await failWith('PASSWORD_TOO_COMMON', 400);
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('This password is too common. Choose another.');
    expect(getByRole(element, 'button', { name: 'Change password' }).hasAttribute('disabled')).toBe(false);
  });

  it.each([
    ['TOKEN_EXPIRED', 410, 'This password reset link has expired. Request a new one.'],
    ['TOKEN_USED', 409, 'This password reset link has already been used. Request a new one if you still need it.'],
    [
      'TOKEN_INVALID',
      400,
      'This password reset link is not valid. Check that you opened the whole link, or request a new one.',
    ],
  ])('explains a refused link (%s) in its own words and offers a new one', async (code, status, message) => {
    await arrive();
    await failWith(code, status);
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(message);
    expect(getByRole(element, 'link', { name: 'Request a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect(queryByRole(element, 'button', { name: 'Change password' })).toBeNull();
  });

  it('reports an unreachable server and lets the user try again', async () => {
    await arrive();
    choose();
    http.expectOne(`${AUTH_URL}/reset-password`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toContain('could not be reached');

    choose();
    http.expectOne(`${AUTH_URL}/reset-password`).flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(getByRole(element, 'link', { name: 'Sign in' })).toBeTruthy();
  });

  it('sends nothing without a token and says the link is not valid', async () => {
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toMatch(/is not valid/);
    expect(queryByRole(element, 'button', { name: 'Change password' })).toBeNull();
    expect(getByRole(element, 'link', { name: 'Request a new link' })).toBeTruthy();
  });
});
