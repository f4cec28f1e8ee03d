import type { Principal } from '../../common/auth/principal';

/** Who made a change: a staff user (with the role they acted in) or an API client. */
export interface DomainEventActor {
  kind: Principal['kind'];
  id: string;
  /** The staff user's role at the time; null for API clients. */
  role: string | null;
}

export type DomainEntity = 'operator' | 'mode';
export type DomainEventType = `${DomainEntity}.${'created' | 'updated' | 'deleted'}`;

/**
 * A change to stored data, published after the transaction that made it committed. `before` is null for a
 * creation, `after` null for a deletion; both are the entity's public (DTO) shape, never internal columns.
 * The audit module will store these; today anyone may listen with `@OnEvent(DOMAIN_EVENT_PATTERN)`.
 */
export interface DomainEvent<T = unknown> {
  type: DomainEventType;
  actor: DomainEventActor;
  entity: DomainEntity;
  entityId: string;
  before: T | null;
  after: T | null;
  /** ISO 8601 UTC. */
  at: string;
}

/** Event names are the event types (`operator.updated`); listen to all with this wildcard-free list or per type. */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'operator.created',
  'operator.updated',
  'operator.deleted',
  'mode.created',
  'mode.updated',
  'mode.deleted',
];

export function actorOf(principal: Principal): DomainEventActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.user.id, role: principal.user.role }
    : { kind: 'apiClient', id: principal.client.id, role: null };
}
