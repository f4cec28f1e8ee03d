import { FixedWindow, secondsToReset } from './fixed-window';

/** One window of a budget: at most `limit` requests per window. */
export interface WindowLimit {
  readonly window: FixedWindow;
  readonly limit: number;
}

/**
 * The windows one caller's requests are counted in (a staff user: a minute and a day; an API client: a day; an
 * anonymous address: one window per route class), with what the response headers need worked out once.
 */
export class Budget {
  readonly limits: readonly number[];
  /** `RateLimit-Policy`: every window, e.g. `120;w=60, 5000;w=86400`. */
  readonly policy: string;

  constructor(
    /** Short name in counter keys (`user`, `client`, `login`, …). */
    readonly name: string,
    readonly windows: readonly WindowLimit[],
  ) {
    this.limits = windows.map((w) => w.limit);
    this.policy = windows.map((w) => `${w.limit};w=${w.window.seconds}`).join(', ');
  }
}

/** Where one window of a budget stands after a request. */
export interface WindowState {
  readonly window: FixedWindow;
  readonly limit: number;
  readonly remaining: number;
  /** Whole seconds until the window ends (at least 1). */
  readonly resetSeconds: number;
}

/** The answer for one request: admitted or not, and where each window stands. */
export interface ThrottleOutcome {
  readonly allowed: boolean;
  readonly budget: Budget;
  readonly windows: readonly WindowState[];
  /**
   * The window the `RateLimit-*` headers describe: when refused, the exhausted window that ends last (its reset is
   * the `Retry-After`); otherwise the most restrictive one, with the fewest requests left (on a tie, the one that
   * ends last).
   */
  readonly shown: WindowState;
}

/** Builds the outcome from the counts a store returned for `budget`'s windows at `now` (epoch ms). */
export function throttleOutcome(
  budget: Budget,
  allowed: boolean,
  counts: readonly number[],
  now: number,
): ThrottleOutcome {
  const windows: WindowState[] = [];
  let shown: WindowState | undefined;
  for (let i = 0; i < budget.windows.length; i++) {
    const { window, limit } = budget.windows[i];
    const state: WindowState = {
      window,
      limit,
      remaining: Math.max(0, limit - counts[i]),
      resetSeconds: secondsToReset(window, now),
    };
    windows.push(state);
    const exhausted = counts[i] >= limit;
    if (!allowed && !exhausted) continue;
    if (
      shown === undefined ||
      state.remaining < shown.remaining ||
      (state.remaining === shown.remaining && state.resetSeconds > shown.resetSeconds)
    ) {
      shown = state;
    }
  }
  return { allowed, budget, windows, shown: shown ?? windows[0] };
}

/** The response headers of a throttled route (names lower-case, as HTTP/2 sends them; HTTP/1.1 ignores case). */
export function rateLimitHeaders(outcome: ThrottleOutcome): Record<string, string> {
  const { shown } = outcome;
  const headers: Record<string, string> = {
    'ratelimit-limit': String(shown.limit),
    'ratelimit-remaining': outcome.allowed ? String(shown.remaining) : '0',
    'ratelimit-reset': String(shown.resetSeconds),
    'ratelimit-policy': outcome.budget.policy,
  };
  if (!outcome.allowed) headers['retry-after'] = String(shown.resetSeconds);
  return headers;
}
