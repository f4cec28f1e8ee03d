import { HttpErrorResponse } from '@angular/common/http';

import { IP_BLOCKED, IP_BLOCKED_MESSAGE, RATE_LIMITED, rateLimitedMessage } from './refusal-messages';

/**
 * An API failure in the common error body shape `{ statusCode, code, message, details?, requestId }`
 * (docs/auth-api.md). Network failures and non-JSON answers are folded into the same shape with the
 * codes `NETWORK_ERROR` and `UNKNOWN_ERROR`, so pages map one vocabulary to messages.
 */
export interface ApiError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: unknown;
  readonly requestId?: string;
  /** A 429's `Retry-After`, in whole seconds, when the server sent one. */
  readonly retryAfterSeconds?: number;
}

export const NETWORK_ERROR = 'NETWORK_ERROR';
export const UNKNOWN_ERROR = 'UNKNOWN_ERROR';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `Retry-After` as whole seconds (the delay form; an HTTP date is turned into the seconds left). */
function retryAfterSeconds(error: HttpErrorResponse): number | undefined {
  const value = error.headers?.get('Retry-After')?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Normalises anything an HTTP call can throw into an {@link ApiError}. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return { status: 0, code: NETWORK_ERROR, message: 'The server could not be reached.' };
    }
    const body: unknown = error.error;
    if (isRecord(body) && typeof body['code'] === 'string') {
      const retryAfter = error.status === 429 ? retryAfterSeconds(error) : undefined;
      return {
        status: error.status,
        code: body['code'],
        message: typeof body['message'] === 'string' ? body['message'] : '',
        details: body['details'],
        requestId: typeof body['requestId'] === 'string' ? body['requestId'] : undefined,
        ...(retryAfter === undefined ? {} : { retryAfterSeconds: retryAfter }),
      };
    }
    return { status: error.status, code: UNKNOWN_ERROR, message: error.statusText };
  }
  return { status: 0, code: UNKNOWN_ERROR, message: error instanceof Error ? error.message : '' };
}

/** The API's error code of an HTTP failure, or null when the failure carries none. */
export function apiErrorCode(error: unknown): string | null {
  const apiError = toApiError(error);
  return apiError.code === NETWORK_ERROR || apiError.code === UNKNOWN_ERROR ? null : apiError.code;
}

/** Messages for failures that are not specific to one form. */
export function genericErrorMessage(error: ApiError): string {
  if (error.code === NETWORK_ERROR) {
    return 'The server could not be reached. Check your connection and try again.';
  }
  if (error.code === 'FORBIDDEN') {
    return 'You are not allowed to do this.';
  }
  if (error.code === 'VALIDATION_FAILED') {
    return error.message ? `Please check the form: ${error.message}` : 'Please check the form and try again.';
  }
  if (error.code === RATE_LIMITED) {
    return rateLimitedMessage(error);
  }
  if (error.code === IP_BLOCKED) {
    return IP_BLOCKED_MESSAGE;
  }
  if (error.status === 429) {
    return 'Too many requests. Wait a moment and try again.';
  }
  if (error.status === 503) {
    return 'The service is briefly unavailable. Try again in a few seconds.';
  }
  return 'Something went wrong. Please try again.';
}
