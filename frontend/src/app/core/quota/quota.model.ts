import { type HttpHeaders } from '@angular/common/http';

/** One window of the caller's request budget (docs/security.md, "Throttling and IP blocklist"). */
export interface QuotaWindow {
  readonly limit: number;
  readonly remaining: number;
  /** When the window ends and the count starts again (epoch ms). */
  readonly resetAt: number;
}

/** GET /api/v1/me/quota: both windows null when throttling is off. */
export interface QuotaWindowDto {
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
}

export interface QuotaDto {
  readonly minute: QuotaWindowDto | null;
  readonly day: QuotaWindowDto | null;
}

export const DAY_SECONDS = 86_400;

/** What a response's `RateLimit-*` headers say: one window of the budget, and every window of the policy. */
export interface RateLimitHeaders {
  readonly limit: number;
  readonly remaining: number;
  readonly resetSeconds: number;
  /** `RateLimit-Policy` (`120;w=60, 5000;w=86400`): limit and window length of every window. */
  readonly policy: readonly { readonly limit: number; readonly windowSeconds: number }[];
}

function wholeNumber(value: string | null): number | null {
  return value !== null && /^\d+$/.test(value.trim()) ? Number(value.trim()) : null;
}

/** Reads the `RateLimit-*` headers; null when a response has none (or they are unreadable). */
export function readRateLimitHeaders(headers: HttpHeaders): RateLimitHeaders | null {
  const limit = wholeNumber(headers.get('RateLimit-Limit'));
  const remaining = wholeNumber(headers.get('RateLimit-Remaining'));
  const resetSeconds = wholeNumber(headers.get('RateLimit-Reset'));
  if (limit === null || remaining === null || resetSeconds === null) {
    return null;
  }
  const policy = (headers.get('RateLimit-Policy') ?? '').split(',').flatMap((item) => {
    const match = /^\s*(\d+)\s*;\s*w=(\d+)\s*$/.exec(item);
    return match ? [{ limit: Number(match[1]), windowSeconds: Number(match[2]) }] : [];
  });
  return { limit, remaining, resetSeconds, policy };
}

/**
 * The length of the window the headers describe: the policy's window with that limit (on a tie, the shortest one
 * that can still have that many seconds left); null when the policy does not say.
 */
export function describedWindowSeconds(headers: RateLimitHeaders): number | null {
  const candidates = headers.policy
    .filter((window) => window.limit === headers.limit && window.windowSeconds >= headers.resetSeconds)
    .sort((a, b) => a.windowSeconds - b.windowSeconds);
  return candidates[0]?.windowSeconds ?? null;
}

export function toQuotaWindow(dto: QuotaWindowDto, now: number): QuotaWindow {
  return { limit: dto.limit, remaining: dto.remaining, resetAt: now + dto.resetSeconds * 1000 };
}
