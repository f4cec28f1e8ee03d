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
import { AcceptInvitationPage } from './accept-invitation-page';

describe('AcceptInvitationPage', () => {
  let fixture: ComponentFixture<AcceptInvitationPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AcceptInvitationPage);
    element = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    http.verify();
  });

  /** Arrives from the emailed link `/accept-invitation?token=…` (the router binds the query parameter). */
  async function arrive(token = 'invite-token-1'): Promise<void> {
    fixture.componentRef.setInput('token', token);
    await fixture.whenStable();
  }

  function choose(password = 'my first password', confirm = password): void {
    typeInto(element, 'New password', password);
    typeInto(element, 'Confirm new password', confirm);
    getByRole(element, 'button', { name: 'Set password' }).click();
    TestBed.tick();
  }

  async function failWith(code: string, status: number): Promise<void> {
    choose();
    http.expectOne(`${AUTH_URL}/accept-invitation`).flush(anApiError(code, status), { status, statusText: 'Error' });
    await fixture.whenStable();
  }

  it('has a heading, an explanation and both labelled password fields', async () => {
    await arrive();
    expect(getByRole(element, 'heading', { level: 1, name: 'Accept your invitation' })).toBeTruthy();
    expect(getByText(element, 'Choose the password for your Open Transport Hub account.')).toBeTruthy();
    expect(getByText(element, 'At least 12 characters.')).toBeTruthy();
  });

  it('sends the token with the chosen password and then offers to sign in', async () => {
    await arrive('inv-42');
    choose();
    const request = http.expectOne(`${AUTH_URL}/accept-invitation`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'inv-42', password: 'my first password' });
    expect(getByRole(element, 'button', { name: 'Set password' }).hasAttribute('disabled')).toBe(true);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    expect(getByRole(element, 'status').textContent?.trim()).toBe('Your password is set. You can now sign in.');
    expect(getByRole(element, 'link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
    expect(queryByRole(element, 'button', { name: 'Set password' })).toBeNull();
  });

  it('explains a mismatched confirmation inline and sends nothing', async () => {
    await arrive();
    choose('my first password', 'my frist password');
    await fixture.whenStable();
    expect(getByText(element, 'The passwords do not match.')).toBeTruthy();
  });

  it('asks for both fields when submitted empty and sends nothing', async () => {
    await arrive();
    getByRole(element, 'button', { name: 'Set password' }).click();
    await fixture.whenStable();
    expect(getByText(element, 'Choose a password.')).toBeTruthy();
    expect(getByText(element, 'Enter the password again.')).toBeTruthy();
  });

  it('explains a password that is too common and keeps the form', async () => {
    await arrive();
    await failWith('PASSWORD_TOO_COMMON', 400);
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('This password is too common. Choose another.');
    expect(getByRole(element, 'button', { name: 'Set password' })).toBeTruthy();
  });

  it.each([
    ['TOKEN_EXPIRED', 410, 'This invitation has expired. Ask an administrator to invite you again.'],
    ['TOKEN_USED', 409, 'This invitation has already been used. Sign in with the password you chose.'],
    ['TOKEN_INVALID', 400, 'This invitation link is not valid. Check that you opened the whole link from the email.'],
  ])('explains a refused invitation (%s) in its own words', async (code, status, message) => {
    await arrive();
    await failWith(code, status);
    expect(getByRole(element, 'alert').textContent?.trim()).toBe(message);
    expect(queryByRole(element, 'button', { name: 'Set password' })).toBeNull();
  });

  it('sends nothing without a token and says the link is not valid', async () => {
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toMatch(/invitation link is not valid/);
    expect(queryByRole(element, 'button', { name: 'Set password' })).toBeNull();
  });
});
