import type { AccountLinkActor, AccountLinkStep } from '../events/domain-events';
import type { DomainEventsService } from '../events/domain-events.service';
import type { RecordKind } from '../customers/customers.repository';
import type { AccountLink } from './entities/account-link.entity';

/** The expiry clean-up (and a request that finds an expired link in its way) acts as `system`. */
export const SYSTEM_ACTOR: AccountLinkActor = { kind: 'system', id: null, role: null };
/** The public steps are taken by whoever holds the emailed link: the target account's owner. */
export const LINK_TOKEN_ACTOR: AccountLinkActor = { kind: 'link-token', id: null, role: null };

export interface StepDetails {
  recipient?: 'target-owner' | 'source-owner';
  channel?: 'customer-routes' | 'link-routes';
  what?: RecordKind;
  count?: number;
  readEnd?: 'source' | 'target';
}

/** Both ends of a link as operator and customer id. */
export function endsOf(link: AccountLink) {
  return {
    source: { operatorId: link.sourceOperatorId, customerId: link.sourceCustomerId },
    target: { operatorId: link.targetOperatorId, customerId: link.targetCustomerId },
  };
}

/** Publishes `account-link.<step>` with the link's id and both ends (never its token). */
export function publishStep(
  events: DomainEventsService,
  step: AccountLinkStep,
  actor: AccountLinkActor,
  link: AccountLink,
  details: StepDetails = {},
): void {
  events.publishAccountLink({ type: `account-link.${step}`, actor, linkId: link.id, ...endsOf(link), ...details });
}
