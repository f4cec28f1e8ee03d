import { type Role, type UserStatus } from '../../../core/auth/auth.model';

export const SCOPES = [
  'operator-info:read',
  'customer-account:read',
  'customer-account:pii',
  'account-linking:write',
] as const;
export type Scope = (typeof SCOPES)[number];

/** Scopes that read one operator's customers: the client must be bound to that operator. */
export const OPERATOR_BOUND_SCOPES: readonly Scope[] = ['customer-account:read', 'customer-account:pii'];

export interface ApiClientDto {
  readonly id: string;
  readonly name: string;
  readonly keyPrefix: string;
  readonly scopes: readonly Scope[];
  readonly operatorId: string | null;
  readonly expiresAt: string | null;
  readonly revokedAt: string | null;
  /** Requests per UTC day; null: the server's default for API clients. */
  readonly dailyLimit: number | null;
  readonly lastUsedAt: string | null;
  readonly createdAt: string;
}

export interface CreateApiClientRequest {
  readonly name: string;
  readonly scopes: readonly Scope[];
  readonly operatorId?: string;
  readonly expiresAt?: string;
  readonly dailyLimit?: number;
}

/** PATCH /api/v1/api-clients/{id}: the client's daily request budget (null: back to the default). */
export interface UpdateApiClientRequest {
  readonly dailyLimit: number | null;
}

/** The largest daily budget the API accepts for one client. */
export const MAX_DAILY_LIMIT = 10_000_000;

export interface CreatedApiClient {
  readonly client: ApiClientDto;
  /** The full key: returned once, never again. */
  readonly key: string;
}

export interface InviteUserRequest {
  readonly email: string;
  readonly displayName: string;
  readonly role: Role;
  readonly operatorId?: string;
}

export interface UpdateUserRequest {
  readonly role?: Role;
  readonly operatorId?: string | null;
  readonly displayName?: string;
  readonly status?: UserStatus;
}

export interface UsersQuery {
  /** 1-based page number. */
  readonly page: number;
  readonly pageSize: number;
  readonly q: string;
}
