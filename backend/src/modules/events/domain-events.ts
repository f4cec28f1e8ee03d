import type { Principal } from '../../common/auth/principal';

/** Who made a change: a staff user (with the role they acted in) or an API client. */
export interface DomainEventActor {
  kind: Principal['kind'];
  id: string;
  /** The staff user's role at the time; null for API clients. */
  role: string | null;
}

export type DomainEntity = 'operator' | 'mode';
/** Events about a change to stored data (DomainEvent). */
export type ChangeEventType = `${DomainEntity}.${'created' | 'updated' | 'deleted'}`;
/** Events about a read of personal data (CustomerAccessedEvent). */
export type AccessEventType = 'customer.accessed';
/** Events about the steps of an account link (AccountLinkEvent). */
export const ACCOUNT_LINK_STEPS = [
  'requested',
  'emailed',
  'previewed',
  'confirmed',
  'declined',
  'expired',
  'revoked',
  'resent',
  'data-read',
] as const;
export type AccountLinkStep = (typeof ACCOUNT_LINK_STEPS)[number];
export type AccountLinkEventType = `account-link.${AccountLinkStep}`;
export type DomainEventType = ChangeEventType | AccessEventType | AccountLinkEventType;

/**
 * A change to stored data, published after the transaction that made it committed. `before` is null for a
 * creation, `after` null for a deletion; both are the entity's public (DTO) shape, never internal columns.
 * The audit module will store these; today anyone may listen with `@OnEvent(type)` for each of DOMAIN_EVENT_TYPES.
 */
export interface DomainEvent<T = unknown> {
  type: ChangeEventType;
  actor: DomainEventActor;
  entity: DomainEntity;
  entityId: string;
  before: T | null;
  after: T | null;
  /** ISO 8601 UTC. */
  at: string;
}

/** What a customer read returned: a profile, one kind of records, or a page of search hits. */
export type CustomerAccessKind = 'profile' | 'purchases' | 'concessions' | 'usages' | 'search';

/**
 * A read of customer data (profile, records or search), published after the answer was built, for the audit module.
 * Says who read which customer's what, through which face; it carries no personal data itself.
 */
export interface CustomerAccessedEvent {
  type: AccessEventType;
  actor: DomainEventActor;
  /** The operator in the request: the profile's or records' operator; for a search the one searched, or null (all). */
  operatorId: string | null;
  /** The customer read; null for a search (see `customers`). */
  customerId: string | null;
  what: CustomerAccessKind;
  /** Top-level fields of what was returned (API names), e.g. ['name', 'email', 'phone', …] for a profile. */
  fields: string[];
  /** Whether personal fields were masked (API clients without `customer-account:pii`). */
  piiMasked: boolean;
  /** `oti`: the OTI customer-account face; `staff`: the staff API. */
  channel: 'oti' | 'staff';
  /** Records: how many were returned. Search: how many customers. Profile: 1. */
  count: number;
  /** Search only: the customers returned, in order. */
  customers?: { operatorId: string; customerId: string }[];
  /** ISO 8601 UTC. */
  at: string;
}

/**
 * Who took a step of an account link: a staff user or an API client; `link-token` for the public steps (someone
 * holding the emailed link: preview, confirm, decline); `system` for the expiry clean-up.
 */
export type AccountLinkActor = DomainEventActor | { kind: 'link-token' | 'system'; id: null; role: null };

/**
 * A step of an account link (docs/account-linking-api.md, "Events"), published after the change committed. Never
 * carries a token, an email address or a name: the link id and the two ends (operator and customer id) only.
 */
export interface AccountLinkEvent {
  type: AccountLinkEventType;
  actor: AccountLinkActor;
  linkId: string;
  source: { operatorId: string; customerId: string };
  target: { operatorId: string; customerId: string };
  /** `emailed`: whose address on file the email went to. */
  recipient?: 'target-owner' | 'source-owner';
  /**
   * `data-read`: `link-routes` — `/api/v1/account-links/{id}/…` (staff); `customer-routes` — the customers module's
   * routes (the OTI customer-account face), where this confirmed link admitted an API client of the other operator.
   */
  channel?: 'customer-routes' | 'link-routes';
  /** `data-read` on the staff routes: which records of the other account, and how many were returned. */
  what?: 'purchases' | 'concessions' | 'usages';
  count?: number;
  /** `data-read`: the end whose records were read. */
  readEnd?: 'source' | 'target';
  /** ISO 8601 UTC. */
  at: string;
}

/** Any published domain event. */
export type AnyDomainEvent = DomainEvent | CustomerAccessedEvent | AccountLinkEvent;

/** Event names are the event types (`operator.updated`); listen to all with this wildcard-free list or per type. */
export const DOMAIN_EVENT_TYPES: readonly DomainEventType[] = [
  'operator.created',
  'operator.updated',
  'operator.deleted',
  'mode.created',
  'mode.updated',
  'mode.deleted',
  'customer.accessed',
  ...ACCOUNT_LINK_STEPS.map((step): AccountLinkEventType => `account-link.${step}`),
];

export function actorOf(principal: Principal): DomainEventActor {
  return principal.kind === 'user'
    ? { kind: 'user', id: principal.user.id, role: principal.user.role }
    : { kind: 'apiClient', id: principal.client.id, role: null };
}
