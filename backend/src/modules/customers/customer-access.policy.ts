import { Inject, Injectable, Optional } from '@nestjs/common';
import type { Principal } from '../../common/auth/principal';
import { CustomerErrors } from './customers.errors';

/**
 * Who may read which customer accounts (docs/customers-api.md, "Who may see what"). Every customer route asks this
 * policy before it looks anything up, so a refusal never depends on whether the customer exists.
 *
 * - staff `admin`: every operator's customers, personal fields shown;
 * - staff `operator`: the customers of the operator it is bound to, personal fields shown;
 * - staff `viewer`: none (the routes already refuse the role; the policy refuses too);
 * - API client with `customer-account:read` and an operator: that operator's customers, personal fields masked
 *   unless it also holds `customer-account:pii`.
 *
 * Beyond the operator rule, `CustomerGrantSource`s may admit single customers (issue 7: accounts linked by a
 * confirmed link to one of the caller's operator's accounts; `AccountLinkGrants`, registered in customers.module.ts).
 */

/** The operators whose customers a principal reaches, and whether it sees personal fields unmasked. */
export interface CustomerReach {
  operators: 'all' | readonly [string];
  pii: boolean;
}

/** How a read was allowed: by the operator rule, or by a grant source for this one customer. */
export interface CustomerAccessGrant {
  pii: boolean;
  basis: 'all-operators' | 'own-operator' | 'grant';
}

/**
 * What a read is for. Grant sources widen access to **records** only (issue 7: a linked account's purchases,
 * concessions and usages — "and nothing else of operator B"); a profile needs the operator rule.
 */
export type CustomerReadKind = 'profile' | 'records';

/** A customer a request is about: the operator from the path and the operator's customer id. */
export interface CustomerRef {
  operatorId: string;
  customerId: string;
}

/**
 * Admits single customers the operator rule does not (e.g. accounts linked to the caller's). Must answer the same
 * for an unknown customer as for one it does not grant, and must only widen access for principals that have a
 * `CustomerReach` (never viewers).
 */
export interface CustomerGrantSource {
  grants(principal: Principal, customer: CustomerRef): Promise<boolean>;
}

/**
 * Injection token for the grant sources, an array, e.g.
 * `{ provide: CUSTOMER_GRANT_SOURCES, useFactory: (links: LinkGrants) => [links], inject: [LinkGrants] }`.
 */
export const CUSTOMER_GRANT_SOURCES = Symbol('CUSTOMER_GRANT_SOURCES');

/** The customers a principal may reach by the operator rule; null = none at all. Pure. */
export function customerReachOf(principal: Principal): CustomerReach | null {
  if (principal.kind === 'user') {
    const { role, operatorId } = principal.user;
    switch (role) {
      case 'admin':
        return { operators: 'all', pii: true };
      case 'operator':
        return operatorId ? { operators: [operatorId], pii: true } : null;
      case 'viewer':
        return null;
    }
  }
  const { scopes, operatorId } = principal.client;
  if (!scopes.includes('customer-account:read') || !operatorId) return null;
  return { operators: [operatorId], pii: scopes.includes('customer-account:pii') };
}

/** The operator rule for one operator: the grant, or null when the operator is out of reach. Pure. */
export function operatorGrant(reach: CustomerReach | null, operatorId: string): CustomerAccessGrant | null {
  if (!reach) return null;
  if (reach.operators === 'all') return { pii: reach.pii, basis: 'all-operators' };
  return reach.operators[0] === operatorId ? { pii: reach.pii, basis: 'own-operator' } : null;
}

@Injectable()
export class CustomerAccessPolicy {
  private readonly grantSources: readonly CustomerGrantSource[];

  constructor(@Optional() @Inject(CUSTOMER_GRANT_SOURCES) grantSources?: CustomerGrantSource[]) {
    this.grantSources = grantSources ?? [];
  }

  /**
   * May `principal` read this customer's profile or records? Throws 403 CUSTOMER_ACCESS_DENIED when not. Grant
   * sources are asked for records only.
   */
  async authorizeCustomer(
    principal: Principal,
    customer: CustomerRef,
    what: CustomerReadKind,
  ): Promise<CustomerAccessGrant> {
    const reach = customerReachOf(principal);
    const grant = operatorGrant(reach, customer.operatorId);
    if (grant) return grant;
    if (reach && what === 'records') {
      for (const source of this.grantSources) {
        if (await source.grants(principal, customer)) return { pii: reach.pii, basis: 'grant' };
      }
    }
    throw CustomerErrors.accessDenied();
  }

  /**
   * The operators a customer search may cover. `operatorId` given: that one, if reachable. Omitted: every operator
   * ('all'), which only principals reaching all operators may ask for. Throws 403 CUSTOMER_ACCESS_DENIED otherwise.
   */
  authorizeSearch(principal: Principal, operatorId: string | undefined): { operators: 'all' | [string]; pii: boolean } {
    const reach = customerReachOf(principal);
    if (operatorId === undefined) {
      if (reach?.operators === 'all') return { operators: 'all', pii: reach.pii };
      throw CustomerErrors.accessDenied();
    }
    const grant = operatorGrant(reach, operatorId);
    if (!grant) throw CustomerErrors.accessDenied();
    return { operators: [operatorId], pii: grant.pii };
  }
}
