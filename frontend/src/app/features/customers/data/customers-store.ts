import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { type ApiError, toApiError } from '../../../core/http/api-error';
import { type RecordsQuery } from '../model/customer-records-query';
import { type CustomerSearchQuery, sameSearch } from '../model/customer-search-query';
import {
  type CustomerDto,
  type CustomerRecords,
  type CustomerSummaryDto,
  type HostedOperator,
} from '../model/customers.model';
import { type CustomerKey, CustomersClient } from './customers-client';

function resourceError(error: Error | undefined): ApiError | null {
  return error ? toApiError((error as { cause?: unknown }).cause ?? error) : null;
}

function sameKey(a: CustomerKey | undefined, b: CustomerKey | undefined): boolean {
  return a?.operatorId === b?.operatorId && a?.customerId === b?.customerId;
}

interface RecordsRequest {
  readonly key: CustomerKey;
  readonly query: RecordsQuery;
}

function sameRecordsQuery(a: RecordsRequest | undefined, b: RecordsRequest | undefined): boolean {
  return JSON.stringify(a?.query) === JSON.stringify(b?.query);
}

/** `fresh`: a run from History or Favourites, which asks the API again even for the data already shown. */
interface FreshOption {
  readonly fresh?: boolean;
}

/**
 * Customer data as the pages see it: the current search's page, one customer's profile, one page of its records and
 * the hosted operators. Root-level so that Back from a customer shows the results at once; everything is dropped when
 * the session ends, so no one sees the previous user's customers.
 */
@Injectable({ providedIn: 'root' })
export class CustomersStore {
  private readonly client = inject(CustomersClient);

  private readonly searchQuery = signal<CustomerSearchQuery | undefined>(undefined);
  private readonly searchResource = rxResource({
    params: () => this.searchQuery(),
    stream: ({ params }) =>
      this.client.search({ operatorId: params.operatorId, q: params.q, cursor: params.cursors.at(-1) ?? null }),
  });

  private readonly customerKey = signal<CustomerKey | undefined>(undefined, { equal: sameKey });
  private readonly profileResource = rxResource({
    params: () => this.customerKey(),
    stream: ({ params }) => this.client.profile(params),
  });

  private readonly recordsRequest = signal<RecordsRequest | undefined>(undefined, {
    equal: (a, b) => sameKey(a?.key, b?.key) && sameRecordsQuery(a, b),
  });
  private readonly recordsResource = rxResource({
    params: () => this.recordsRequest(),
    stream: ({ params }) => this.client.records(params.key, params.query),
  });

  private readonly operatorsWanted = signal(false);
  private readonly operatorsResource = rxResource({
    params: () => (this.operatorsWanted() ? true : undefined),
    stream: () => this.client.hostedOperators(),
  });

  /** The search whose results are shown (undefined before the first). */
  readonly currentSearch = this.searchQuery.asReadonly();
  readonly results = computed<readonly CustomerSummaryDto[]>(() =>
    this.searchResource.hasValue() ? this.searchResource.value().items : [],
  );
  readonly nextCursor = computed(() =>
    this.searchResource.hasValue() ? this.searchResource.value().nextCursor : null,
  );
  readonly resultsLoaded = computed(() => this.searchResource.hasValue());
  readonly resultsLoading = this.searchResource.isLoading;
  readonly resultsError = computed(() => resourceError(this.searchResource.error()));

  /** The profile of the selected customer, once loaded. */
  readonly customer = computed<CustomerDto | null>(() =>
    this.profileResource.hasValue() ? this.profileResource.value() : null,
  );
  readonly customerLoading = this.profileResource.isLoading;
  readonly customerError = computed(() => resourceError(this.profileResource.error()));

  /** The records asked for last, once loaded, with the request they answer. */
  readonly records = computed<(RecordsRequest & { readonly records: CustomerRecords }) | null>(() => {
    const request = this.recordsRequest();
    return request && this.recordsResource.hasValue() ? { ...request, records: this.recordsResource.value() } : null;
  });
  readonly recordsLoading = this.recordsResource.isLoading;
  readonly recordsError = computed(() => resourceError(this.recordsResource.error()));

  readonly operators = computed<readonly HostedOperator[]>(() =>
    this.operatorsResource.hasValue() ? this.operatorsResource.value() : [],
  );
  readonly operatorsError = computed(() => resourceError(this.operatorsResource.error()));

  constructor() {
    onSessionEnd(() => this.reset());
  }

  /**
   * Shows the results of `query` (undefined: none); an equal query keeps the results already loaded, unless `fresh`
   * (a run from History or Favourites) asks the API again.
   */
  search(query: CustomerSearchQuery | undefined, options: FreshOption = {}): void {
    const current = this.searchQuery();
    if (!query || !current || !sameSearch(current, query) || options.fresh) {
      this.searchQuery.set(query ? { ...query } : query);
    }
  }

  reloadResults(): void {
    this.searchResource.reload();
  }

  /** Loads the profile of `key` (undefined: none); the same customer keeps the profile already loaded, unless `fresh`. */
  selectCustomer(key: CustomerKey | undefined, options: FreshOption = {}): void {
    if (options.fresh && key && sameKey(key, this.customerKey())) {
      this.profileResource.reload();
    } else {
      this.customerKey.set(key);
    }
  }

  reloadCustomer(): void {
    this.profileResource.reload();
  }

  /** Loads one page of records (undefined: none); the same page keeps the records already loaded, unless `fresh`. */
  loadRecords(key: CustomerKey | undefined, query?: RecordsQuery, options: FreshOption = {}): void {
    const request = key && query ? { key, query } : undefined;
    const current = this.recordsRequest();
    if (options.fresh && request && current && sameKey(request.key, current.key) && sameRecordsQuery(request, current)) {
      this.recordsResource.reload();
    } else {
      this.recordsRequest.set(request);
    }
  }

  reloadRecords(): void {
    this.recordsResource.reload();
  }

  /** Loads the hosted operators once; later calls keep them. */
  loadOperators(): void {
    this.operatorsWanted.set(true);
  }

  reloadOperators(): void {
    this.operatorsResource.reload();
  }

  /** Forgets everything loaded (run when the session ends). */
  reset(): void {
    this.searchQuery.set(undefined);
    this.customerKey.set(undefined);
    this.recordsRequest.set(undefined);
    this.operatorsWanted.set(false);
  }
}
