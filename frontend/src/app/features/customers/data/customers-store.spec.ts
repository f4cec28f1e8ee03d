import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../../testing/auth-fixtures';
import {
  aCustomer,
  aCustomerSummary,
  aPurchase,
  aRecordPage,
  aSearchPage,
} from '../../../../testing/customer-fixtures';
import { SessionCleanup } from '../../../core/auth/session-cleanup';
import { QUERY_TOOL_REQUEST } from '../../../core/query-tool/query-source';
import { CUSTOMERS_URL, OPERATORS_URL } from './customers-client';
import { CustomersStore } from './customers-store';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

const KEY = { operatorId: '029', customerId: 'C000003' };
const PROFILE_URL = `${OPERATORS_URL}/029/customers/C000003`;

describe('CustomersStore', () => {
  let store: CustomersStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(CustomersStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('asks for the page of the last cursor of the trail, and keeps the results for an equal search', async () => {
    store.search({ operatorId: '029', q: 'byron', cursors: ['c1', 'c2'] });
    TestBed.tick();
    expect(store.resultsLoading()).toBe(true);
    http
      .expectOne(`${CUSTOMERS_URL}?operatorId=029&q=byron&pageSize=20&cursor=c2`)
      .flush(aSearchPage([aCustomerSummary()], { nextCursor: 'c3' }));
    await settle();
    expect(store.results().map((customer) => customer.name)).toEqual(['Ada Byron']);
    expect(store.nextCursor()).toBe('c3');

    store.search({ operatorId: '029', q: 'byron ', cursors: ['c1', 'c2'] });
    TestBed.tick();
    http.expectNone((request) => request.url === CUSTOMERS_URL);
  });

  it('exposes a refused search as an API error', async () => {
    store.search({ operatorId: '', q: 'byron', cursors: ['bad'] });
    TestBed.tick();
    http
      .expectOne((request) => request.url === CUSTOMERS_URL)
      .flush(anApiError('INVALID_CURSOR', 400), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(store.resultsError()?.code).toBe('INVALID_CURSOR');
    expect(store.results()).toEqual([]);
  });

  it('loads a profile and records, and tags the records with the request they answer', async () => {
    store.selectCustomer(KEY);
    store.loadRecords(KEY, { tab: 'purchases', from: '2026-10-01', to: '', page: 1 });
    TestBed.tick();
    http.expectOne(PROFILE_URL).flush(aCustomer());
    http
      .expectOne(`${PROFILE_URL}/purchases?from=2026-10-01&page=1&pageSize=20`)
      .flush(aRecordPage([aPurchase()], { total: 1 }));
    await settle();

    expect(store.customer()?.name).toBe('Ada Byron');
    expect(store.records()?.query.from).toBe('2026-10-01');
    expect(store.records()?.records.kind).toBe('purchases');

    // The same customer again: nothing is fetched twice.
    store.selectCustomer({ ...KEY });
    TestBed.tick();
    http.expectNone(PROFILE_URL);
  });

  it('asks again for the same search, profile and records when the run is fresh (from History or Favourites)', async () => {
    const search = { operatorId: '029', q: 'byron', cursors: [] };
    const window = { tab: 'usages', from: '', to: '', page: 1 } as const;
    store.search(search);
    store.selectCustomer(KEY);
    store.loadRecords(KEY, window);
    TestBed.tick();
    http.expectOne((request) => request.url === CUSTOMERS_URL).flush(aSearchPage([aCustomerSummary()]));
    http.expectOne(PROFILE_URL).flush(aCustomer());
    http.expectOne(`${PROFILE_URL}/usages?page=1&pageSize=20`).flush(aRecordPage([]));
    await settle();

    store.search({ ...search }, { fresh: true });
    store.selectCustomer({ ...KEY }, { fresh: true });
    store.loadRecords({ ...KEY }, { ...window }, { fresh: true });
    TestBed.tick();
    const requests = [
      http.expectOne((request) => request.url === CUSTOMERS_URL),
      http.expectOne(PROFILE_URL),
      http.expectOne(`${PROFILE_URL}/usages?page=1&pageSize=20`),
    ];
    expect(requests.map((request) => request.request.context.get(QUERY_TOOL_REQUEST))).toEqual([true, true, true]);
    requests[0]?.flush(aSearchPage([aCustomerSummary()]));
    requests[1]?.flush(aCustomer({ name: 'Ada King' }));
    requests[2]?.flush(aRecordPage([]));
    await settle();
    expect(store.customer()?.name).toBe('Ada King');
  });

  it('forgets every customer when the session ends', async () => {
    store.search({ operatorId: '', q: 'byron', cursors: [] });
    store.selectCustomer(KEY);
    TestBed.tick();
    http.expectOne((request) => request.url === CUSTOMERS_URL).flush(aSearchPage([aCustomerSummary()]));
    http.expectOne(PROFILE_URL).flush(aCustomer());
    await settle();
    expect(store.customer()).not.toBeNull();

    TestBed.inject(SessionCleanup).run();
    await settle();
    expect(store.results()).toEqual([]);
    expect(store.customer()).toBeNull();
    expect(store.currentSearch()).toBeUndefined();
  });
});
