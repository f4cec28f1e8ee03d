/**
 * Fixed windows aligned to the clock (UTC): a minute window runs from hh:mm:00.000 to hh:mm:59.999, a day window
 * from 00:00 to 24:00 UTC. The window's number is part of the counter's key, so a new window starts from zero by
 * construction, every instance computes the same key from its own clock, and the counter's expiry only reclaims
 * memory. (A request landing in the last moments of one window and the first of the next may use two budgets in a
 * short span; that is the known trade-off of fixed windows, bounded by twice the limit.)
 */
export interface FixedWindow {
  /** Short name in counter keys and in the `details` of a refusal: `minute`, `hour`, `day`, `10min`. */
  readonly name: string;
  readonly seconds: number;
  readonly ms: number;
}

function fixedWindow(name: string, seconds: number): FixedWindow {
  return { name, seconds, ms: seconds * 1000 };
}

export const MINUTE = fixedWindow('minute', 60);
export const TEN_MINUTES = fixedWindow('10min', 600);
export const HOUR = fixedWindow('hour', 3600);
export const DAY = fixedWindow('day', 86_400);

/** Counters outlive their window by this much, so an instance whose clock lags a little still finds them. */
export const EXPIRY_SLACK_MS = 5_000;

/** The number of the window `now` (epoch ms) falls in; windows are counted from the epoch (a UTC midnight). */
export function windowNumber(window: FixedWindow, now: number): number {
  return Math.floor(now / window.ms);
}

/** Epoch ms at which the window holding `now` ends (the next one starts). */
export function windowEnd(window: FixedWindow, now: number): number {
  return (Math.floor(now / window.ms) + 1) * window.ms;
}

/** Whole seconds until the window holding `now` ends, at least 1: `RateLimit-Reset` and `Retry-After`. */
export function secondsToReset(window: FixedWindow, now: number): number {
  return Math.max(1, Math.ceil((windowEnd(window, now) - now) / 1000));
}

/** How long (ms from `now`) a counter of the current window must live. */
export function counterTtlMs(window: FixedWindow, now: number): number {
  return windowEnd(window, now) - now + EXPIRY_SLACK_MS;
}
