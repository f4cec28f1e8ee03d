import { TestBed } from '@angular/core/testing';

import { AuthStore } from '../app/core/auth/auth-store';
import { type Role, type SessionDto, type UserDto } from '../app/core/auth/auth.model';

/** Small factories with overridable defaults for auth test data. */
export function aUser(overrides: Partial<UserDto> = {}): UserDto {
  return {
    id: 'user-1',
    email: 'ada@example.org',
    displayName: 'Ada Lovelace',
    role: 'viewer',
    operatorId: null,
    status: 'active',
    verifiedAt: '2026-01-02T10:00:00.000Z',
    createdAt: '2026-01-01T10:00:00.000Z',
    lastLoginAt: null,
    ...overrides,
  };
}

export function aSession(overrides: Partial<SessionDto> = {}, user: Partial<UserDto> = {}): SessionDto {
  return { accessToken: 'access-token-1', expiresIn: 900, user: aUser(user), ...overrides };
}

/** An API error body in the common shape. */
export function anApiError(code: string, statusCode: number, message = ''): Record<string, unknown> {
  return { statusCode, code, message, requestId: 'req-1' };
}

/** Starts a session in the test's AuthStore, as a login would. */
export function signInAs(role: Role, user: Partial<UserDto> = {}): SessionDto {
  const session = aSession({}, { role, ...(role === 'operator' ? { operatorId: 'op-1' } : {}), ...user });
  TestBed.inject(AuthStore).applySession(session);
  return session;
}
