import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError, signInAs } from '../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole } from '../testing/dom-queries';
import { MODES, aPage, anOperator } from '../testing/operator-fixtures';
import { App } from './app';
import { APP_ROUTES } from './app.routes';
import { AUTH_URL } from './core/auth/auth-client';
import { AuthStore } from './core/auth/auth-store';
import { authInterceptor } from './core/auth/auth.interceptor';
import { HISTORY_URL } from './features/history/data/history-client';
import { MODES_URL, OPERATORS_URL } from './features/operators/data/operators-client';
import { OperatorsStore } from './features/operators/data/operators-store';
import { ConfirmDialog } from './shared/ui/confirm-dialog';

describe('App shell', () => {
  let fixture: ComponentFixture<App>;
  let element: HTMLElement;
  let router: Router;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(APP_ROUTES, withComponentInputBinding()),
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    router = TestBed.inject(Router);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  /** Renders the shell at `url`. Pass `settle: false` when the page starts a request (whenStable would wait for it). */
  async function render(url: string, settle = true): Promise<void> {
    fixture = TestBed.createComponent(App);
    element = fixture.nativeElement as HTMLElement;
    await router.navigateByUrl(url);
    if (settle) {
      await fixture.whenStable();
    } else {
      TestBed.tick();
    }
  }

  /** Renders the shell at `/history`, answering the page's request with an empty history. */
  async function renderHistory(): Promise<void> {
    await render('/history', false);
    http.expectOne((request) => request.url === HISTORY_URL).flush(aPage([]));
    await fixture.whenStable();
  }

  function navLinkNames(): (string | undefined)[] {
    const nav = getByRole(element, 'navigation', { name: 'Main' });
    return queryAllByRole(nav, 'link').map((link) => link.textContent?.trim());
  }

  describe('signed out', () => {
    beforeEach(async () => {
      await render('/login');
    });

    it('shows the app name in the toolbar banner, with a "Sign in" link', () => {
      const banner = getByRole(element, 'banner');
      expect(getByText(banner, 'Open Transport Hub')).toBeTruthy();
      expect(getByRole(banner, 'link', { name: 'Sign in' }).getAttribute('href')).toBe('/login');
      expect(queryByRole(banner, 'button', { name: 'Sign out' })).toBeNull();
    });

    it('offers the main navigation without the admin pages', () => {
      expect(navLinkNames()).toEqual(['Home', 'Operators', 'Modes', 'Customers', 'History', 'Favourites']);
      const nav = getByRole(element, 'navigation', { name: 'Main' });
      expect(getByRole(nav, 'link', { name: 'Customers' }).getAttribute('href')).toBe('/customers');
    });

    it('renders the routed page inside the main landmark', () => {
      const main = getByRole(element, 'main');
      expect(getByRole(main, 'heading', { level: 1, name: 'Sign in' })).toBeTruthy();
    });

    it('lets keyboard users skip to the main content', () => {
      getByRole(element, 'button', { name: 'Skip to main content' }).click();
      expect(document.activeElement).toBe(getByRole(element, 'main'));
    });

    it('keeps the navigation visible on wide screens, without a menu button', () => {
      expect(queryByRole(element, 'button', { name: 'Main navigation' })).toBeNull();
    });
  });

  describe('signed in', () => {
    it('marks the current page in the navigation', async () => {
      signInAs('viewer');
      await renderHistory();
      const nav = getByRole(element, 'navigation', { name: 'Main' });
      expect(getByRole(nav, 'link', { name: 'History' }).getAttribute('aria-current')).toBe('page');
      expect(getByRole(nav, 'link', { name: 'Home' }).hasAttribute('aria-current')).toBe(false);
      expect(getByRole(getByRole(element, 'main'), 'heading', { level: 1, name: 'History' })).toBeTruthy();
    });

    it('hides Customers and the admin pages from viewers', async () => {
      signInAs('viewer');
      await renderHistory();
      expect(navLinkNames()).toEqual(['Home', 'Operators', 'Modes', 'History', 'Favourites']);
    });

    it('shows operator staff Customers but not the admin pages', async () => {
      signInAs('operator');
      await renderHistory();
      expect(navLinkNames()).toEqual(['Home', 'Operators', 'Modes', 'Customers', 'History', 'Favourites']);
    });

    it('shows admins the admin pages', async () => {
      signInAs('admin');
      await renderHistory();
      expect(navLinkNames()).toEqual([
        'Home',
        'Operators',
        'Modes',
        'Customers',
        'History',
        'Favourites',
        'Users',
        'API clients',
        'Audit log',
        'IP blocklist',
      ]);
    });

    it("shows the user's name (an account menu with Profile) and a Sign out button", async () => {
      signInAs('viewer', { displayName: 'Grace Hopper' });
      await renderHistory();
      const banner = getByRole(element, 'banner');
      const account = getByRole(banner, 'button', { name: 'Grace Hopper' });
      expect(account.getAttribute('aria-haspopup')).toBe('menu');
      expect(queryByRole(banner, 'link', { name: 'Sign in' })).toBeNull();

      account.click();
      await fixture.whenStable();
      const menu = getByRole(document.body, 'menu');
      expect(getByRole(menu, 'menuitem', { name: 'Profile' }).getAttribute('href')).toBe('/profile');
    });

    it('signs out: posts logout, forgets the user and shows the login page with a message', async () => {
      signInAs('admin');
      await render('/operators', false);
      http.expectOne(MODES_URL).flush(MODES);
      http.expectOne((request) => request.url === OPERATORS_URL).flush(aPage([anOperator()]));
      await fixture.whenStable();
      expect(getByRole(element, 'link', { name: 'ScotRail' })).toBeTruthy();

      getByRole(getByRole(element, 'banner'), 'button', { name: 'Sign out' }).click();
      const logout = http.expectOne(`${AUTH_URL}/logout`);
      expect(logout.request.method).toBe('POST');
      expect(logout.request.headers.get('Authorization')).toBe('Bearer access-token-1');
      logout.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(TestBed.inject(AuthStore).isAuthenticated()).toBe(false);
      expect(router.url).toBe('/login?reason=signed-out');
      expect(getByRole(element, 'status').textContent?.trim()).toBe('You have signed out.');
      expect(getByRole(getByRole(element, 'banner'), 'link', { name: 'Sign in' })).toBeTruthy();
      // The operators store was cleared with the session.
      expect(TestBed.inject(OperatorsStore).operators()).toEqual([]);
      expect(queryByRole(element, 'link', { name: 'ScotRail' })).toBeNull();
    });

    it('closes an open dialog when the session ends (sign-out in another tab, expiry)', async () => {
      signInAs('viewer');
      await renderHistory();
      const dialog = TestBed.inject(MatDialog);
      dialog.open(ConfirmDialog, {
        data: { title: 'Delete the favourite “ScotRail”?', message: 'Really?', confirmLabel: 'Delete' },
      });
      await fixture.whenStable();
      expect(getByRole(document.body, 'heading', { name: 'Delete the favourite “ScotRail”?' })).toBeTruthy();

      TestBed.inject(AuthStore).endSession('expired');
      await fixture.whenStable();

      await vi.waitFor(() => expect(dialog.openDialogs).toHaveLength(0));
      expect(queryByRole(document.body, 'heading', { name: 'Delete the favourite “ScotRail”?' })).toBeNull();
      expect(router.url).toBe(`/login?reason=expired&returnUrl=${encodeURIComponent('/history')}`);
    });

    it('returns to the login page, with a message and the way back, when the session expires', async () => {
      signInAs('admin');
      await render('/admin/users', false);
      http.expectOne('/api/v1/users?page=1&pageSize=25').flush(anApiError('SESSION_EXPIRED', 401), {
        status: 401,
        statusText: 'Unauthorized',
      });
      http.expectOne(`${AUTH_URL}/refresh`).flush(anApiError('REFRESH_TOKEN_INVALID', 401), {
        status: 401,
        statusText: 'Unauthorized',
      });
      await fixture.whenStable();

      expect(router.url).toBe(`/login?reason=expired&returnUrl=${encodeURIComponent('/admin/users')}`);
      expect(getByRole(element, 'status').textContent?.trim()).toBe('Your session has ended. Please sign in again.');
    });
  });
});
