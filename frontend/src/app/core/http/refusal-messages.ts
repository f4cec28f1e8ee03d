import { type ApiError } from './api-error';

export const RATE_LIMITED = 'RATE_LIMITED';
export const IP_BLOCKED = 'IP_BLOCKED';

const CLOCK_TIME = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

/** "42 seconds", "3 minutes", "7 hours" (rounded up: the wait is never said shorter than it is). */
export function waitInWords(seconds: number): string {
  if (seconds < 90) {
    const whole = Math.max(1, Math.ceil(seconds));
    return whole === 1 ? '1 second' : `${whole} seconds`;
  }
  if (seconds < 90 * 60) {
    return `${Math.ceil(seconds / 60)} minutes`;
  }
  const hours = Math.ceil(seconds / 3600);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}

/** The window a 429 names (`details[0].constraint`: `minute`, `hour`, `day`) and its limit in words. */
function exhaustedWindow(error: ApiError): { readonly name: string | null; readonly limit: string | null } {
  const first: unknown = Array.isArray(error.details) ? error.details[0] : undefined;
  if (typeof first !== 'object' || first === null) {
    return { name: null, limit: null };
  }
  const { constraint, message } = first as { constraint?: unknown; message?: unknown };
  return {
    name: typeof constraint === 'string' ? constraint : null,
    limit: typeof message === 'string' ? message : null,
  };
}

/**
 * A 429 RATE_LIMITED in words, with when the budget renews (from `Retry-After`): a spent daily quota is said
 * differently from a short burst that needs a pause.
 */
export function rateLimitedMessage(error: ApiError, now = Date.now()): string {
  const window = exhaustedWindow(error);
  const limit = window.limit ? ` (${window.limit})` : '';
  const seconds = error.retryAfterSeconds;
  if (window.name === 'day') {
    if (seconds === undefined) {
      return `Your daily request quota is used up${limit}. It renews at midnight UTC.`;
    }
    const at = CLOCK_TIME.format(now + seconds * 1000);
    return `Your daily request quota is used up${limit}. It renews in ${waitInWords(seconds)}, at ${at}.`;
  }
  if (seconds === undefined) {
    return `Too many requests${limit}. Wait a moment and try again.`;
  }
  return `Too many requests${limit}. Try again in ${waitInWords(seconds)}.`;
}

export const IP_BLOCKED_MESSAGE =
  'Requests from your network address are blocked. If you think this is a mistake, contact an administrator.';
