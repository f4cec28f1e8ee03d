import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import {
  type ChangePasswordRequest,
  type Credentials,
  type MessageResponse,
  type RegisterRequest,
  type SessionDto,
  type UserDto,
} from './auth.model';

export const AUTH_URL = '/api/v1/auth';

/**
 * Marks requests whose 401 must not trigger a token refresh: the public auth endpoints (a 401 from
 * login means wrong credentials) and the refresh call itself.
 */
export const SKIP_SESSION_REFRESH = new HttpContextToken<boolean>(() => false);

function publicRequest(): { context: HttpContext } {
  return { context: new HttpContext().set(SKIP_SESSION_REFRESH, true) };
}

/** HTTP for `/api/v1/auth/*`. Knows HTTP only: no state, no navigation. */
@Injectable({ providedIn: 'root' })
export class AuthClient {
  private readonly http = inject(HttpClient);

  login(credentials: Credentials): Observable<SessionDto> {
    return this.http.post<SessionDto>(`${AUTH_URL}/login`, credentials, { ...publicRequest(), withCredentials: true });
  }

  /** Uses the httpOnly refresh cookie (sent by the browser; never readable here). */
  refresh(): Observable<SessionDto> {
    return this.http.post<SessionDto>(`${AUTH_URL}/refresh`, null, { ...publicRequest(), withCredentials: true });
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${AUTH_URL}/logout`, null, { withCredentials: true });
  }

  logoutAll(): Observable<void> {
    return this.http.post<void>(`${AUTH_URL}/logout-all`, null, { withCredentials: true });
  }

  me(): Observable<UserDto> {
    return this.http.get<UserDto>(`${AUTH_URL}/me`);
  }

  updateMe(changes: { readonly displayName: string }): Observable<UserDto> {
    return this.http.patch<UserDto>(`${AUTH_URL}/me`, changes);
  }

  changePassword(request: ChangePasswordRequest): Observable<void> {
    return this.http.post<void>(`${AUTH_URL}/change-password`, request);
  }

  register(request: RegisterRequest): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(`${AUTH_URL}/register`, request, publicRequest());
  }

  verifyEmail(token: string): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(`${AUTH_URL}/verify-email`, { token }, publicRequest());
  }

  forgotPassword(email: string): Observable<MessageResponse> {
    return this.http.post<MessageResponse>(`${AUTH_URL}/forgot-password`, { email }, publicRequest());
  }

  resetPassword(token: string, password: string): Observable<void> {
    return this.http.post<void>(`${AUTH_URL}/reset-password`, { token, password }, publicRequest());
  }

  acceptInvitation(token: string, password: string): Observable<void> {
    return this.http.post<void>(`${AUTH_URL}/accept-invitation`, { token, password }, publicRequest());
  }
}
