import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';

/**
 * Error codes of the account-linking module (docs/account-linking-api.md). Caller scoping reuses the customers
 * module's `CUSTOMER_ACCESS_DENIED`, `CUSTOMER_NOT_FOUND` and `OPERATOR_NOT_FOUND` (customers.errors.ts).
 */
export const AccountLinkErrorCode = {
  SAME_OPERATOR: 'SAME_OPERATOR',
  OPERATOR_NOT_HOSTED: 'OPERATOR_NOT_HOSTED',
  LINK_EXISTS: 'LINK_EXISTS',
  LINK_NOT_FOUND: 'LINK_NOT_FOUND',
  LINK_NOT_CONFIRMED: 'LINK_NOT_CONFIRMED',
  LINK_NOT_PENDING: 'LINK_NOT_PENDING',
  LINK_NOT_ACTIVE: 'LINK_NOT_ACTIVE',
  LINK_REQUEST_LIMIT: 'LINK_REQUEST_LIMIT',
  LINK_RESEND_COOLDOWN: 'LINK_RESEND_COOLDOWN',
  LINK_RESEND_LIMIT: 'LINK_RESEND_LIMIT',
  LINK_TOKEN_UNKNOWN: 'LINK_TOKEN_UNKNOWN',
  LINK_TOKEN_EXPIRED: 'LINK_TOKEN_EXPIRED',
  LINK_TOKEN_SUPERSEDED: 'LINK_TOKEN_SUPERSEDED',
  LINK_ALREADY_CONFIRMED: 'LINK_ALREADY_CONFIRMED',
  LINK_ALREADY_DECLINED: 'LINK_ALREADY_DECLINED',
} as const;
export type AccountLinkErrorCode = (typeof AccountLinkErrorCode)[keyof typeof AccountLinkErrorCode];

/** A 429 with `Retry-After` in whole seconds (at least 1). */
const tooMany = (code: AccountLinkErrorCode, message: string, retryAfterMs: number) => {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return new AppError(code, HttpStatus.TOO_MANY_REQUESTS, message, undefined, {
    headers: { 'Retry-After': String(seconds) },
  });
};

export const AccountLinkErrors = {
  sameOperator: () =>
    new AppError(
      AccountLinkErrorCode.SAME_OPERATOR,
      HttpStatus.BAD_REQUEST,
      'Both accounts belong to the same operator; a link joins accounts at two different operators',
    ),
  operatorNotHosted: (operatorId: string) =>
    new AppError(
      AccountLinkErrorCode.OPERATOR_NOT_HOSTED,
      HttpStatus.BAD_REQUEST,
      `Operator ${operatorId} has no customer accounts hosted here`,
    ),
  linkExists: () =>
    new AppError(
      AccountLinkErrorCode.LINK_EXISTS,
      HttpStatus.CONFLICT,
      'These two accounts already have a pending or confirmed link',
    ),
  /** Unknown id, or a link the caller may not see: the same answer. */
  notFound: () => new AppError(AccountLinkErrorCode.LINK_NOT_FOUND, HttpStatus.NOT_FOUND, 'No such account link'),
  notConfirmed: () =>
    new AppError(
      AccountLinkErrorCode.LINK_NOT_CONFIRMED,
      HttpStatus.CONFLICT,
      "The link is not confirmed: the linked account's records cannot be read",
    ),
  notPending: () =>
    new AppError(AccountLinkErrorCode.LINK_NOT_PENDING, HttpStatus.CONFLICT, 'Only a pending link can be sent again'),
  notActive: () =>
    new AppError(
      AccountLinkErrorCode.LINK_NOT_ACTIVE,
      HttpStatus.CONFLICT,
      'Only a pending or confirmed link can be revoked',
    ),
  requestLimit: (retryAfterMs: number) =>
    tooMany(
      AccountLinkErrorCode.LINK_REQUEST_LIMIT,
      'Too many link requests to this account today; try again later',
      retryAfterMs,
    ),
  resendCooldown: (retryAfterMs: number) =>
    tooMany(
      AccountLinkErrorCode.LINK_RESEND_COOLDOWN,
      'The confirmation email was sent moments ago; wait before sending it again',
      retryAfterMs,
    ),
  resendLimit: (retryAfterMs: number) =>
    tooMany(
      AccountLinkErrorCode.LINK_RESEND_LIMIT,
      'The confirmation email to this account was sent again too often today; try again later',
      retryAfterMs,
    ),
  tokenUnknown: () =>
    new AppError(AccountLinkErrorCode.LINK_TOKEN_UNKNOWN, HttpStatus.NOT_FOUND, 'This confirmation link is not valid'),
  tokenExpired: () =>
    new AppError(AccountLinkErrorCode.LINK_TOKEN_EXPIRED, HttpStatus.GONE, 'This confirmation link has expired'),
  tokenSuperseded: () =>
    new AppError(
      AccountLinkErrorCode.LINK_TOKEN_SUPERSEDED,
      HttpStatus.GONE,
      'This confirmation link was replaced by a newer one or withdrawn',
    ),
  alreadyConfirmed: () =>
    new AppError(
      AccountLinkErrorCode.LINK_ALREADY_CONFIRMED,
      HttpStatus.CONFLICT,
      'This link has already been confirmed',
    ),
  alreadyDeclined: () =>
    new AppError(
      AccountLinkErrorCode.LINK_ALREADY_DECLINED,
      HttpStatus.CONFLICT,
      'This link has already been declined',
    ),
};
