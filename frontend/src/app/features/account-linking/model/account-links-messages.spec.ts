import { describe, expect, it } from 'vitest';

import { type ApiError } from '../../../core/http/api-error';
import {
  isLinkNotFound,
  linkActionErrorMessage,
  linkRequestErrorMessage,
  linkedRecordsErrorMessage,
  waitInWords,
} from './account-links-messages';

function anError(code: string, status: number, extra: Partial<ApiError> = {}): ApiError {
  return { status, code, message: '', ...extra };
}

describe('account-linking messages', () => {
  it.each([
    [1, 'in 1 second'],
    [45, 'in 45 seconds'],
    [60, 'in 1 minute'],
    [61, 'in 2 minutes'],
    [599, 'in 10 minutes'],
    [3600, 'in 1 hour'],
    [3660, 'in 1 hour 1 minute'],
    [7500, 'in 2 hours 5 minutes'],
  ])('words a wait of %i seconds as "%s"', (seconds, words) => {
    expect(waitInWords(seconds)).toBe(words);
  });

  it('says a link exists, and where to see it', () => {
    expect(linkRequestErrorMessage(anError('LINK_EXISTS', 409))).toBe(
      'These two accounts already have a pending or confirmed link: see the Linked accounts tab.',
    );
  });

  it('gives the wait of the daily request limit from Retry-After', () => {
    expect(linkRequestErrorMessage(anError('LINK_REQUEST_LIMIT', 429, { retryAfterSeconds: 7200 }))).toBe(
      'This account has been asked to link too often today (5 requests a day). Try again in 2 hours.',
    );
    expect(linkRequestErrorMessage(anError('LINK_REQUEST_LIMIT', 429))).toContain('Try again later.');
  });

  it.each([
    ['SAME_OPERATOR', 400, 'same operator'],
    ['OPERATOR_NOT_HOSTED', 400, 'not kept here'],
    ['CUSTOMER_ACCESS_DENIED', 403, 'not allowed'],
    ['VALIDATION_FAILED', 400, 'customer ID'],
    ['NETWORK_ERROR', 0, 'could not be reached'],
  ])('words %s for the Link account dialog', (code, status, words) => {
    expect(linkRequestErrorMessage(anError(code, status))).toContain(words);
  });

  it('says how long the resend cooldown has left', () => {
    expect(linkActionErrorMessage(anError('LINK_RESEND_COOLDOWN', 429, { retryAfterSeconds: 420 }))).toBe(
      'The confirmation email was sent less than 10 minutes ago. You can send it again in 7 minutes.',
    );
    expect(linkActionErrorMessage(anError('LINK_RESEND_LIMIT', 429, { retryAfterSeconds: 30 }))).toContain(
      'Try again in 30 seconds.',
    );
  });

  it('words the refusals of revoke and resend', () => {
    expect(linkActionErrorMessage(anError('LINK_NOT_ACTIVE', 409))).toBe(
      'This link is already declined, expired or revoked.',
    );
    expect(linkActionErrorMessage(anError('LINK_NOT_PENDING', 409))).toContain('no longer waiting');
  });

  it('says why linked records cannot be shown', () => {
    expect(linkedRecordsErrorMessage(anError('LINK_NOT_CONFIRMED', 409))).toBe(
      "This link is not confirmed, so the linked account's records cannot be read.",
    );
  });

  it('treats an unknown id and a malformed one as "no such link"', () => {
    expect(isLinkNotFound(anError('LINK_NOT_FOUND', 404))).toBe(true);
    expect(isLinkNotFound(anError('VALIDATION_FAILED', 400))).toBe(true);
    expect(isLinkNotFound(anError('NETWORK_ERROR', 0))).toBe(false);
    expect(isLinkNotFound(null)).toBe(false);
  });
});
