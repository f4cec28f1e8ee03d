import type { UserRole, UserStatus } from '../../modules/users/entities/user.entity';
import type { ApiScope } from './scopes';

/** The signed-in staff member, as the auth guard loaded it for this request (never the entity: no hashes). */
export interface AuthenticatedUser {
  id: string;
  email: string;
  displayName: string;
  role: UserRole;
  operatorId: string | null;
  status: UserStatus;
}

/** The application calling with an API key. */
export interface AuthenticatedApiClient {
  id: string;
  name: string;
  keyPrefix: string;
  scopes: ApiScope[];
  operatorId: string | null;
  /** Requests per UTC day this client may make; null or absent: THROTTLE_CLIENT_PER_DAY. */
  dailyLimit?: number | null;
}

/** Who is calling: set on `request.principal` by the global auth guard, read with `@CurrentPrincipal()`. */
export type Principal =
  { kind: 'user'; user: AuthenticatedUser; sessionId: string } | { kind: 'apiClient'; client: AuthenticatedApiClient };

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the global auth guard on every non-public route. */
    principal?: Principal;
  }
}
