import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import {
  aCustomer,
  aCustomerSummary,
  aPurchase,
  aRecordPage,
  aSearchPage,
  aUsage,
} from '../../../../testing/customer-fixtures';
import { QUERY_SOURCE_HEADER, querySourceInterceptor } from '../../../core/query-tool/query-source';
import { CUSTOMERS_URL, CustomersClient, OPERATORS_URL } from './customers-client';

describe('CustomersClient', () => {
  let client: CustomersClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([querySourceInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(CustomersClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('searches one operator with the trimmed term, the page size and the cursor', async () => {
    const answer = firstValueFrom(client.search({ operatorId: '029', q: ' byron ', cursor: 'abc+/=' }));
    const request = http.expectOne((req) => req.url === CUSTOMERS_URL);
    expect(request.request.params.get('operatorId')).toBe('029');
    expect(request.request.params.get('q')).toBe('byron');
    expect(request.request.params.get('pageSize')).toBe('20');
    expect(request.request.params.get('cursor')).toBe('abc+/=');
    // An opaque cursor must reach the server intact: '+' is escaped, or it would arrive as a space.
    expect(request.request.urlWithParams).toContain('cursor=abc%2B/=');
    request.flush(aSearchPage([aCustomerSummary()], { nextCursor: 'next' }));
    expect((await answer).nextCursor).toBe('next');
  });

  it('searches every operator on the first page without operatorId or cursor', () => {
    void firstValueFrom(client.search({ operatorId: '', q: 'ada', cursor: null }));
    http.expectOne(`${CUSTOMERS_URL}?q=ada&pageSize=20`).flush(aSearchPage([]));
  });

  it("reads a customer's profile under its operator, encoding the ids", async () => {
    const answer = firstValueFrom(client.profile({ operatorId: '029', customerId: 'C 1/2' }));
    http.expectOne(`${OPERATORS_URL}/029/customers/C%201%2F2`).flush(aCustomer());
    expect((await answer).name).toBe('Ada Byron');
  });

  it('reads one page of one kind of record within the date window, tagged with its kind', async () => {
    const purchases = firstValueFrom(
      client.records(
        { operatorId: '029', customerId: 'C000003' },
        { tab: 'purchases', from: '2026-10-01', to: '2026-10-31', page: 2 },
      ),
    );
    http
      .expectOne(`${OPERATORS_URL}/029/customers/C000003/purchases?from=2026-10-01&to=2026-10-31&page=2&pageSize=20`)
      .flush(aRecordPage([aPurchase()], { total: 21, page: 2 }));
    expect(await purchases).toEqual({ kind: 'purchases', page: aRecordPage([aPurchase()], { total: 21, page: 2 }) });

    const usages = firstValueFrom(
      client.records({ operatorId: '029', customerId: 'C000003' }, { tab: 'usages', from: '', to: '', page: 1 }),
    );
    http.expectOne(`${OPERATORS_URL}/029/customers/C000003/usages?page=1&pageSize=20`).flush(aRecordPage([aUsage()]));
    expect((await usages).kind).toBe('usages');
  });

  it('lists the hosted operators only, across every page of the directory', async () => {
    const answer = firstValueFrom(client.hostedOperators());
    const first = http.expectOne(`${OPERATORS_URL}?sort=name&page=1&pageSize=100`);
    first.flush({
      items: [
        { id: '029', name: 'PSD Buses', accountsHosted: true },
        { id: '019', name: 'ScotRail', accountsHosted: false },
      ],
      total: 101,
      page: 1,
      pageSize: 100,
    });
    http
      .expectOne(`${OPERATORS_URL}?sort=name&page=2&pageSize=100`)
      .flush({ items: [{ id: '030', name: 'PSD Ferries', accountsHosted: true }], total: 101, page: 2, pageSize: 100 });
    expect(await answer).toEqual([
      { id: '029', name: 'PSD Buses' },
      { id: '030', name: 'PSD Ferries' },
    ]);
  });

  it("marks the search, the profile and the records as the query tool's, so the server records them", () => {
    const key = { operatorId: '029', customerId: 'C000003' };
    void firstValueFrom(client.search({ operatorId: '', q: 'smith', cursor: null }));
    void firstValueFrom(client.profile(key));
    void firstValueFrom(client.records(key, { tab: 'concessions', from: '', to: '', page: 1 }));
    const requests = http.match(() => true);
    expect(requests.map((request) => request.request.url)).toEqual([
      CUSTOMERS_URL,
      `${OPERATORS_URL}/029/customers/C000003`,
      `${OPERATORS_URL}/029/customers/C000003/concessions`,
    ]);
    expect(requests.map((request) => request.request.headers.get(QUERY_SOURCE_HEADER))).toEqual([
      'query-tool',
      'query-tool',
      'query-tool',
    ]);
  });

  it('leaves the operator picker (the hosted operators) unmarked', () => {
    void firstValueFrom(client.hostedOperators());
    const request = http.expectOne(`${OPERATORS_URL}?sort=name&page=1&pageSize=100`);
    expect(request.request.headers.has(QUERY_SOURCE_HEADER)).toBe(false);
    request.flush({ items: [], total: 0, page: 1, pageSize: 100 });
  });
});
