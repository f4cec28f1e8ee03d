import { HttpErrorResponse, HttpHeaders } from '@angular/common/http';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { toApiError } from './api-error';

const BODY = { statusCode: 429, code: 'LINK_RESEND_COOLDOWN', message: 'Wait', requestId: 'req-1' };

function tooMany(retryAfter?: string): HttpErrorResponse {
  return new HttpErrorResponse({
    status: 429,
    error: BODY,
    headers: retryAfter === undefined ? new HttpHeaders() : new HttpHeaders({ 'Retry-After': retryAfter }),
  });
}

describe('toApiError', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps the body of the common error shape', () => {
    expect(toApiError(tooMany())).toEqual({
      status: 429,
      code: 'LINK_RESEND_COOLDOWN',
      message: 'Wait',
      details: undefined,
      requestId: 'req-1',
    });
  });

  it("reads a 429's Retry-After in seconds", () => {
    expect(toApiError(tooMany('420')).retryAfterSeconds).toBe(420);
  });

  it('turns a Retry-After date into the seconds left', () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-05-01T10:00:00Z'));
    expect(toApiError(tooMany('Fri, 01 May 2026 10:02:00 GMT')).retryAfterSeconds).toBe(120);
  });

  it('ignores an unreadable Retry-After', () => {
    expect(toApiError(tooMany('soon')).retryAfterSeconds).toBeUndefined();
  });

  it('folds network failures into NETWORK_ERROR', () => {
    expect(toApiError(new HttpErrorResponse({ status: 0 })).code).toBe('NETWORK_ERROR');
  });
});
