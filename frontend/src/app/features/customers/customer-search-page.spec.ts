import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { aCustomerSummary, aSearchPage } from '../../../testing/customer-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { aFavourite } from '../../../testing/query-fixtures';
import { typeInto } from '../../../testing/user-events';
import { type Role } from '../../core/auth/auth.model';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { CUSTOMERS_URL, OPERATORS_URL } from './data/customers-client';
import { CustomerSearchPage } from './customer-search-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

const OPERATORS = {
  items: [
    { id: '029', name: 'PSD Buses', accountsHosted: true },
    { id: '030', name: 'PSD Ferries', accountsHosted: true },
    { id: '019', name: 'ScotRail', accountsHosted: false },
  ],
  total: 3,
  page: 1,
  pageSize: 100,
};

describe('CustomerSearchPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'customers', component: CustomerSearchPage },
          { path: '**', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  /** Signs in, opens `url` and answers the operator list. */
  async function open(url: string, role: Role = 'admin'): Promise<void> {
    signInAs(role, role === 'operator' ? { operatorId: '029' } : {});
    await harness.navigateByUrl(url, CustomerSearchPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(`${OPERATORS_URL}?sort=name&page=1&pageSize=100`).flush(OPERATORS);
    await settle();
  }

  function searchRequest(): TestRequest {
    TestBed.tick();
    return http.expectOne((request) => request.url === CUSTOMERS_URL);
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Customers' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  async function chooseOperator(name: string): Promise<void> {
    getByRole(element, 'combobox', { name: 'Operator' }).click();
    await settle();
    getByRole(document.body, 'option', { name }).click();
    await settle();
  }

  it('invites a search and asks nothing until there is a term', async () => {
    await open('/customers');
    expect(getByRole(element, 'heading', { level: 1, name: 'Customers' })).toBeTruthy();
    expect(getByText(element, /^Enter at least three characters/)).toBeTruthy();
    http.expectNone((request) => request.url === CUSTOMERS_URL);
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('offers admins every hosted operator, or all of them', async () => {
    await open('/customers');
    expect(getByRole(element, 'combobox', { name: 'Operator' }).textContent).toContain('All operators');
    getByRole(element, 'combobox', { name: 'Operator' }).click();
    await settle();
    expect(queryAllByRole(document.body, 'option').map((option) => option.textContent?.trim())).toEqual([
      'All operators',
      'PSD Buses (029)',
      'PSD Ferries (030)',
    ]);
  });

  it('searches what the URL says and shows name, customer ID, operator and email', async () => {
    await open('/customers?operatorId=029&q=byron');
    const request = searchRequest();
    expect(request.request.urlWithParams).toBe(`${CUSTOMERS_URL}?operatorId=029&q=byron&pageSize=20`);
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Searching customers' })).toBeTruthy();
    request.flush(
      aSearchPage([
        aCustomerSummary(),
        aCustomerSummary({ customerId: 'C000042', name: 'Ada Byrne', email: 'a.b@example.net' }),
      ]),
    );
    await settle();

    expect(queryByRole(element, 'progressbar')).toBeNull();
    expect((getByRole(element, 'textbox', { name: 'Name, email or customer ID' }) as HTMLInputElement).value).toBe(
      'byron',
    );
    expect(getByRole(element, 'combobox', { name: 'Operator' }).textContent).toContain('PSD Buses (029)');
    expect(getByText(element, '2 customers found').getAttribute('role')).toBe('status');
    // A single page needs no pager.
    expect(queryByRole(element, 'navigation', { name: 'Result pages' })).toBeNull();
    const table = getByRole(element, 'table', { name: 'Customers' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'Name',
      'Customer ID',
      'Operator',
      'Email',
    ]);
    expect(rowTexts()).toEqual([
      ['Ada Byron', 'C000003', 'PSD Buses (029)', 'ada.byron3@example.com'],
      ['Ada Byrne', 'C000042', 'PSD Buses (029)', 'a.b@example.net'],
    ]);
    expect(getByRole(table, 'link', { name: 'Ada Byron' }).getAttribute('href')).toBe('/customers/029/C000003');
  });

  it('checks the term inline and puts a valid search into the URL', async () => {
    await open('/customers');
    typeInto(element, 'Name, email or customer ID', 'ab');
    getByRole(element, 'button', { name: 'Search' }).click();
    await settle();
    expect(getByText(element, 'Enter at least 3 characters.')).toBeTruthy();
    expect(url()).toBe('/customers');
    http.expectNone((request) => request.url === CUSTOMERS_URL);

    typeInto(element, 'Name, email or customer ID', '  byron ');
    await settle();
    expect(queryByText(element, 'Enter at least 3 characters.')).toBeNull();
    await chooseOperator('PSD Ferries (030)');
    getByRole(element, 'button', { name: 'Search' }).click();
    await settle();
    expect(url()).toBe('/customers?operatorId=030&q=byron');
    expect(searchRequest().request.params.get('operatorId')).toBe('030');
  });

  it('says what is wrong with a term too short in a hand-made URL, without asking the server', async () => {
    await open('/customers?q=ab');
    expect(getByText(element, 'Enter at least 3 characters.')).toBeTruthy();
    http.expectNone((request) => request.url === CUSTOMERS_URL);
  });

  it('keeps an operator user to its own operator, whatever the URL says', async () => {
    await open('/customers?operatorId=030&q=byron', 'operator');
    expect(searchRequest().request.params.get('operatorId')).toBe('029');
    const select = getByRole(element, 'combobox', { name: 'Operator' });
    expect(select.textContent).toContain('PSD Buses (029)');
    expect(select.getAttribute('aria-disabled')).toBe('true');
    expect(getByText(element, "Your account's operator")).toBeTruthy();
  });

  it('pages forward and back with the cursor trail in the URL', async () => {
    await open('/customers?q=byron');
    searchRequest().flush(aSearchPage([aCustomerSummary()], { nextCursor: 'c1' }));
    await settle();
    const previous = getByRole(element, 'button', { name: 'Previous' }) as HTMLButtonElement;
    expect(previous.disabled).toBe(true);
    expect(getByText(element, 'Page 1')).toBeTruthy();
    expect(getByText(element, 'Customers 1–1')).toBeTruthy();

    getByRole(element, 'button', { name: 'Next' }).click();
    await settle();
    expect(url()).toBe('/customers?q=byron&cursor=c1');
    searchRequest().flush(aSearchPage([aCustomerSummary({ name: 'Bea Byron' })], { nextCursor: 'c2' }));
    await settle();

    getByRole(element, 'button', { name: 'Next' }).click();
    await settle();
    expect(url()).toBe('/customers?q=byron&cursor=c1&cursor=c2');
    const third = searchRequest();
    expect(third.request.params.get('cursor')).toBe('c2');
    third.flush(aSearchPage([aCustomerSummary({ name: 'Cy Byron' })]));
    await settle();
    expect(getByText(element, 'Page 3')).toBeTruthy();
    expect(getByText(element, 'Customers 41–41')).toBeTruthy();
    expect((getByRole(element, 'button', { name: 'Next' }) as HTMLButtonElement).disabled).toBe(true);

    getByRole(element, 'button', { name: 'Previous' }).click();
    await settle();
    expect(url()).toBe('/customers?q=byron&cursor=c1');
    // The store asks for page 2 again with the cursor of page 2.
    expect(searchRequest().request.params.get('cursor')).toBe('c1');
  });

  it('says when nothing matches', async () => {
    await open('/customers?operatorId=030&q=zzz');
    searchRequest().flush(aSearchPage([]));
    await settle();
    expect(getByText(element, 'No customers match “zzz” at PSD Ferries (030).')).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('explains a failed search and tries again', async () => {
    await open('/customers?q=byron');
    searchRequest().flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = getByRole(element, 'alert');
    expect(alert.textContent).toContain('The search failed. Something went wrong. Please try again.');
    getByRole(alert, 'button', { name: 'Try again' }).click();
    searchRequest().flush(aSearchPage([aCustomerSummary()]));
    await settle();
    expect(queryByRole(element, 'alert')).toBeNull();
    expect(rowTexts()).toHaveLength(1);
  });

  it('restarts from the first page when a cursor has expired', async () => {
    await open('/customers?q=byron&cursor=stale');
    searchRequest().flush(anApiError('INVALID_CURSOR', 400), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('This results page has expired.');
    getByRole(element, 'button', { name: 'Go to the first page' }).click();
    await settle();
    expect(url()).toBe('/customers?q=byron');
    searchRequest().flush(aSearchPage([]));
    await settle();
  });

  it('opens the customer when a row is clicked', async () => {
    await open('/customers?q=byron');
    searchRequest().flush(aSearchPage([aCustomerSummary({ operatorId: '030', customerId: 'C000009' })]));
    await settle();
    const table = getByRole(element, 'table', { name: 'Customers' });
    queryAllByRole(table, 'cell')[3]?.click();
    await settle();
    expect(url()).toBe('/customers/030/C000009');
  });

  it('saves the search (operator and term, never the page cursor) as a favourite', async () => {
    await open('/customers?operatorId=029&q=byron&cursor=c1');
    searchRequest().flush(aSearchPage([aCustomerSummary()]));
    await settle();
    getByRole(element, 'button', { name: 'Save as favourite' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    expect(dialog.textContent).toContain('Customer search: “byron” · Operator 029');
    typeInto(dialog, /^Name/, 'Byrons at PSD Buses');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    const post = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(post.request.body).toEqual({
      name: 'Byrons at PSD Buses',
      kind: 'customers',
      params: { operatorId: '029', q: 'byron' },
    });
    post.flush(aFavourite({ name: 'Byrons at PSD Buses', kind: 'customers' }), { status: 201, statusText: 'Created' });
    await vi.waitFor(() => expect(getByText(element, 'Saved “Byrons at PSD Buses” to your favourites.')).toBeTruthy());
  });

  it('offers no favourite before there is a search to save', async () => {
    await open('/customers');
    expect(queryByRole(element, 'button', { name: 'Save as favourite' })).toBeNull();
  });
});
