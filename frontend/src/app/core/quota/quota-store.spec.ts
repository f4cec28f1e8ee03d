import { HttpClient, HttpContext, HttpHeaders, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { signInAs } from '../../../testing/auth-fixtures';
import { AuthStore } from '../auth/auth-store';
import { SessionCleanup } from '../auth/session-cleanup';
import { queryToolContext } from '../query-tool/query-source';
import { QUOTA_URL } from './quota-client';
import { QUOTA_MAX_AGE_MS, QuotaStore } from './quota-store';
import { quotaInterceptor } from './quota.interceptor';
import { describedWindowSeconds, readRateLimitHeaders } from './quota.model';

const USER_POLICY = '120;w=60, 5000;w=86400';

function rateLimit(limit: number, remaining: number, reset: number, policy = USER_POLICY): Record<string, string> {
  return {
    'RateLimit-Limit': String(limit),
    'RateLimit-Remaining': String(remaining),
    'RateLimit-Reset': String(reset),
    'RateLimit-Policy': policy,
  };
}

describe('RateLimit headers', () => {
  it('reads the window and the policy', () => {
    const headers = readRateLimitHeaders(new HttpHeaders(rateLimit(120, 87, 42)));
    expect(headers).toEqual({
      limit: 120,
      remaining: 87,
      resetSeconds: 42,
      policy: [
        { limit: 120, windowSeconds: 60 },
        { limit: 5000, windowSeconds: 86_400 },
      ],
    });
    expect(describedWindowSeconds(headers!)).toBe(60);
    expect(describedWindowSeconds({ ...headers!, limit: 5000, remaining: 3, resetSeconds: 3600 })).toBe(86_400);
  });

  it('ignores responses without them', () => {
    expect(readRateLimitHeaders(new HttpHeaders())).toBeNull();
    expect(readRateLimitHeaders(new HttpHeaders({ 'RateLimit-Limit': 'lots' }))).toBeNull();
  });
});

describe('QuotaStore and quotaInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let store: QuotaStore;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([quotaInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    store = TestBed.inject(QuotaStore);
    signInAs('viewer');
  });

  afterEach(() => {
    http.verify();
  });

  async function flushMicrotasks(): Promise<void> {
    await new Promise((resolve) => setTimeout(resolve));
  }

  /** A query of the query tool, answered with `headers`. */
  async function query(headers: Record<string, string>): Promise<void> {
    const done = firstValueFrom(client.get('/api/v1/operators', { context: queryToolContext() }));
    http.expectOne('/api/v1/operators').flush({ items: [] }, { headers });
    await done;
  }

  it('asks for the exact daily figure after a query, and keeps it', async () => {
    const before = Date.now();
    await query(rateLimit(120, 119, 30));
    const quota = http.expectOne(QUOTA_URL);
    expect(quota.request.method).toBe('GET');
    quota.flush(
      {
        minute: { limit: 120, remaining: 118, resetSeconds: 30 },
        day: { limit: 5000, remaining: 4990, resetSeconds: 3600 },
      },
      { headers: rateLimit(120, 118, 30) },
    );
    await flushMicrotasks();
    const day = store.day();
    expect(day?.limit).toBe(5000);
    expect(day?.remaining).toBe(4990);
    expect(day!.resetAt).toBeGreaterThanOrEqual(before + 3_600_000);

    // A second query within a minute: the figure counts down from the headers, no new look-up.
    await query(rateLimit(120, 117, 29));
    http.expectNone(QUOTA_URL);
    expect(store.day()?.remaining).toBe(4989);
  });

  it('takes the day figure straight from headers that describe the day', () => {
    const now = Date.now();
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 12, 7200)))!, true, now);
    expect(store.day()).toEqual({ limit: 5000, remaining: 12, resetAt: now + 7_200_000 });
  });

  it('shows a spent quota at once when a request is refused for the day', async () => {
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 3, 7200)))!, true);
    const refused = firstValueFrom(client.get('/api/v1/operators')).catch(() => 'refused');
    http.expectOne('/api/v1/operators').flush(
      { statusCode: 429, code: 'RATE_LIMITED', message: 'Too many requests' },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: { ...rateLimit(5000, 0, 7000), 'Retry-After': '7000' },
      },
    );
    expect(await refused).toBe('refused');
    expect(store.day()?.remaining).toBe(0);
  });

  it('does not count a request the server refused (429) against the day', () => {
    const now = Date.now();
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 100, 7200)))!, true, now);
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(120, 0, 20)))!, false, now);
    expect(store.day()?.remaining).toBe(100);
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(120, 5, 20)))!, true, now);
    expect(store.day()?.remaining).toBe(99);
  });

  it("ignores a public route's per-address budget", () => {
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(10, 9, 50, '10;w=60')))!, true);
    expect(store.day()).toBeNull();
  });

  it('asks again once the figure is older than a minute', async () => {
    const now = Date.now();
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 50, 7200)))!, true, now);
    await store.refreshIfStale(now + QUOTA_MAX_AGE_MS - 1);
    http.expectNone(QUOTA_URL);
    const refreshed = store.refreshIfStale(now + QUOTA_MAX_AGE_MS);
    http.expectOne(QUOTA_URL).flush({ minute: null, day: { limit: 5000, remaining: 40, resetSeconds: 7000 } });
    await refreshed;
    expect(store.day()?.remaining).toBe(40);
  });

  it('shows nothing when throttling is off', async () => {
    const refreshed = store.refresh();
    http.expectOne(QUOTA_URL).flush({ minute: null, day: null });
    await refreshed;
    expect(store.day()).toBeNull();
  });

  it('keeps the last figure when the look-up fails', async () => {
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 50, 7200)))!, true);
    const refreshed = store.refresh();
    http.expectOne(QUOTA_URL).flush(null, { status: 500, statusText: 'Server Error' });
    await refreshed;
    expect(store.day()?.remaining).toBe(50);
  });

  it('asks nothing for a signed-out visitor, and forgets the figure when the session ends', async () => {
    store.observe(readRateLimitHeaders(new HttpHeaders(rateLimit(5000, 50, 7200)))!, true);
    TestBed.inject(AuthStore).endSession('signed-out', { broadcast: false });
    expect(store.day()).toBeNull();
    await store.refreshIfStale();
    http.expectNone(QUOTA_URL);
  });

  it('drops an answer that arrives after the session ended', async () => {
    const refreshed = store.refresh();
    const pending = http.expectOne(QUOTA_URL);
    TestBed.inject(SessionCleanup).run();
    pending.flush({ minute: null, day: { limit: 5000, remaining: 10, resetSeconds: 60 } });
    await refreshed;
    expect(store.day()).toBeNull();
  });

  it('leaves other requests alone', async () => {
    const done = firstValueFrom(client.get('/api/v1/me/history', { context: new HttpContext() }));
    http.expectOne('/api/v1/me/history').flush({ items: [] });
    await done;
    http.expectNone(QUOTA_URL);
    expect(store.day()).toBeNull();
  });
});
