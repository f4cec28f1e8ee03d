import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';
import { SESSION_END_REASONS, type SessionEndReason } from '../../../core/auth/auth.model';

export const LOGIN_MESSAGES = {
  INVALID_CREDENTIALS: 'Invalid email or password.',
  ACCOUNT_LOCKED: 'Too many failed sign-in attempts. Try again in 15 minutes.',
  EMAIL_NOT_VERIFIED: 'Please verify your email address first — check your inbox.',
  ACCOUNT_DISABLED: 'This account has been disabled. Contact an administrator.',
  TOO_MANY_ATTEMPTS: 'Too many sign-in attempts from your network. Wait a few minutes and try again.',
} as const;

export const PASSWORD_TOO_COMMON_MESSAGE = 'This password is too common. Choose another.';

/** What the login page says about a failed sign-in. */
export function loginErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return LOGIN_MESSAGES.INVALID_CREDENTIALS;
    case 'ACCOUNT_LOCKED':
      // The server words the lock-out (it knows the duration); fall back to the contract's text.
      return error.message.trim() || LOGIN_MESSAGES.ACCOUNT_LOCKED;
    case 'EMAIL_NOT_VERIFIED':
      return LOGIN_MESSAGES.EMAIL_NOT_VERIFIED;
    case 'ACCOUNT_DISABLED':
      return LOGIN_MESSAGES.ACCOUNT_DISABLED;
    case 'TOO_MANY_ATTEMPTS':
      return LOGIN_MESSAGES.TOO_MANY_ATTEMPTS;
    default:
      return genericErrorMessage(error);
  }
}

/** Failures of register, reset-password and accept-invitation that concern the chosen password. */
export function passwordErrorMessage(error: ApiError): string | null {
  return error.code === 'PASSWORD_TOO_COMMON' ? PASSWORD_TOO_COMMON_MESSAGE : null;
}

export type TokenPurpose = 'verify-email' | 'reset-password' | 'invitation';
export type TokenErrorCode = 'TOKEN_EXPIRED' | 'TOKEN_USED' | 'TOKEN_INVALID';

const TOKEN_MESSAGES: Record<TokenPurpose, Record<TokenErrorCode, string>> = {
  'verify-email': {
    TOKEN_EXPIRED: 'This verification link has expired. Register again with the same email address to get a new one.',
    TOKEN_USED: 'This verification link has already been used. If your address is verified, you can sign in.',
    TOKEN_INVALID: 'This verification link is not valid. Check that you opened the whole link from the email.',
  },
  'reset-password': {
    TOKEN_EXPIRED: 'This password reset link has expired. Request a new one.',
    TOKEN_USED: 'This password reset link has already been used. Request a new one if you still need it.',
    TOKEN_INVALID: 'This password reset link is not valid. Check that you opened the whole link, or request a new one.',
  },
  invitation: {
    TOKEN_EXPIRED: 'This invitation has expired. Ask an administrator to invite you again.',
    TOKEN_USED: 'This invitation has already been used. Sign in with the password you chose.',
    TOKEN_INVALID: 'This invitation link is not valid. Check that you opened the whole link from the email.',
  },
};

export function isTokenErrorCode(code: string): code is TokenErrorCode {
  return code === 'TOKEN_EXPIRED' || code === 'TOKEN_USED' || code === 'TOKEN_INVALID';
}

/** The message for an emailed link that was refused (each code has its own text), or null for other errors. */
export function tokenErrorMessage(purpose: TokenPurpose, code: string): string | null {
  return isTokenErrorCode(code) ? TOKEN_MESSAGES[purpose][code] : null;
}

const SESSION_END_MESSAGES: Record<SessionEndReason, string> = {
  'signed-out': 'You have signed out.',
  'signed-out-everywhere': 'You have signed out on all your devices.',
  expired: 'Your session has ended. Please sign in again.',
};

/** The login page's notice for `?reason=…` (null for an unknown or missing reason). */
export function sessionEndMessage(reason: string | null | undefined): string | null {
  const known = SESSION_END_REASONS.find((candidate) => candidate === reason);
  return known ? SESSION_END_MESSAGES[known] : null;
}
