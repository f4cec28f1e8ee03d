import { Injectable, inject, signal } from '@angular/core';
import { firstValueFrom } from 'rxjs';

import { AuthStore } from '../auth/auth-store';
import { SessionCleanup } from '../auth/session-cleanup';
import { QuotaClient } from './quota-client';
import {
  DAY_SECONDS,
  type QuotaDto,
  type QuotaWindow,
  type RateLimitHeaders,
  describedWindowSeconds,
  toQuotaWindow,
} from './quota.model';

/** How long an exact daily figure is trusted before a query asks the server again. */
export const QUOTA_MAX_AGE_MS = 60_000;

/**
 * The signed-in user's daily request budget, for the query tool to show. Exact figures come from
 * GET /api/v1/me/quota (asked after a query when the last one is older than a minute) and from responses whose
 * `RateLimit-*` headers describe the day window; between them every request the server counted takes one off.
 * Cleared when the session ends. Never navigates or shows messages.
 */
@Injectable({ providedIn: 'root' })
export class QuotaStore {
  private readonly client = inject(QuotaClient);
  private readonly auth = inject(AuthStore);

  private readonly dayWindow = signal<QuotaWindow | null>(null);
  /** When the day figure was last exact (epoch ms), or null. */
  private exactAt: number | null = null;
  private inFlight: Promise<void> | null = null;
  /** Bumped at sign-out, so an answer for the previous session is dropped. */
  private generation = 0;

  /** Today's window (UTC day), or null while unknown or when throttling is off. */
  readonly day = this.dayWindow.asReadonly();

  constructor() {
    inject(SessionCleanup).register(() => this.reset());
  }

  /** Takes what a response's `RateLimit-*` headers say; `counted`: the server counted the request (not a 429). */
  observe(headers: RateLimitHeaders, counted: boolean, now = Date.now()): void {
    if (!headers.policy.some((window) => window.windowSeconds === DAY_SECONDS)) {
      return; // Not a signed-in user's budget (a public route's per-address budget).
    }
    if (describedWindowSeconds(headers) === DAY_SECONDS) {
      this.dayWindow.set({
        limit: headers.limit,
        remaining: headers.remaining,
        resetAt: now + headers.resetSeconds * 1000,
      });
      this.exactAt = now;
      return;
    }
    const day = this.dayWindow();
    if (counted && day && now < day.resetAt) {
      this.dayWindow.set({ ...day, remaining: Math.max(0, day.remaining - 1) });
    }
  }

  /** Asks the server afresh (one request at a time). */
  refresh(): Promise<void> {
    this.inFlight ??= this.fetch().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Asks the server when the day figure is unknown, older than {@link QUOTA_MAX_AGE_MS}, or past its reset. */
  refreshIfStale(now = Date.now()): Promise<void> {
    const day = this.dayWindow();
    const fresh = this.exactAt !== null && now - this.exactAt < QUOTA_MAX_AGE_MS && day !== null && now < day.resetAt;
    return fresh || !this.auth.isAuthenticated() ? Promise.resolve() : this.refresh();
  }

  reset(): void {
    this.generation++;
    this.dayWindow.set(null);
    this.exactAt = null;
  }

  private async fetch(): Promise<void> {
    const generation = this.generation;
    try {
      const quota = await firstValueFrom(this.client.get());
      if (generation === this.generation) {
        this.apply(quota, Date.now());
      }
    } catch {
      // The quota is a hint: a failed look-up leaves the last figure (the next query asks again).
    }
  }

  private apply(quota: QuotaDto, now: number): void {
    this.dayWindow.set(quota.day ? toQuotaWindow(quota.day, now) : null);
    this.exactAt = now;
  }
}
