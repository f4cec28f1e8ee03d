import type { DomainEventActor } from './domain-events';

/**
 * Events about sign-in, sessions, staff accounts and API clients, for the audit log (docs/security.md, "Audit log").
 * Published by the auth, users and api-clients services after what they report has happened.
 */
export const SECURITY_EVENT_TYPES = [
  'auth.login-succeeded',
  'auth.login-failed',
  'auth.login-locked',
  'auth.login-ip-blocked',
  'auth.logout',
  'auth.logout-all',
  'auth.refresh-token-reused',
  'auth.password-changed',
  'auth.password-reset',
  'auth.invitation-accepted',
  'auth.email-verified',
  'auth.registered',
  'user.invited',
  'user.updated',
  'api-client.created',
  'api-client.updated',
  'api-client.revoked',
] as const;
export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];

/** What a security event is about: a staff account or an API client. */
export type SecurityEntity = 'user' | 'api-client';

/**
 * A security event. `actor` is who acted: the signed-in user or API client, the user who just signed in, or null for
 * an anonymous caller (a failed sign-in, a refresh token presented again, someone holding an emailed link). `entityId`
 * is null when there is no such account (a failed sign-in for an unknown email). Never carries a password, a token,
 * a key or an email address in `details` (an email is named by its SHA-256, as the login throttle does);
 * `before`/`after` are the API's DTOs.
 */
export interface SecurityEvent<T = unknown> {
  type: SecurityEventType;
  actor: DomainEventActor | null;
  entity: SecurityEntity;
  entityId: string | null;
  before: T | null;
  after: T | null;
  details: Record<string, unknown> | null;
  /** ISO 8601 UTC. */
  at: string;
}
