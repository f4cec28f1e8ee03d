import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { signInAs } from '../testing/auth-fixtures';
import { getByRole } from '../testing/dom-queries';
import { MAIN_NAV_LINKS } from './app';
import { APP_ROUTES } from './app.routes';
import { ApiClientsPage } from './features/admin/api-clients-page';
import { UsersPage } from './features/admin/users-page';
import { AcceptInvitationPage } from './features/auth/accept-invitation-page';
import { ForgotPasswordPage } from './features/auth/forgot-password-page';
import { LoginPage } from './features/auth/login-page';
import { RegisterPage } from './features/auth/register-page';
import { ResetPasswordPage } from './features/auth/reset-password-page';
import { VerifyEmailPage } from './features/auth/verify-email-page';
import { LinkConfirmPage } from './features/account-linking/link-confirm-page';
import { CustomerSearchPage } from './features/customers/customer-search-page';
import { FavouritesPage } from './features/favourites/favourites-page';
import { ForbiddenPage } from './features/forbidden/forbidden-page';
import { HistoryPage } from './features/history/history-page';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/not-found/not-found-page';
import { ModesPage } from './features/operators/modes-page';
import { OperatorsPage } from './features/operators/operators-page';
import { ProfilePage } from './features/profile/profile-page';

describe('APP_ROUTES', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(APP_ROUTES, withComponentInputBinding()),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  function url(): string {
    return TestBed.inject(Router).url;
  }

  describe('signed out', () => {
    it.each<[string, Type<unknown>, string]>([
      ['/', HomePage, 'Open Transport Hub'],
      ['/login', LoginPage, 'Sign in · Open Transport Hub'],
      ['/register', RegisterPage, 'Create an account · Open Transport Hub'],
      ['/verify-email', VerifyEmailPage, 'Verify your email address · Open Transport Hub'],
      ['/forgot-password', ForgotPasswordPage, 'Forgot password · Open Transport Hub'],
      ['/reset-password', ResetPasswordPage, 'Choose a new password · Open Transport Hub'],
      ['/accept-invitation', AcceptInvitationPage, 'Accept your invitation · Open Transport Hub'],
      ['/link/confirm', LinkConfirmPage, 'Confirm an account link · Open Transport Hub'],
      ['/no/such/page', NotFoundPage, 'Page not found · Open Transport Hub'],
    ])('routes %s to its page', async (path, page, title) => {
      expect(await harness.navigateByUrl(path, page)).toBeInstanceOf(page);
      expect(document.title).toBe(title);
    });

    it.each([
      '/operators',
      '/modes',
      '/customers',
      '/history',
      '/favourites',
      '/profile',
      '/admin/users',
      '/admin/api-clients',
    ])('sends %s to the login page with a return URL', async (path) => {
      await harness.navigateByUrl(path, LoginPage);
      expect(url()).toBe(`/login?returnUrl=${encodeURIComponent(path)}`);
    });

    it('shows "Page not found" for unknown addresses', async () => {
      await harness.navigateByUrl('/definitely-not-here');
      expect(getByRole(harness.routeNativeElement as HTMLElement, 'heading', { name: 'Page not found' })).toBeTruthy();
    });
  });

  describe('signed in', () => {
    it.each<[string, Type<unknown>, string]>([
      ['/operators', OperatorsPage, 'Operators · Open Transport Hub'],
      ['/modes', ModesPage, 'Modes · Open Transport Hub'],
      ['/customers', CustomerSearchPage, 'Customers · Open Transport Hub'],
      ['/history', HistoryPage, 'History · Open Transport Hub'],
      ['/favourites', FavouritesPage, 'Favourites · Open Transport Hub'],
      ['/profile', ProfilePage, 'Profile · Open Transport Hub'],
      ['/admin/users', UsersPage, 'Users · Open Transport Hub'],
      ['/admin/api-clients', ApiClientsPage, 'API clients · Open Transport Hub'],
    ])('lets an admin reach %s', async (path, page, title) => {
      signInAs('admin');
      expect(await harness.navigateByUrl(path, page)).toBeInstanceOf(page);
      expect(document.title).toBe(title);
    });

    it('lets operator staff reach customers but not the admin pages', async () => {
      signInAs('operator');
      expect(await harness.navigateByUrl('/customers', CustomerSearchPage)).toBeInstanceOf(CustomerSearchPage);
      await harness.navigateByUrl('/admin/users', ForbiddenPage);
      expect(url()).toBe('/forbidden');
    });

    it.each(['/customers', '/customers?q=byron', '/customers/030/C000003?tab=usages'])(
      'shows viewers "Not allowed" for %s',
      async (path) => {
        signInAs('viewer');
        await harness.navigateByUrl(path, ForbiddenPage);
        expect(url()).toBe('/forbidden');
        const page = harness.routeNativeElement as HTMLElement;
        expect(getByRole(page, 'heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
        expect(document.title).toBe('Not allowed · Open Transport Hub');
      },
    );

    it('sends signed-in users away from login and register', async () => {
      signInAs('viewer');
      await harness.navigateByUrl('/login', HomePage);
      expect(url()).toBe('/');
      await harness.navigateByUrl('/register', HomePage);
      expect(url()).toBe('/');
    });

    it('has a route for every main navigation link', async () => {
      signInAs('admin');
      for (const link of MAIN_NAV_LINKS) {
        await harness.navigateByUrl(link.path);
        expect(harness.routeNativeElement?.tagName).not.toBe('APP-NOT-FOUND-PAGE');
        expect(url()).toBe(link.path);
      }
    });
  });
});
