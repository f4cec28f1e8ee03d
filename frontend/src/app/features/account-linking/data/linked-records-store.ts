import { Injectable, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { onSessionEnd } from '../../../core/auth/session-cleanup';
import { type RecordsQuery } from '../../customers/model/customer-records-query';
import { type CustomerRecords } from '../../customers/model/customers.model';
import { type AccountLinkDto } from '../model/account-links.model';
import { AccountLinksClient } from './account-links-client';
import { resourceError } from './account-links-store';

interface RecordsRequest {
  readonly id: string;
  readonly query: RecordsQuery;
}

/**
 * One link and a page of the linked account's records, for the linked records page. Provided by the page, so every
 * visit asks the server afresh: a revoked link is refused on the next visit.
 */
@Injectable()
export class LinkedRecordsStore {
  private readonly client = inject(AccountLinksClient);

  private readonly linkId = signal<string | undefined>(undefined);
  private readonly linkResource = rxResource({
    params: () => this.linkId(),
    stream: ({ params }) => this.client.get(params),
  });

  private readonly recordsRequest = signal<RecordsRequest | undefined>(undefined, {
    equal: (a, b) => a?.id === b?.id && JSON.stringify(a?.query) === JSON.stringify(b?.query),
  });
  private readonly recordsResource = rxResource({
    params: () => this.recordsRequest(),
    stream: ({ params }) => this.client.records(params.id, params.query),
  });

  readonly link = computed<AccountLinkDto | null>(() =>
    this.linkResource.hasValue() ? this.linkResource.value() : null,
  );
  readonly linkError = computed(() => resourceError(this.linkResource.error()));

  /** The records asked for last, once loaded, with the request they answer. */
  readonly records = computed<(RecordsRequest & { readonly records: CustomerRecords }) | null>(() => {
    const request = this.recordsRequest();
    return request && this.recordsResource.hasValue() ? { ...request, records: this.recordsResource.value() } : null;
  });
  readonly recordsLoading = this.recordsResource.isLoading;
  readonly recordsError = computed(() => resourceError(this.recordsResource.error()));

  constructor() {
    onSessionEnd(() => {
      this.linkId.set(undefined);
      this.recordsRequest.set(undefined);
    });
  }

  /** Loads the link `id` and one page of its records (undefined query: no records). */
  load(id: string | undefined, query: RecordsQuery | undefined): void {
    this.linkId.set(id);
    this.recordsRequest.set(id && query ? { id, query } : undefined);
  }

  reloadLink(): void {
    this.linkResource.reload();
  }

  reloadRecords(): void {
    this.recordsResource.reload();
  }
}
