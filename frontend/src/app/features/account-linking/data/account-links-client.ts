import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import { type RecordsQuery } from '../../customers/model/customer-records-query';
import {
  type ConcessionDto,
  type CustomerRecords,
  type PurchaseDto,
  RECORD_PAGE_SIZE,
  type RecordPage,
  type UsageDto,
} from '../../customers/model/customers.model';
import { type AccountLinkAcceptedDto, type AccountLinkDto, type LinkEndInput } from '../model/account-links.model';

export const ACCOUNT_LINKS_URL = '/api/v1/account-links';

export function accountLinkUrl(id: string): string {
  return `${ACCOUNT_LINKS_URL}/${encodeURIComponent(id)}`;
}

/** HTTP for the staff side of account linking (`/api/v1/account-links`). */
@Injectable({ providedIn: 'root' })
export class AccountLinksClient {
  private readonly http = inject(HttpClient);

  /** Asks the owner of `target` to confirm by email; 202 with the same answer whether or not `target` exists. */
  request(source: LinkEndInput, target: LinkEndInput): Observable<AccountLinkAcceptedDto> {
    return this.http.post<AccountLinkAcceptedDto>(ACCOUNT_LINKS_URL, {
      source: { operatorId: source.operatorId, customerId: source.customerId },
      target: { operatorId: target.operatorId, customerId: target.customerId },
    });
  }

  /** The links of one account (as source or target), newest first. */
  list(account: LinkEndInput): Observable<AccountLinkDto[]> {
    const params = new HttpParams().set('operatorId', account.operatorId).set('customerId', account.customerId);
    return this.http.get<AccountLinkDto[]>(ACCOUNT_LINKS_URL, { params });
  }

  get(id: string): Observable<AccountLinkDto> {
    return this.http.get<AccountLinkDto>(accountLinkUrl(id));
  }

  /** One page of the linked account's records of one kind, within the query's date window (confirmed links only). */
  records(id: string, query: RecordsQuery): Observable<CustomerRecords> {
    let params = new HttpParams();
    if (query.from) {
      params = params.set('from', query.from);
    }
    if (query.to) {
      params = params.set('to', query.to);
    }
    params = params.set('page', query.page).set('pageSize', RECORD_PAGE_SIZE);
    const url = `${accountLinkUrl(id)}/${query.tab}`;
    switch (query.tab) {
      case 'purchases':
        return this.http
          .get<RecordPage<PurchaseDto>>(url, { params })
          .pipe(map((page): CustomerRecords => ({ kind: 'purchases', page })));
      case 'concessions':
        return this.http
          .get<RecordPage<ConcessionDto>>(url, { params })
          .pipe(map((page): CustomerRecords => ({ kind: 'concessions', page })));
      case 'usages':
        return this.http
          .get<RecordPage<UsageDto>>(url, { params })
          .pipe(map((page): CustomerRecords => ({ kind: 'usages', page })));
    }
  }

  revoke(id: string): Observable<void> {
    return this.http.delete<void>(accountLinkUrl(id));
  }

  /** Sends the confirmation email again with a new link (the old one stops working). */
  resend(id: string): Observable<AccountLinkAcceptedDto> {
    return this.http.post<AccountLinkAcceptedDto>(`${accountLinkUrl(id)}/resend`, null);
  }
}
