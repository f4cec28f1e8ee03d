import { Injectable, computed, inject, signal } from '@angular/core';
import { type Observable, catchError, finalize, firstValueFrom, map, of, shareReplay, tap } from 'rxjs';

import { AuthBroadcast } from './auth-broadcast';
import { AuthClient } from './auth-client';
import {
  type Credentials,
  type Role,
  type SessionDto,
  type SessionEnd,
  type SessionEndReason,
  type UserDto,
} from './auth.model';
import { SessionCleanup } from './session-cleanup';

interface Session {
  readonly accessToken: string;
  readonly user: UserDto;
}

/**
 * The signed-in user and the access token, in memory only: never in localStorage, sessionStorage or a
 * readable cookie. A reload restores the session through the httpOnly refresh cookie ({@link restore}).
 *
 * The store never navigates or shows messages: when a session ends it publishes {@link sessionEnd},
 * and the shell reacts (navigates to the login page with a message).
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly client = inject(AuthClient);
  private readonly cleanup = inject(SessionCleanup);
  private readonly broadcast = inject(AuthBroadcast);

  private readonly session = signal<Session | null>(null);
  private readonly ended = signal<SessionEnd | null>(null);
  private refreshInFlight: Observable<string> | null = null;

  readonly user = computed(() => this.session()?.user ?? null);
  readonly isAuthenticated = computed(() => this.session() !== null);
  readonly role = computed<Role | null>(() => this.session()?.user.role ?? null);
  readonly displayName = computed(() => this.session()?.user.displayName ?? null);
  /** The last end of a session (null until one ended) — the shell navigates on it. */
  readonly sessionEnd = this.ended.asReadonly();

  constructor() {
    this.broadcast.listen((message) => {
      if (message.type === 'logout') {
        this.endSession('signed-out', { broadcast: false });
      }
    });
  }

  /** The current access token, for the HTTP interceptor only. */
  accessToken(): string | null {
    return this.session()?.accessToken ?? null;
  }

  hasRole(...roles: readonly Role[]): boolean {
    const role = this.role();
    return role !== null && roles.includes(role);
  }

  /** Starts a session from a login or refresh answer. */
  applySession(session: SessionDto): void {
    this.session.set({ accessToken: session.accessToken, user: session.user });
  }

  async login(credentials: Credentials): Promise<UserDto> {
    const session = await firstValueFrom(this.client.login(credentials));
    this.applySession(session);
    return session.user;
  }

  /**
   * Exchanges the refresh cookie for a new access token. Single-flight: concurrent callers share one
   * request: one rotation per burst of 401s. (Refreshes from several tabs at once are tolerated by the server's
   * short reuse grace window; see docs/security.md.)
   * Emits the new token; errors when the refresh is refused.
   */
  refresh(): Observable<string> {
    this.refreshInFlight ??= this.client.refresh().pipe(
      tap((session) => this.applySession(session)),
      map((session) => session.accessToken),
      finalize(() => {
        this.refreshInFlight = null;
      }),
      shareReplay({ bufferSize: 1, refCount: false }),
    );
    return this.refreshInFlight;
  }

  /** App start: restores the session from the refresh cookie, if there is one. Never rejects. */
  restore(): Promise<boolean> {
    return firstValueFrom(
      this.refresh().pipe(
        map(() => true),
        catchError(() => of(false)),
      ),
    );
  }

  /** Signs out on the server (best effort) and ends the session here and in the other tabs. */
  async logout(): Promise<void> {
    try {
      await firstValueFrom(this.client.logout(), { defaultValue: undefined });
    } catch {
      // The session ends locally regardless; the server revokes it on expiry at the latest.
    }
    this.endSession('signed-out');
  }

  /** Ends every session of the user (all devices). Rejects, keeping this session, if the server refuses. */
  async logoutEverywhere(): Promise<void> {
    await firstValueFrom(this.client.logoutAll(), { defaultValue: undefined });
    this.endSession('signed-out-everywhere');
  }

  /** Replaces the signed-in user's details (after PATCH /auth/me). */
  updateUser(user: UserDto): void {
    this.session.update((session) => (session ? { ...session, user } : session));
  }

  /**
   * Ends the session: forgets the token and the user, runs every registered clean-up hook, tells the
   * other tabs (unless the end came from one) and publishes {@link sessionEnd}. Ignored when signed out.
   */
  endSession(reason: SessionEndReason, options: { readonly broadcast?: boolean } = {}): void {
    if (this.session() === null) {
      return;
    }
    this.session.set(null);
    this.cleanup.run();
    if (options.broadcast ?? reason !== 'expired') {
      this.broadcast.post({ type: 'logout' });
    }
    this.ended.update((previous) => ({ reason, sequence: (previous?.sequence ?? 0) + 1 }));
  }
}
