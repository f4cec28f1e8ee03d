import { HttpStatus } from '@nestjs/common';
import { AppError } from '../../common/errors/app-error';

/** The `WWW-Authenticate` challenge sent with every 401 of the API. */
export const WWW_AUTHENTICATE = 'Bearer realm="oth"';

function unauthorized(code: string, message: string, challenge = WWW_AUTHENTICATE): AppError {
  return new AppError(code, HttpStatus.UNAUTHORIZED, message, undefined, {
    headers: { 'WWW-Authenticate': challenge },
  });
}

function minutes(seconds: number): string {
  const n = Math.max(1, Math.ceil(seconds / 60));
  return n === 1 ? '1 minute' : `${n} minutes`;
}

export const AuthErrorCode = {
  INVALID_CREDENTIALS: 'INVALID_CREDENTIALS',
  ACCOUNT_LOCKED: 'ACCOUNT_LOCKED',
  TOO_MANY_ATTEMPTS: 'TOO_MANY_ATTEMPTS',
  EMAIL_NOT_VERIFIED: 'EMAIL_NOT_VERIFIED',
  ACCOUNT_DISABLED: 'ACCOUNT_DISABLED',
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  SESSION_EXPIRED: 'SESSION_EXPIRED',
  REFRESH_TOKEN_INVALID: 'REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'REFRESH_TOKEN_REUSED',
  FORBIDDEN: 'FORBIDDEN',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TOKEN_USED: 'TOKEN_USED',
  PASSWORD_TOO_COMMON: 'PASSWORD_TOO_COMMON',
  CURRENT_PASSWORD_WRONG: 'CURRENT_PASSWORD_WRONG',
} as const;

export const AuthErrors = {
  invalidCredentials: () =>
    new AppError(AuthErrorCode.INVALID_CREDENTIALS, HttpStatus.UNAUTHORIZED, 'Invalid email or password'),
  accountLocked: (retryAfterSeconds: number) =>
    new AppError(
      AuthErrorCode.ACCOUNT_LOCKED,
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-in attempts. Try again in ${minutes(retryAfterSeconds)}.`,
      undefined,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      AuthErrorCode.TOO_MANY_ATTEMPTS,
      HttpStatus.TOO_MANY_REQUESTS,
      `Too many failed sign-in attempts from your network. Try again in ${minutes(retryAfterSeconds)}.`,
      undefined,
      { headers: { 'Retry-After': String(retryAfterSeconds) } },
    ),
  emailNotVerified: () =>
    new AppError(
      AuthErrorCode.EMAIL_NOT_VERIFIED,
      HttpStatus.FORBIDDEN,
      'Verify your email address first: follow the link in the email we sent you',
    ),
  accountDisabled: () => new AppError(AuthErrorCode.ACCOUNT_DISABLED, HttpStatus.FORBIDDEN, 'This account is disabled'),
  unauthenticated: (message = 'Sign in, or send a valid access token or API key') =>
    unauthorized(AuthErrorCode.UNAUTHENTICATED, message),
  sessionExpired: () =>
    unauthorized(
      AuthErrorCode.SESSION_EXPIRED,
      'Your session has ended; sign in again',
      `${WWW_AUTHENTICATE}, error="invalid_token"`,
    ),
  refreshTokenInvalid: () =>
    unauthorized(AuthErrorCode.REFRESH_TOKEN_INVALID, 'No valid session to refresh; sign in again'),
  refreshTokenReused: () =>
    unauthorized(
      AuthErrorCode.REFRESH_TOKEN_REUSED,
      'This session was ended because an old refresh token was used again; sign in again',
    ),
  forbidden: (message = 'You are not allowed to do this') =>
    new AppError(AuthErrorCode.FORBIDDEN, HttpStatus.FORBIDDEN, message),
  tokenInvalid: () => new AppError(AuthErrorCode.TOKEN_INVALID, HttpStatus.BAD_REQUEST, 'This link is not valid'),
  tokenExpired: () =>
    new AppError(AuthErrorCode.TOKEN_EXPIRED, HttpStatus.GONE, 'This link has expired; ask for a new one'),
  tokenUsed: () => new AppError(AuthErrorCode.TOKEN_USED, HttpStatus.CONFLICT, 'This link has already been used'),
  passwordTooCommon: () =>
    new AppError(
      AuthErrorCode.PASSWORD_TOO_COMMON,
      HttpStatus.BAD_REQUEST,
      'This password is too common; choose another one',
      [{ field: 'password', constraint: 'notCommon', message: 'password is among the most common passwords' }],
    ),
  currentPasswordWrong: () =>
    new AppError(AuthErrorCode.CURRENT_PASSWORD_WRONG, HttpStatus.BAD_REQUEST, 'The current password is wrong'),
};
