import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../testing/auth-fixtures';
import { getByRole } from '../../../testing/dom-queries';
import { AUTH_URL } from '../../core/auth/auth-client';
import { VerifyEmailPage } from './verify-email-page';

describe('VerifyEmailPage', () => {
  let fixture: ComponentFixture<VerifyEmailPage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(VerifyEmailPage);
    element = fixture.nativeElement as HTMLElement;
  });

  afterEach(() => {
    http.verify();
  });

  /** Arrives with `token`; the page posts it at once. */
  function arrive(token: string): void {
    fixture.componentRef.setInput('token', token);
    TestBed.tick();
  }

  it('posts the token on arrival and says so while waiting', async () => {
    arrive('abc123');
    expect(getByRole(element, 'heading', { level: 1, name: 'Verify your email address' })).toBeTruthy();
    expect(getByRole(element, 'status').textContent?.trim()).toBe('Verifying your email address…');
    const request = http.expectOne(`${AUTH_URL}/verify-email`);
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ token: 'abc123' });
    request.flush({ message: 'Verified' });
    await fixture.whenStable();

    expect(getByRole(element, 'status').textContent?.trim()).toBe(
      'Your email address is verified. You can now sign in.',
    );
    expect(getByRole(element, 'link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
  });

  it.each([
    ['TOKEN_EXPIRED', 410, /has expired/],
    ['TOKEN_USED', 409, /already been used/],
    ['TOKEN_INVALID', 400, /is not valid/],
  ])('explains a refused link (%s) in its own words', async (code, status, message) => {
    arrive('abc123');
    http.expectOne(`${AUTH_URL}/verify-email`).flush(anApiError(code, status), { status, statusText: 'Error' });
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toMatch(message);
  });

  it('gives distinct texts for the three token errors', async () => {
    const texts: string[] = [];
    for (const [code, status] of [
      ['TOKEN_EXPIRED', 410],
      ['TOKEN_USED', 409],
      ['TOKEN_INVALID', 400],
    ] as const) {
      arrive(`token-${code}`);
      http.expectOne(`${AUTH_URL}/verify-email`).flush(anApiError(code, status), { status, statusText: 'Error' });
      await fixture.whenStable();
      texts.push(getByRole(element, 'alert').textContent?.trim() ?? '');
    }
    expect(new Set(texts).size).toBe(3);
  });

  it('sends nothing without a token and says the link is not valid', async () => {
    await fixture.whenStable();
    expect(getByRole(element, 'alert').textContent).toMatch(/is not valid/);
  });
});
