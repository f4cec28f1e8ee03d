import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { EMPTY, type Observable, expand, map, reduce } from 'rxjs';

import { type Page } from '../../../core/auth/auth.model';
import { queryToolContext } from '../../../core/query-tool/query-source';
import { type RecordsQuery } from '../model/customer-records-query';
import {
  type ConcessionDto,
  type CustomerDto,
  type CustomerRecords,
  type CustomerSearchPage,
  type HostedOperator,
  type PurchaseDto,
  RECORD_PAGE_SIZE,
  type RecordPage,
  SEARCH_PAGE_SIZE,
  type UsageDto,
} from '../model/customers.model';

export const CUSTOMERS_URL = '/api/v1/customers';
export const OPERATORS_URL = '/api/v1/operators';
/** The largest page `GET /operators` gives. */
export const OPERATORS_PAGE_SIZE = 100;

/** One search request: the operator ('' = all), the term and the cursor of the page (null: the first). */
export interface CustomerSearchRequest {
  readonly operatorId: string;
  readonly q: string;
  readonly cursor: string | null;
}

/** The customer whose profile and records are asked for. */
export interface CustomerKey {
  readonly operatorId: string;
  readonly customerId: string;
}

/** The fields of `OperatorDto` this feature reads (`accountsHosted` marks the operators served here). */
interface OperatorListItem {
  readonly id: string;
  readonly name: string;
  readonly accountsHosted?: boolean;
}

export function customerUrl(key: CustomerKey): string {
  return `${OPERATORS_URL}/${encodeURIComponent(key.operatorId)}/customers/${encodeURIComponent(key.customerId)}`;
}

/**
 * HTTP for the staff customers API (`/api/v1/customers`, `/api/v1/operators/{id}/customers/…`). The search, the
 * profile and the records are the customer pages' queries, recorded in the user's history
 * (`X-Query-Source: query-tool`); the hosted operators are a look-up and are not.
 */
@Injectable({ providedIn: 'root' })
export class CustomersClient {
  private readonly http = inject(HttpClient);

  search(request: CustomerSearchRequest): Observable<CustomerSearchPage> {
    let params = new HttpParams();
    if (request.operatorId) {
      params = params.set('operatorId', request.operatorId);
    }
    params = params.set('q', request.q.trim()).set('pageSize', SEARCH_PAGE_SIZE);
    if (request.cursor) {
      params = params.set('cursor', request.cursor);
    }
    return this.http.get<CustomerSearchPage>(CUSTOMERS_URL, { params, context: queryToolContext() });
  }

  profile(key: CustomerKey): Observable<CustomerDto> {
    return this.http.get<CustomerDto>(customerUrl(key), { context: queryToolContext() });
  }

  /** One page of one kind of record, within the query's date window. */
  records(key: CustomerKey, query: RecordsQuery): Observable<CustomerRecords> {
    let params = new HttpParams();
    if (query.from) {
      params = params.set('from', query.from);
    }
    if (query.to) {
      params = params.set('to', query.to);
    }
    params = params.set('page', query.page).set('pageSize', RECORD_PAGE_SIZE);
    const url = `${customerUrl(key)}/${query.tab}`;
    const options = { params, context: queryToolContext() };
    switch (query.tab) {
      case 'purchases':
        return this.http
          .get<RecordPage<PurchaseDto>>(url, options)
          .pipe(map((page): CustomerRecords => ({ kind: 'purchases', page })));
      case 'concessions':
        return this.http
          .get<RecordPage<ConcessionDto>>(url, options)
          .pipe(map((page): CustomerRecords => ({ kind: 'concessions', page })));
      case 'usages':
        return this.http
          .get<RecordPage<UsageDto>>(url, options)
          .pipe(map((page): CustomerRecords => ({ kind: 'usages', page })));
    }
  }

  /** The operators whose customer accounts are kept here, by name (every page of `GET /operators`). */
  hostedOperators(): Observable<HostedOperator[]> {
    const page = (number: number): Observable<Page<OperatorListItem>> =>
      this.http.get<Page<OperatorListItem>>(OPERATORS_URL, {
        params: new HttpParams().set('sort', 'name').set('page', number).set('pageSize', OPERATORS_PAGE_SIZE),
      });
    return page(1).pipe(
      expand((answer) =>
        answer.items.length > 0 && answer.page * answer.pageSize < answer.total ? page(answer.page + 1) : EMPTY,
      ),
      reduce<Page<OperatorListItem>, HostedOperator[]>(
        (hosted, answer) => [
          ...hosted,
          ...answer.items.filter((item) => item.accountsHosted === true).map(({ id, name }) => ({ id, name })),
        ],
        [],
      ),
    );
  }
}
