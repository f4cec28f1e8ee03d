import {
  HttpErrorResponse,
  type HttpEvent,
  type HttpHandlerFn,
  type HttpInterceptorFn,
  type HttpRequest,
} from '@angular/common/http';
import { inject } from '@angular/core';
import { type Observable, catchError, switchMap, throwError } from 'rxjs';

import { SKIP_SESSION_REFRESH } from './auth-client';
import { AuthStore } from './auth-store';

/** 401 codes that mean "your access token is no good" (as opposed to, say, wrong credentials). */
const REFRESHABLE_CODES = new Set(['SESSION_EXPIRED', 'UNAUTHENTICATED']);

function isApiRequest(url: string): boolean {
  if (url.startsWith('/api/')) {
    return true;
  }
  try {
    const parsed = new URL(url, globalThis.location?.href);
    return parsed.origin === globalThis.location?.origin && parsed.pathname.startsWith('/api/');
  } catch {
    return false;
  }
}

function withBearer(request: HttpRequest<unknown>, token: string | null): HttpRequest<unknown> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

function isRefreshable(error: unknown): boolean {
  if (!(error instanceof HttpErrorResponse) || error.status !== 401) {
    return false;
  }
  const body: unknown = error.error;
  const code = typeof body === 'object' && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === 'string' && REFRESHABLE_CODES.has(code);
}

/**
 * Adds `Authorization: Bearer <token>` to same-origin `/api/` requests. When such a request fails with
 * 401 SESSION_EXPIRED/UNAUTHENTICATED, it refreshes the session once (shared by concurrent requests) and
 * retries; when the refresh is refused, the session ends (the shell returns to the login page) and the
 * original error is passed on.
 */
export const authInterceptor: HttpInterceptorFn = (
  request: HttpRequest<unknown>,
  next: HttpHandlerFn,
): Observable<HttpEvent<unknown>> => {
  if (!isApiRequest(request.url)) {
    return next(request);
  }
  const store = inject(AuthStore);
  const sentToken = store.accessToken();
  const outgoing = withBearer(request, sentToken);
  if (request.context.get(SKIP_SESSION_REFRESH) || sentToken === null) {
    return next(outgoing);
  }
  return next(outgoing).pipe(
    catchError((error: unknown) => {
      if (!isRefreshable(error)) {
        return throwError(() => error);
      }
      const current = store.accessToken();
      if (current !== null && current !== sentToken) {
        // Another request refreshed the session meanwhile: just retry with the new token.
        return next(withBearer(request, current));
      }
      return store.refresh().pipe(
        catchError(() => {
          store.endSession('expired');
          return throwError(() => error);
        }),
        switchMap((token) => next(withBearer(request, token))),
      );
    }),
  );
};
