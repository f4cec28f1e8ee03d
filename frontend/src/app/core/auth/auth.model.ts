/** Types of the auth API contract (docs/auth-api.md). */

export const ROLES = ['admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type UserStatus = 'active' | 'disabled';

export interface UserDto {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly operatorId: string | null;
  readonly status: UserStatus;
  readonly verifiedAt: string | null;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
}

export interface SessionDto {
  readonly accessToken: string;
  /** Lifetime of the access token in seconds. */
  readonly expiresIn: number;
  readonly user: UserDto;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
}

export interface Credentials {
  readonly email: string;
  readonly password: string;
}

export interface RegisterRequest {
  readonly email: string;
  readonly displayName: string;
  readonly password: string;
}

export interface ChangePasswordRequest {
  readonly currentPassword: string;
  readonly newPassword: string;
}

export interface MessageResponse {
  readonly message: string;
}

/** Why a session ended; the login page words its message after it. */
export type SessionEndReason = 'signed-out' | 'signed-out-everywhere' | 'expired';

export const SESSION_END_REASONS: readonly SessionEndReason[] = ['signed-out', 'signed-out-everywhere', 'expired'];

export interface SessionEnd {
  readonly reason: SessionEndReason;
  /** Increases with every end, so that two equal reasons in a row are still two events. */
  readonly sequence: number;
}

/** Minimum password length (the backend enforces it too; no other composition rules). */
export const MIN_PASSWORD_LENGTH = 12;
