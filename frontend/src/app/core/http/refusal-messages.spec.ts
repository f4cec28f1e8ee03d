import { describe, expect, it } from 'vitest';

import { type ApiError, genericErrorMessage } from './api-error';
import { rateLimitedMessage, waitInWords } from './refusal-messages';

const NOW = Date.parse('2026-05-01T10:00:00.000Z');
const CLOCK = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' });

function rateLimited(constraint: string, limit: string, retryAfterSeconds?: number): ApiError {
  return {
    status: 429,
    code: 'RATE_LIMITED',
    message: 'Too many requests',
    details: [{ constraint, message: limit }],
    ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
  };
}

describe('waitInWords', () => {
  it.each([
    [0, '1 second'],
    [1, '1 second'],
    [42, '42 seconds'],
    [89, '89 seconds'],
    [90, '2 minutes'],
    [600, '10 minutes'],
    [5399, '90 minutes'],
    [5400, '2 hours'],
    [7 * 3600 - 1, '7 hours'],
  ])('%i s → %s', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });
});

describe('rateLimitedMessage', () => {
  it('says a spent daily quota, how long until it renews and at what time', () => {
    expect(rateLimitedMessage(rateLimited('day', '5000 requests per day', 6 * 3600), NOW)).toBe(
      `Your daily request quota is used up (5000 requests per day). It renews in 6 hours, at ${CLOCK.format(NOW + 6 * 3_600_000)}.`,
    );
  });

  it('says a short burst needs a pause, with the wait', () => {
    expect(rateLimitedMessage(rateLimited('minute', '120 requests per minute', 42), NOW)).toBe(
      'Too many requests (120 requests per minute). Try again in 42 seconds.',
    );
  });

  it('falls back to words without a Retry-After', () => {
    expect(rateLimitedMessage(rateLimited('day', '5000 requests per day'), NOW)).toBe(
      'Your daily request quota is used up (5000 requests per day). It renews at midnight UTC.',
    );
    expect(rateLimitedMessage({ status: 429, code: 'RATE_LIMITED', message: '' }, NOW)).toBe(
      'Too many requests. Wait a moment and try again.',
    );
  });
});

describe('genericErrorMessage for refusals', () => {
  it('words RATE_LIMITED with its wait instead of a generic error', () => {
    expect(genericErrorMessage(rateLimited('minute', '120 requests per minute', 30))).toBe(
      'Too many requests (120 requests per minute). Try again in 30 seconds.',
    );
  });

  it('says a blocked address plainly', () => {
    expect(genericErrorMessage({ status: 403, code: 'IP_BLOCKED', message: 'Requests from your network…' })).toBe(
      'Requests from your network address are blocked. If you think this is a mistake, contact an administrator.',
    );
  });

  it('says a database outage (503 DATABASE_UNAVAILABLE) is brief, not that something broke', () => {
    expect(genericErrorMessage({ status: 503, code: 'DATABASE_UNAVAILABLE', message: 'The database is not…' })).toBe(
      'The service is briefly unavailable. Try again in a few seconds.',
    );
  });
});
