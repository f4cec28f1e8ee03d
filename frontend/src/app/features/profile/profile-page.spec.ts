import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aUser, anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByLabelText, getByRole, getByText, queryByRole } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { AUTH_URL } from '../../core/auth/auth-client';
import { AuthStore } from '../../core/auth/auth-store';
import { ProfilePage } from './profile-page';

describe('ProfilePage', () => {
  let fixture: ComponentFixture<ProfilePage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator', { displayName: 'Ada Lovelace', email: 'ada@example.org' });
    fixture = TestBed.createComponent(ProfilePage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
  });

  function section(name: string): HTMLElement {
    return getByRole(element, 'region', { name });
  }

  function changePassword(current = 'the old password', next = 'a brand new password', confirm = next): void {
    const form = section('Change password');
    typeInto(form, 'Current password', current);
    typeInto(form, 'New password', next);
    typeInto(form, 'Confirm new password', confirm);
    getByRole(form, 'button', { name: 'Change password' }).click();
    TestBed.tick();
  }

  it("shows the user's email, role and operator, and the current display name", () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Profile' })).toBeTruthy();
    expect(getByText(element, 'ada@example.org')).toBeTruthy();
    expect(getByText(element, 'operator (operator op-1)')).toBeTruthy();
    expect((getByLabelText(section('Display name'), 'Display name') as HTMLInputElement).value).toBe('Ada Lovelace');
  });

  it('renames the user with PATCH /auth/me and updates the session', async () => {
    const form = section('Display name');
    typeInto(form, 'Display name', '  Ada King ');
    getByRole(form, 'button', { name: 'Save name' }).click();
    TestBed.tick();
    const request = http.expectOne(`${AUTH_URL}/me`);
    expect(request.request.method).toBe('PATCH');
    expect(request.request.body).toEqual({ displayName: 'Ada King' });
    expect(getByRole(form, 'button', { name: 'Save name' }).hasAttribute('disabled')).toBe(true);
    request.flush(aUser({ role: 'operator', operatorId: 'op-1', displayName: 'Ada King' }));
    await fixture.whenStable();

    expect(getByRole(form, 'status').textContent?.trim()).toBe('Display name saved.');
    expect(TestBed.inject(AuthStore).displayName()).toBe('Ada King');
    expect((getByLabelText(form, 'Display name') as HTMLInputElement).value).toBe('Ada King');
  });

  it('asks for a name instead of sending an empty one', async () => {
    const form = section('Display name');
    typeInto(form, 'Display name', '');
    getByRole(form, 'button', { name: 'Save name' }).click();
    await fixture.whenStable();
    expect(getByText(form, 'Enter the name other staff will see.')).toBeTruthy();
  });

  it('explains a refused rename and keeps the old name', async () => {
    const form = section('Display name');
    typeInto(form, 'Display name', 'Ada King');
    getByRole(form, 'button', { name: 'Save name' }).click();
    TestBed.tick();
    http
      .expectOne(`${AUTH_URL}/me`)
      .flush(anApiError('VALIDATION_FAILED', 400, 'displayName is too long'), { status: 400, statusText: 'Error' });
    await fixture.whenStable();
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('Please check the form: displayName is too long');
    expect(queryByRole(form, 'status')).toBeNull();
    expect(TestBed.inject(AuthStore).displayName()).toBe('Ada Lovelace');
  });

  it('changes the password, empties the form and says the other sessions ended', async () => {
    changePassword();
    const request = http.expectOne(`${AUTH_URL}/change-password`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ currentPassword: 'the old password', newPassword: 'a brand new password' });
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    const form = section('Change password');
    expect(getByRole(form, 'status').textContent?.trim()).toBe(
      'Password changed. Your other sessions have been signed out.',
    );
    expect((getByLabelText(form, 'Current password') as HTMLInputElement).value).toBe('');
    expect(queryByRole(form, 'alert')).toBeNull();
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
  });

  it('says when the current password is wrong', async () => {
    changePassword('not my password');
    http
      .expectOne(`${AUTH_URL}/change-password`)
      .flush(anApiError('CURRENT_PASSWORD_WRONG', 400), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    const form = section('Change password');
    expect(getByRole(form, 'alert').textContent?.trim()).toBe('Your current password is not correct.');
    expect(queryByRole(form, 'status')).toBeNull();
  });

  it('explains a new password that is too common', async () => {
    changePassword();
    http
      .expectOne(`${AUTH_URL}/change-password`)
      .flush(anApiError('PASSWORD_TOO_COMMON', 400), { status: 400, statusText: 'Bad Request' });
    await fixture.whenStable();
    expect(getByRole(section('Change password'), 'alert').textContent?.trim()).toBe(
      'This password is too common. Choose another.',
    );
  });

  it('refuses a mismatched confirmation before sending', async () => {
    changePassword('the old password', 'a brand new password', 'another new password');
    await fixture.whenStable();
    expect(getByText(section('Change password'), 'The passwords do not match.')).toBeTruthy();
  });

  it('signs out everywhere by posting logout-all, which ends this session too', async () => {
    getByRole(element, 'button', { name: 'Sign out everywhere' }).click();
    TestBed.tick();
    const request = http.expectOne(`${AUTH_URL}/logout-all`);
    expect(request.request.method).toBe('POST');
    expect(getByRole(element, 'button', { name: 'Sign out everywhere' }).hasAttribute('disabled')).toBe(true);
    request.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();

    const auth = TestBed.inject(AuthStore);
    expect(auth.isAuthenticated()).toBe(false);
    expect(auth.sessionEnd()?.reason).toBe('signed-out-everywhere');
  });

  it('keeps the session and explains a refused sign-out everywhere', async () => {
    getByRole(element, 'button', { name: 'Sign out everywhere' }).click();
    TestBed.tick();
    http.expectOne(`${AUTH_URL}/logout-all`).error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(getByRole(section('Sessions'), 'alert').textContent).toContain('could not be reached');
    expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(true);
  });
});
