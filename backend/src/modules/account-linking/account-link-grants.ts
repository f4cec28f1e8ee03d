import { Injectable } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import type { CustomerGrantSource, CustomerRef } from '../customers/customer-access.policy';
import type { AccountLinkActor } from '../events/domain-events';
import { actorOf } from '../events/domain-events';
import { DomainEventsService } from '../events/domain-events.service';
import { publishStep } from './account-link-events';
import { AccountLinksRepository } from './account-links.repository';

/**
 * The OTI exchange (docs/account-linking-api.md): admits an API client of operator X holding `customer-account:read`
 * to one customer of another operator when a **confirmed** link joins that customer with one of X's accounts (either
 * direction). Registered with the customers module's CustomerAccessPolicy as a CustomerGrantSource.
 *
 * Staff users are never admitted this way (they read linked records through `/api/v1/account-links/{id}/…`). Nothing
 * is cached: every call reads the link, so a revocation ends access on the next request. An unknown customer and a
 * customer without such a link get the same answer (false).
 */
@Injectable()
export class AccountLinkGrants implements CustomerGrantSource {
  constructor(
    private readonly links: AccountLinksRepository,
    private readonly events: DomainEventsService,
  ) {}

  async grants(principal: Principal, customer: CustomerRef): Promise<boolean> {
    if (principal.kind !== 'apiClient') return false;
    const { scopes, operatorId } = principal.client;
    if (!operatorId || !scopes.includes('customer-account:read') || operatorId === customer.operatorId) return false;
    const link = await this.links.findConfirmedLinkBetween(operatorId, customer);
    if (!link) return false;
    const readEnd =
      link.targetOperatorId === customer.operatorId && link.targetCustomerId === customer.customerId
        ? 'target'
        : 'source';
    const actor: AccountLinkActor = actorOf(principal);
    publishStep(this.events, 'data-read', actor, link, { channel: 'customer-routes', readEnd });
    return true;
  }
}
