import { maskEmailAddresses } from './mail-privacy';

/** Wait before the next attempt after the n-th failed one: 5 s, 30 s, 2 min, 10 min, 30 min, then hourly. */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000] as const;

/** The delay before the next attempt, given how many attempts have been made (1 after the first failure). */
export function retryDelayMs(attemptsMade: number): number {
  const index = Math.min(Math.max(attemptsMade, 1), RETRY_DELAYS_MS.length) - 1;
  return RETRY_DELAYS_MS[index];
}

/** What nodemailer puts on its errors (SMTP reply code, failing command, error code such as ECONNREFUSED). */
interface SmtpErrorFields {
  message: string;
  code?: unknown;
  responseCode?: unknown;
  command?: unknown;
}

/** Duck-typed, not `instanceof Error`: errors from another realm (Node internals under Jest's VM) fail that test. */
function asError(error: unknown): SmtpErrorFields | undefined {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    ? (error as SmtpErrorFields)
    : undefined;
}

/**
 * A failure that retrying cannot fix: the server refused the recipient with a 5xx reply (no such mailbox, invalid
 * address). Everything else — connection refused, timeouts, 4xx replies, a refused sender or login (configuration,
 * which an operator fixes) — is retried.
 */
export function isPermanentFailure(error: unknown): boolean {
  const { responseCode, command } = asError(error) ?? {};
  return typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600 && command === 'RCPT TO';
}

export const MAX_ERROR_LENGTH = 300;

/**
 * A short, log- and database-safe description of a send failure: code, SMTP reply and message, with credentials in
 * URLs removed, email addresses masked and whitespace collapsed.
 */
export function describeSendError(error: unknown): string {
  let summary: string;
  const err = asError(error);
  if (err) {
    const prefix = [err.code, err.responseCode].filter((v) => typeof v === 'string' || typeof v === 'number').join(' ');
    summary = prefix ? `${prefix}: ${err.message}` : err.message;
  } else {
    summary = 'unknown error';
  }
  summary = maskEmailAddresses(summary)
    .replace(/(\w+:\/\/)[^\s/@]*@/g, '$1***@')
    .replace(/\s+/g, ' ')
    .trim();
  return summary.length > MAX_ERROR_LENGTH ? `${summary.slice(0, MAX_ERROR_LENGTH - 1)}…` : summary;
}
