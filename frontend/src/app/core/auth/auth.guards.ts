import { inject } from '@angular/core';
import { type CanActivateFn, Router, type UrlTree } from '@angular/router';

import { AuthStore } from './auth-store';
import { type Role } from './auth.model';

export const LOGIN_PATH = '/login';
export const FORBIDDEN_PATH = '/forbidden';

function loginRedirect(router: Router, returnUrl: string): UrlTree {
  return router.createUrlTree([LOGIN_PATH], { queryParams: { returnUrl } });
}

/** Signed-in users only; others go to `/login?returnUrl=…`. */
export const authGuard: CanActivateFn = (_route, state) => {
  const store = inject(AuthStore);
  return store.isAuthenticated() || loginRedirect(inject(Router), state.url);
};

/** Signed-in users with one of `roles`; others sign in first, or see the "Not allowed" page. */
export function roleGuard(...roles: readonly Role[]): CanActivateFn {
  return (_route, state) => {
    const store = inject(AuthStore);
    const router = inject(Router);
    if (!store.isAuthenticated()) {
      return loginRedirect(router, state.url);
    }
    return store.hasRole(...roles) || router.createUrlTree([FORBIDDEN_PATH]);
  };
}

/** Pages for signed-out visitors (login, register): signed-in users go home. */
export const guestGuard: CanActivateFn = () =>
  !inject(AuthStore).isAuthenticated() || inject(Router).createUrlTree(['/']);

/**
 * A return URL from a query string, if it is safe to navigate to: a path inside this app (starts with
 * one `/`, not `//` or `/\`, which browsers treat as another host). Anything else yields null.
 */
export function safeReturnUrl(value: string | null | undefined): string | null {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) {
    return null;
  }
  if (value === LOGIN_PATH || value.startsWith(`${LOGIN_PATH}?`)) {
    return null;
  }
  return value;
}
