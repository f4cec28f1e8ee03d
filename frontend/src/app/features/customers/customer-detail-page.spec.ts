import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { aConcession, aCustomer, aPurchase, aRecordPage, aUsage } from '../../../testing/customer-fixtures';
import {
  getByLabelText,
  getByRole,
  getByText,
  queryAllByRole,
  queryByRole,
  queryByText,
} from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { aFavourite } from '../../../testing/query-fixtures';
import { anAccountLink, aPendingLink } from '../../../testing/account-link-fixtures';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { ACCOUNT_LINKS_URL } from '../account-linking/data/account-links-client';
import { QUERY_RUN_STATE } from '../../core/query-tool/query-run';
import { OPERATORS_URL } from './data/customers-client';
import { CustomerDetailPage } from './customer-detail-page';
import { DISPLAY_FORMAT } from './model/display-format';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

const PROFILE_URL = `${OPERATORS_URL}/029/customers/C000003`;

describe('CustomerDetailPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'customers/:operatorId/:customerId', component: CustomerDetailPage },
            { path: '**', component: Blank },
          ],
          withComponentInputBinding(),
        ),
        { provide: DISPLAY_FORMAT, useValue: { locale: 'en-GB', timeZone: 'UTC' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator', { operatorId: '029' });
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.verify();
  });

  async function settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  async function open(url: string): Promise<TestRequest> {
    await harness.navigateByUrl(url, CustomerDetailPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
    return http.expectOne(PROFILE_URL);
  }

  /** Opens the customer, answers the profile and returns the records request. */
  async function openWithProfile(url: string): Promise<TestRequest> {
    (await open(url)).flush(aCustomer());
    await settle();
    return recordsRequest();
  }

  function recordsRequest(): TestRequest {
    TestBed.tick();
    return http.expectOne((request) => request.url.startsWith(`${PROFILE_URL}/`));
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  function definitions(container: HTMLElement): Record<string, string> {
    const terms = Array.from(container.querySelectorAll('dt')).map(
      (dt) => dt.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    );
    const values = Array.from(container.querySelectorAll('dd')).map(
      (dd) => dd.textContent?.replace(/\s+/g, ' ').trim() ?? '',
    );
    return Object.fromEntries(terms.map((term, index) => [term, values[index] ?? '']));
  }

  function rowTexts(name: string): string[][] {
    const table = getByRole(element, 'table', { name });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  it('shows the profile with every field, then the purchases', async () => {
    const profile = await open('/customers/029/C000003');
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Loading the customer' })).toBeTruthy();
    profile.flush(aCustomer());
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'Ada Byron' })).toBeTruthy();
    const card = getByRole(element, 'region', { name: 'Ada Byron' });
    expect(definitions(card)).toEqual({
      Email: 'ada.byron3@example.com',
      Phone: '07700 900123',
      'Date of birth': '10 Dec 1985',
      Address: '12 Harbour Road Oban PA34 4LN GB',
      'Customer ID': 'C000003',
      Operator: 'PSD Buses (029)',
      'Customer since': '4 Mar 2025, 09:15',
    });
    expect(getByText(card, '4 Mar 2025, 09:15').getAttribute('title')).toBe('2025-03-04T09:15:00.000Z');
    expect(queryByText(element, /Personal data masked/)).toBeNull();

    const records = recordsRequest();
    expect(records.request.urlWithParams).toBe(`${PROFILE_URL}/purchases?page=1&pageSize=20`);
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Loading the purchases' })).toBeTruthy();
    records.flush(aRecordPage([aPurchase()]));
    await settle();

    const tabs = getByRole(element, 'tablist', { name: 'Record kinds' });
    expect(
      queryAllByRole(tabs, 'tab').map((tab) => [tab.textContent?.trim(), tab.getAttribute('aria-selected')]),
    ).toEqual([
      ['Purchases', 'true'],
      ['Concessions', 'false'],
      ['Usages', 'false'],
      ['Linked accounts', 'false'],
    ]);
    expect(getByText(element, '1 purchase').getAttribute('role')).toBe('status');
    expect(rowTexts('Purchases')).toEqual([
      [
        '',
        '5 Oct 2026, 08:12',
        'Bus',
        'Route 7: Oban – Ganavan',
        '6 Oct 2026, 07:00',
        '7 Oct 2026, 06:59',
        '£8.70',
        'Mobile barcode',
      ],
    ]);
    const table = getByRole(element, 'table', { name: 'Purchases' });
    expect(getByText(table, '6 Oct 2026, 07:00').getAttribute('title')).toBe('2026-10-06T07:00:00.000Z');
    // One page only: no paginator.
    expect(queryByRole(element, 'button', { name: 'Next page' })).toBeNull();
  });

  it('opens a record to show every field, and closes it again', async () => {
    (await openWithProfile('/customers/029/C000003')).flush(aRecordPage([aPurchase(), aPurchase({ id: 40 })]));
    await settle();

    const toggle = getByRole(element, 'button', { name: 'Details of purchase 41' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(queryByRole(element, 'region', { name: 'Details of purchase 41' })).toBeNull();
    toggle.click();
    await settle();

    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const details = getByRole(element, 'region', { name: 'Details of purchase 41' });
    expect(toggle.getAttribute('aria-controls')).toBe(details.id);
    expect(queryAllByRole(details, 'heading').map((heading) => heading.textContent?.trim())).toEqual([
      'Purchase',
      'Journey',
      'Payment',
      'Ticket',
    ]);
    expect(definitions(getByRole(details, 'region', { name: 'Journey' }))).toMatchObject({
      From: 'Oban Station Road · NaPTAN 6100OBN1 · 56.4123, -5.4729 (±10 m)',
      'Service request': 'Step-free access',
    });
    expect(definitions(getByRole(details, 'region', { name: 'Payment' }))).toMatchObject({
      Reference: 'TX029ABCDEFGHIJ',
      Amount: '£8.70',
    });

    // Another row replaces it; a click on the open row closes it.
    getByRole(element, 'button', { name: 'Details of purchase 40' }).click();
    await settle();
    expect(queryByRole(element, 'region', { name: 'Details of purchase 41' })).toBeNull();
    getByRole(element, 'button', { name: 'Details of purchase 40' }).click();
    await settle();
    expect(queryByRole(element, 'region', { name: /^Details of/ })).toBeNull();
  });

  it('reads the tab, the date window and the page from the URL', async () => {
    const records = await openWithProfile('/customers/029/C000003?tab=usages&from=2026-10-01&to=2026-10-31&page=2');
    expect(records.request.urlWithParams).toBe(
      `${PROFILE_URL}/usages?from=2026-10-01&to=2026-10-31&page=2&pageSize=20`,
    );
    records.flush(aRecordPage([aUsage()], { total: 21, page: 2 }));
    await settle();

    expect(getByRole(element, 'tab', { name: 'Usages' }).getAttribute('aria-selected')).toBe('true');
    expect((getByLabelText(element, 'From') as HTMLInputElement).value).toBe('2026-10-01');
    expect((getByLabelText(element, 'To') as HTMLInputElement).value).toBe('2026-10-31');
    expect(getByText(element, '21 usages in this date window')).toBeTruthy();
    expect(rowTexts('Usages')).toEqual([
      ['', '6 Oct 2026, 08:05 Oban Station Road', '6 Oct 2026, 08:31 Ganavan Sands', 'Bus', '£0.00', 'Yes'],
    ]);
    expect(getByText(element, /21 – 21 of 21/)).toBeTruthy();
  });

  it('switches tabs in the URL, keeping the date window and starting at page 1', async () => {
    (await openWithProfile('/customers/029/C000003?from=2026-01-01&page=3')).flush(
      aRecordPage([aPurchase()], { total: 41, page: 3 }),
    );
    await settle();

    getByRole(element, 'tab', { name: 'Concessions' }).click();
    await settle();
    expect(url()).toBe('/customers/029/C000003?tab=concessions&from=2026-01-01');
    const records = recordsRequest();
    expect(records.request.urlWithParams).toBe(`${PROFILE_URL}/concessions?from=2026-01-01&page=1&pageSize=20`);
    records.flush(aRecordPage([aConcession()]));
    await settle();
    expect(rowTexts('Concessions')).toEqual([
      ['', 'Under-19 Bus Pass', 'Bus', '100% off Free bus travel', '10 Jan 2026, 10:30', '10 Jan 2027, 10:30', '£0.00'],
    ]);
    // The profile is not asked for again.
    http.expectNone(PROFILE_URL);
  });

  it('checks that the window starts before it ends, then puts it in the URL', async () => {
    (await openWithProfile('/customers/029/C000003?page=2')).flush(aRecordPage([aPurchase()], { total: 30, page: 2 }));
    await settle();

    typeInto(element, 'From', '2026-10-31');
    typeInto(element, 'To', '2026-10-01');
    getByRole(element, 'button', { name: 'Apply' }).click();
    await settle();
    expect(getByText(element, 'The end date must be on or after the start date.')).toBeTruthy();
    expect(url()).toBe('/customers/029/C000003?page=2');

    typeInto(element, 'From', '2026-10-01');
    typeInto(element, 'To', '2026-10-31');
    await settle();
    expect(queryByText(element, 'The end date must be on or after the start date.')).toBeNull();
    getByRole(element, 'button', { name: 'Apply' }).click();
    await settle();
    expect(url()).toBe('/customers/029/C000003?from=2026-10-01&to=2026-10-31');
    const records = recordsRequest();
    expect(records.request.params.get('from')).toBe('2026-10-01');
    expect(records.request.params.get('to')).toBe('2026-10-31');
    records.flush(aRecordPage([]));
    await settle();
    expect(getByText(element, 'No purchases in this date window.')).toBeTruthy();

    getByRole(element, 'button', { name: 'Clear dates' }).click();
    await settle();
    expect(url()).toBe('/customers/029/C000003');
    recordsRequest().flush(aRecordPage([aPurchase()]));
    await settle();
  });

  it('does not ask for records when a hand-made URL has the window the wrong way round', async () => {
    (await open('/customers/029/C000003?from=2026-10-31&to=2026-10-01')).flush(aCustomer());
    await settle();
    http.expectNone((request) => request.url.startsWith(`${PROFILE_URL}/`));
    expect(getByText(element, 'The end date must be on or after the start date.')).toBeTruthy();
    expect(getByText(element, 'Choose a start date on or before the end date to see the purchases.')).toBeTruthy();
  });

  it('pages through the records in the URL', async () => {
    (await openWithProfile('/customers/029/C000003?tab=usages')).flush(aRecordPage([aUsage()], { total: 45 }));
    await settle();
    expect(getByText(element, /1 – 20 of 45/)).toBeTruthy();
    getByRole(element, 'button', { name: 'Next page' }).click();
    await settle();
    expect(url()).toBe('/customers/029/C000003?tab=usages&page=2');
    const records = recordsRequest();
    expect(records.request.params.get('page')).toBe('2');
    records.flush(aRecordPage([aUsage()], { total: 45, page: 2 }));
    await settle();
  });

  it('marks masked personal data', async () => {
    (await open('/customers/029/C000003')).flush(
      aCustomer({ email: 'a***@example.com', phone: '***23', dateOfBirth: null, address: null, piiMasked: true }),
    );
    await settle();
    recordsRequest().flush(aRecordPage([]));
    await settle();
    expect(getByText(element, /^Personal data masked/)).toBeTruthy();
    const card = getByRole(element, 'region', { name: 'Ada Byron' });
    expect(definitions(card)).toMatchObject({
      'Email masked': 'a***@example.com',
      'Phone masked': '***23',
      'Date of birth masked': '—',
      'Address masked': '—',
      'Customer ID': 'C000003',
      'Customer since': '4 Mar 2025, 09:15',
    });
  });

  it("shows only 'Not allowed' when the server refuses the customer, and asks nothing more", async () => {
    (await open('/customers/029/C000003')).flush(anApiError('CUSTOMER_ACCESS_DENIED', 403), {
      status: 403,
      statusText: 'Forbidden',
    });
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Not allowed' })).toBeTruthy();
    expect(getByRole(element, 'alert').textContent).toContain('You are not allowed to see this customer.');
    expect(queryByRole(element, 'tablist')).toBeNull();
    expect(queryByText(element, /Ada Byron/)).toBeNull();
    http.expectNone((request) => request.url.startsWith(`${PROFILE_URL}/`));
  });

  it('says when the customer does not exist', async () => {
    (await open('/customers/029/C000003')).flush(anApiError('CUSTOMER_NOT_FOUND', 404), {
      status: 404,
      statusText: 'Not Found',
    });
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Customer not found' })).toBeTruthy();
    expect(getByRole(element, 'alert').textContent?.trim()).toBe('There is no customer C000003 at operator 029.');
  });

  it.each(['/customers/psd/C000003', `/customers/029/${'C'.repeat(33)}`])(
    'does not ask the server about a customer that cannot exist: %s',
    async (path) => {
      await harness.navigateByUrl(path, CustomerDetailPage);
      element = harness.routeNativeElement as HTMLElement;
      await settle();
      expect(getByRole(element, 'heading', { level: 1, name: 'Customer not found' })).toBeTruthy();
    },
  );

  it('offers to try again when the records fail', async () => {
    (await openWithProfile('/customers/029/C000003')).flush(anApiError('INTERNAL_ERROR', 500), {
      status: 500,
      statusText: 'Server Error',
    });
    await settle();
    const alert = getByRole(element, 'alert');
    expect(alert.textContent).toContain('The purchases could not be loaded.');
    getByRole(alert, 'button', { name: 'Try again' }).click();
    recordsRequest().flush(aRecordPage([aPurchase()]));
    await settle();
    expect(rowTexts('Purchases')).toHaveLength(1);
  });

  it('saves the records view in force (tab, window, page) as a favourite of that kind', async () => {
    (await openWithProfile('/customers/029/C000003?tab=usages&from=2026-01-01&page=2')).flush(
      aRecordPage([aUsage()], { total: 21, page: 2 }),
    );
    await settle();
    getByRole(element, 'button', { name: 'Save as favourite' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    expect(dialog.textContent).toContain('Usages: Customer C000003 at operator 029 · From 2026-01-01 · Page 2');
    typeInto(dialog, /^Name/, "Ada's January travel");
    getByRole(dialog, 'button', { name: 'Save' }).click();
    const post = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(post.request.body).toEqual({
      name: "Ada's January travel",
      kind: 'usages',
      params: { customerId: 'C000003', from: '2026-01-01', operatorId: '029', page: '2' },
    });
    post.flush(aFavourite({ name: "Ada's January travel", kind: 'usages' }), { status: 201, statusText: 'Created' });
    await vi.waitFor(() => expect(getByText(element, "Saved “Ada's January travel” to your favourites.")).toBeTruthy());
  });

  it('asks afresh for the profile and the records when History or Favourites run the same view', async () => {
    (await openWithProfile('/customers/029/C000003')).flush(aRecordPage([aPurchase()]));
    await settle();
    const router = TestBed.inject(Router);
    await router.navigateByUrl('/elsewhere');
    await router.navigate(['/customers', '029', 'C000003'], {
      queryParams: { tab: 'purchases' },
      state: QUERY_RUN_STATE,
    });
    await settle();
    http.expectOne(PROFILE_URL).flush(aCustomer());
    await settle();
    recordsRequest().flush(aRecordPage([aPurchase()]));
  });

  describe('account links', () => {
    const LINKS_URL = `${ACCOUNT_LINKS_URL}?operatorId=029&customerId=C000003`;

    it('shows the Linked accounts tab instead of records, and no Save as favourite there', async () => {
      (await open('/customers/029/C000003?tab=links')).flush(aCustomer());
      await settle();
      http.expectNone((request) => request.url.startsWith(`${PROFILE_URL}/`));
      http.expectOne(LINKS_URL).flush([anAccountLink()]);
      await settle();

      expect(getByRole(element, 'tab', { name: 'Linked accounts' }).getAttribute('aria-selected')).toBe('true');
      expect(getByRole(element, 'tab', { name: 'Purchases' }).getAttribute('aria-selected')).toBe('false');
      expect(getByRole(element, 'table', { name: 'Linked accounts' }).textContent).toContain('PSD Ferries (030)');
      expect(queryByRole(element, 'form', { name: 'Purchases date window' })).toBeNull();
      expect(queryByRole(element, 'button', { name: 'Save as favourite' })).toBeNull();
      expect(getByRole(element, 'button', { name: 'Link account' })).toBeTruthy();
    });

    it('sends a link request from the dialog, says the owner must confirm by email, and shows the pending link', async () => {
      (await openWithProfile('/customers/029/C000003')).flush(aRecordPage([aPurchase()]));
      await settle();

      getByRole(element, 'button', { name: 'Link account' }).click();
      await settle();
      http
        .expectOne((request) => request.url === OPERATORS_URL)
        .flush({
          items: [
            { id: '029', name: 'PSD Buses', accountsHosted: true },
            { id: '030', name: 'PSD Ferries', accountsHosted: true },
            { id: '031', name: 'Not hosted', accountsHosted: false },
          ],
          total: 3,
          page: 1,
          pageSize: 100,
        });
      await settle();
      const dialog = getByRole(document.body, 'dialog');
      // The only other hosted operator is chosen already.
      expect(getByRole(dialog, 'combobox', { name: /Operator of the other account/ }).textContent).toContain(
        'PSD Ferries (030)',
      );
      typeInto(dialog, /Customer ID at that operator/, 'C000003');
      getByRole(dialog, 'button', { name: 'Send request' }).click();
      TestBed.tick();
      const post = http.expectOne({ method: 'POST', url: ACCOUNT_LINKS_URL });
      expect(post.request.body).toEqual({
        source: { operatorId: '029', customerId: 'C000003' },
        target: { operatorId: '030', customerId: 'C000003' },
      });
      post.flush(
        { id: 'f1e2d3c4-0000-4c55-9d3e-2f1a6b0c9e11', status: 'pending', expiresAt: '2026-05-02T09:30:00.000Z' },
        { status: 202, statusText: 'Accepted' },
      );
      await vi.waitFor(() => expect(url()).toBe('/customers/029/C000003?tab=links'));
      await settle();
      expect(getByRole(element, 'status').textContent?.trim()).toBe(
        'Request sent — the account owner must confirm by email. The link stays pending until they do.',
      );
      http.expectOne(LINKS_URL).flush([aPendingLink()]);
      await settle();
      expect(getByRole(element, 'table', { name: 'Linked accounts' }).textContent).toContain('Pending');
      await vi.waitFor(() => expect(queryByRole(document.body, 'dialog')).toBeNull());
    });
  });
});
