import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';
import { CommonErrors } from '../../common/errors/common.errors';
import type { ThrottleOutcome } from './throttling/budget';

export const SecurityErrorCode = {
  RATE_LIMITED: 'RATE_LIMITED',
  IP_BLOCKED: 'IP_BLOCKED',
  INVALID_IP_RANGE: 'INVALID_IP_RANGE',
  IP_BLOCK_NOT_FOUND: 'IP_BLOCK_NOT_FOUND',
  IP_ALLOW_NOT_FOUND: 'IP_ALLOW_NOT_FOUND',
  IP_BLOCK_EXISTS: 'IP_BLOCK_EXISTS',
  IP_ALLOW_EXISTS: 'IP_ALLOW_EXISTS',
  IP_BLOCK_SELF: 'IP_BLOCK_SELF',
} as const;

/** The message of IP_BLOCKED (also built without an AppError, by the request hook). */
export const IP_BLOCKED_MESSAGE = 'Requests from your network address are blocked';

function per(seconds: number): string {
  switch (seconds) {
    case 60:
      return 'per minute';
    case 3600:
      return 'per hour';
    case 86_400:
      return 'per day';
    default:
      return `per ${seconds} seconds`;
  }
}

function inTime(seconds: number): string {
  if (seconds < 120) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  if (seconds < 7200) return `${Math.ceil(seconds / 60)} minutes`;
  return `${Math.ceil(seconds / 3600)} hours`;
}

export const SecurityErrors = {
  /**
   * 429 with `Retry-After` (the RateLimit-* headers are already on the reply). `details[0].constraint` names the
   * window that ran out (`minute`, `hour`, `day`), so a client can tell a short pause from a spent daily quota.
   */
  rateLimited: (outcome: ThrottleOutcome) => {
    const { limit, window, resetSeconds } = outcome.shown;
    return new AppError(
      SecurityErrorCode.RATE_LIMITED,
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many requests: the limit of ${limit} ${per(window.seconds)} is used up. Try again in ${inTime(resetSeconds)}.`,
      [{ constraint: window.name, message: `${limit} requests ${per(window.seconds)}` }],
      { headers: { 'Retry-After': String(resetSeconds) } },
    );
  },
  invalidRange: (message: string) =>
    new AppError(SecurityErrorCode.INVALID_IP_RANGE, HttpStatus.BAD_REQUEST, message, [
      { field: 'range', constraint: 'ipRange', message },
    ]),
  blockNotFound: () => new AppError(SecurityErrorCode.IP_BLOCK_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such IP block'),
  allowNotFound: () =>
    new AppError(SecurityErrorCode.IP_ALLOW_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such allowlist entry'),
  blockExists: (range: string) =>
    new AppError(SecurityErrorCode.IP_BLOCK_EXISTS, HttpStatus.CONFLICT, `${range} is already blocked`),
  allowExists: (range: string) =>
    new AppError(SecurityErrorCode.IP_ALLOW_EXISTS, HttpStatus.CONFLICT, `${range} is already on the allowlist`),
  blockSelf: (range: string) =>
    new AppError(
      SecurityErrorCode.IP_BLOCK_SELF,
      HttpStatus.CONFLICT,
      `${range} contains the address you are calling from; blocking it would lock you out`,
    ),
  expiryInPast: () =>
    CommonErrors.validationFailed([
      { field: 'expiresAt', constraint: 'inFuture', message: 'expiresAt must be in the future' },
    ]),
};
