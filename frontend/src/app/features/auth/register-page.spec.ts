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
import { RegisterPage } from './register-page';

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(RegisterPage);
    element = fixture.nativeElement as HTMLElement;
    await fixture.whenStable();
  });

  afterEach(() => {
    http.verify();
  });

  function fillIn(password = 'twelve chars or more', confirm = password): void {
    typeInto(element, 'Display name', 'Ada Lovelace');
    typeInto(element, 'Email', 'ada@example.org');
    typeInto(element, 'Password', password);
    typeInto(element, 'Confirm password', confirm);
    getByRole(element, 'button', { name: 'Create account' }).click();
    TestBed.tick();
  }

  it('has a heading and a hint about the password length', () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Create an account' })).toBeTruthy();
    expect(getByText(element, 'At least 12 characters.')).toBeTruthy();
  });

  it('registers and asks the visitor to check their email', async () => {
    fillIn();
    const request = http.expectOne(`${AUTH_URL}/register`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({
      displayName: 'Ada Lovelace',
      email: 'ada@example.org',
      password: 'twelve chars or more',
    });
    expect(getByRole(element, 'button', { name: 'Create account' }).hasAttribute('disabled')).toBe(true);
    request.flush(
      { message: 'If the address can be registered, we sent a link.' },
      { status: 202, statusText: 'Accepted' },
    );
    await fixture.whenStable();

    expect(getByRole(element, 'status').textContent?.trim()).toBe('Check your email to verify your address.');
    expect(queryByRole(element, 'button', { name: 'Create account' })).toBeNull();
  });

  it('refuses short passwords and mismatched confirmations before sending', () => {
    fillIn('too short', 'different');
    expect(getByText(element, 'Use at least 12 characters.')).toBeTruthy();
    expect(getByText(element, 'The passwords do not match.')).toBeTruthy();
  });

  it('explains a password that is too common', async () => {
    fillIn('password1234');
    http.expectOne(`${AUTH_URL}/register`).flush(anApiError('PASSWORD_TOO_COMMON', 400), {
      status: 400,
      statusText: 'Bad Request',
    });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('This password is too common. Choose another.');
  });
});
