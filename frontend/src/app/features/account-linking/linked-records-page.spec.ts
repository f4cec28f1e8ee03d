import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anAccountLink, LINK_ID } from '../../../testing/account-link-fixtures';
import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { aConcession, aPurchase, aRecordPage } from '../../../testing/customer-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { typeInto } from '../../../testing/user-events';
import { DISPLAY_FORMAT } from '../customers/model/display-format';
import { ACCOUNT_LINKS_URL } from './data/account-links-client';
import { LinkedRecordsPage } from './linked-records-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

const LINK_URL = `${ACCOUNT_LINKS_URL}/${LINK_ID}`;
const PAGE = `/customers/029/C000003/links/${LINK_ID}`;

describe('LinkedRecordsPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'customers/:operatorId/:customerId/links/:linkId', component: LinkedRecordsPage },
            { path: '**', component: Blank },
          ],
          withComponentInputBinding(),
        ),
        { provide: DISPLAY_FORMAT, useValue: { locale: 'en-GB', timeZone: 'UTC' } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
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

  /** Opens the page and returns the link request and the records request, sent together. */
  async function open(url: string): Promise<{ link: TestRequest; records: TestRequest }> {
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl(url, LinkedRecordsPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
    return {
      link: http.expectOne(LINK_URL),
      records: http.expectOne((request) => request.url.startsWith(`${LINK_URL}/`)),
    };
  }

  function rowTexts(name: string): string[][] {
    const table = getByRole(element, 'table', { name });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  it("shows the linked account's purchases under the other operator's name", async () => {
    signInAs('operator', { operatorId: '029' });
    const { link, records } = await open(PAGE);
    expect(getByRole(element, 'progressbar', { name: 'Loading the link' })).toBeTruthy();
    expect(records.request.urlWithParams).toBe(`${LINK_URL}/purchases?page=1&pageSize=20`);
    link.flush(anAccountLink());
    records.flush(aRecordPage([aPurchase({ operator: { id: '030', name: 'PSD Ferries' } })]));
    await settle();

    expect(getByRole(element, 'heading', { level: 1 }).textContent?.trim()).toBe('PSD Ferries account C000003');
    expect(getByText(element, /^Linked with PSD Buses customer C000003/).textContent).toContain(
      'confirmed 1 May 2026, 10:15',
    );
    expect(getByRole(element, 'region', { name: 'PSD Ferries records' })).toBeTruthy();
    expect(
      queryAllByRole(getByRole(element, 'tablist', { name: 'Record kinds' }), 'tab').map((tab) => [
        tab.textContent?.trim(),
        tab.getAttribute('aria-selected'),
      ]),
    ).toEqual([
      ['Purchases', 'true'],
      ['Concessions', 'false'],
      ['Usages', 'false'],
    ]);
    expect(getByText(element, '1 purchase').getAttribute('role')).toBe('status');
    expect(rowTexts('Purchases')[0]).toContain('Route 7: Oban – Ganavan');
    expect(
      getByRole(element, 'link', { name: "← Back to customer C000003's linked accounts" }).getAttribute('href'),
    ).toBe('/customers/029/C000003?tab=links');

    // Every field of a record opens below it.
    getByRole(element, 'button', { name: 'Details of purchase 41' }).click();
    await settle();
    expect(getByRole(element, 'region', { name: 'Details of purchase 41' }).textContent).toContain('PSD Ferries (030)');
  });

  it('reads the tab, the window and the page from the URL, and keeps them there', async () => {
    signInAs('operator', { operatorId: '029' });
    const { link, records } = await open(`${PAGE}?tab=concessions&from=2026-01-01&to=2026-12-31&page=2`);
    expect(records.request.urlWithParams).toBe(
      `${LINK_URL}/concessions?from=2026-01-01&to=2026-12-31&page=2&pageSize=20`,
    );
    link.flush(anAccountLink());
    records.flush(aRecordPage([aConcession()], { total: 21, page: 2 }));
    await settle();
    expect(getByText(element, '21 concessions in this date window')).toBeTruthy();

    typeInto(element, 'From', '2026-03-01');
    getByRole(element, 'button', { name: 'Apply' }).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe(`${PAGE}?tab=concessions&from=2026-03-01&to=2026-12-31`);
    const next = http.expectOne((request) => request.url === `${LINK_URL}/concessions`);
    expect(next.request.urlWithParams).toBe(`${LINK_URL}/concessions?from=2026-03-01&to=2026-12-31&page=1&pageSize=20`);
    next.flush(aRecordPage([]));
    await settle();
    expect(getByText(element, 'No concessions in this date window.')).toBeTruthy();
    // The link itself is not asked for again.
    http.expectNone(LINK_URL);
  });

  it('shows the target side the source account, by name', async () => {
    signInAs('operator', { operatorId: '030' });
    const { link, records } = await open(`/customers/030/C000003/links/${LINK_ID}`);
    link.flush(anAccountLink());
    records.flush(aRecordPage([aPurchase()]));
    await settle();
    expect(getByRole(element, 'heading', { level: 1 }).textContent?.trim()).toBe('PSD Buses account C000003');
    expect(getByText(element, /^Linked with PSD Ferries customer C000003/)).toBeTruthy();
  });

  it('says so when the server refuses the records of a link that is no longer confirmed', async () => {
    signInAs('operator', { operatorId: '029' });
    const { link, records } = await open(PAGE);
    link.flush(anAccountLink({ status: 'revoked', revokedAt: '2026-05-04T12:00:00.000Z' }));
    records.flush(anApiError('LINK_NOT_CONFIRMED', 409), { status: 409, statusText: 'Conflict' });
    await settle();

    expect(getByText(element, 'Revoked')).toBeTruthy();
    expect(getByRole(element, 'alert').textContent?.replace(/\s+/g, ' ').trim()).toBe(
      "The purchases of PSD Ferries account C000003 cannot be shown. This link is not confirmed, so the linked account's records cannot be read.",
    );
    expect(queryByRole(element, 'table')).toBeNull();
    expect(queryByRole(element, 'button', { name: 'Try again' })).toBeNull();
  });

  it('shows "Link not found" for a link the user may not see (404), and nothing of it', async () => {
    signInAs('operator', { operatorId: '000' });
    const { link, records } = await open(PAGE);
    link.flush(anApiError('LINK_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    records.flush(anApiError('LINK_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Link not found' })).toBeTruthy();
    expect(getByRole(element, 'alert').textContent).toContain(
      'Customer C000003 has no such link, or you may not see it.',
    );
    expect(queryByRole(element, 'tablist')).toBeNull();
  });

  it('asks nothing for an id that is not a link id', async () => {
    signInAs('operator', { operatorId: '029' });
    harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/customers/029/C000003/links/42', LinkedRecordsPage);
    element = harness.routeNativeElement as HTMLElement;
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Link not found' })).toBeTruthy();
    http.expectNone(() => true);
  });

  it("treats a link that does not join this URL's customer as not found", async () => {
    signInAs('admin');
    const { link, records } = await open(`/customers/029/C000099/links/${LINK_ID}`);
    link.flush(anAccountLink());
    records.flush(aRecordPage([aPurchase()]));
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Link not found' })).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });
});
