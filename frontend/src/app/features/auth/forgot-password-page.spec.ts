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
import { ForgotPasswordPage } from './forgot-password-page';

const CONFIRMATION =
  'If an account exists for that address, we have sent it a link to choose a new password. The link is valid for 30 minutes.';

describe('ForgotPasswordPage', () => {
  let fixture: ComponentFixture<ForgotPasswordPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ForgotPasswordPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
  });

  function request(email = 'ada@example.org'): void {
    typeInto(element, 'Email', email);
    getByRole(element, 'button', { name: 'Send reset link' }).click();
    TestBed.tick();
  }

  it('has a heading, a labelled email field and a way back to sign in', () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Forgot password' })).toBeTruthy();
    expect(getByRole(element, 'textbox', { name: 'Email' })).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'Back to sign in' }).getAttribute('href')).toBe('/login');
  });

  it('asks for a valid address before sending', async () => {
    getByRole(element, 'button', { name: 'Send reset link' }).click();
    await fixture.whenStable();
    expect(getByText(element, 'Enter your email address.')).toBeTruthy();

    typeInto(element, 'Email', 'not-an-address');
    getByRole(element, 'button', { name: 'Send reset link' }).click();
    await fixture.whenStable();
    expect(getByText(element, 'Enter a valid email address.')).toBeTruthy();
  });

  it('sends the address and shows the same confirmation whatever the answer', async () => {
    request('  ada@example.org ');
    const sent = http.expectOne(`${AUTH_URL}/forgot-password`);
    expect(sent.request.method).toBe('POST');
    expect(sent.request.body).toEqual({ email: 'ada@example.org' });
    expect(getByRole(element, 'button', { name: 'Send reset link' }).hasAttribute('disabled')).toBe(true);
    sent.flush({ message: 'Server wording that the page does not echo.' }, { status: 202, statusText: 'Accepted' });
    await fixture.whenStable();

    expect(getByRole(element, 'status').textContent?.trim()).toBe(CONFIRMATION);
    expect(queryByRole(element, 'textbox', { name: 'Email' })).toBeNull();
  });

  it.each([
    ['USER_NOT_FOUND', 404],
    ['ACCOUNT_DISABLED', 403],
    ['EMAIL_NOT_VERIFIED', 403],
    ['CONFLICT', 409],
  ])('shows the same confirmation on a %s answer, revealing nothing about the account', async (code, status) => {
    request();
    http.expectOne(`${AUTH_URL}/forgot-password`).flush(anApiError(code, status), { status, statusText: 'Error' });
    await fixture.whenStable();
    expect(getByRole(element, 'status').textContent?.trim()).toBe(CONFIRMATION);
    expect(queryByRole(element, 'alert')).toBeNull();
  });

  it('explains a validation failure and keeps the form', async () => {
    request();
    http
      .expectOne(`${AUTH_URL}/forgot-password`)
      .flush(anApiError('VALIDATION_FAILED', 400, 'email must be an email'), { status: 400, statusText: 'Error' });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('Please check the form: email must be an email');
    expect(queryByRole(element, 'status')).toBeNull();
  });

  it('says to wait when rate-limited, since no link was sent', async () => {
    request();
    http
      .expectOne(`${AUTH_URL}/forgot-password`)
      .flush(anApiError('TOO_MANY_REQUESTS', 429), { status: 429, statusText: 'Too Many Requests' });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('Too many requests. Wait a moment and try again.');
    expect(queryByRole(element, 'status')).toBeNull();
  });

  it('reports an unreachable server instead of claiming a link was sent', async () => {
    request();
    http.expectOne(`${AUTH_URL}/forgot-password`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toContain('could not be reached');
    expect(queryByRole(element, 'status')).toBeNull();
  });
});
