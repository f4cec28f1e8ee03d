import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, getByText, queryAllByRole, queryByRole, queryByText } from '../../../testing/dom-queries';
import { aPage } from '../../../testing/operator-fixtures';
import { aFavourite, aHistoryEntry } from '../../../testing/query-fixtures';
import { typeInto } from '../../../testing/user-events';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { isQueryRun } from '../../core/query-tool/query-run';
import { HISTORY_URL } from './data/history-client';
import { HistoryPage } from './history-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {
  /** Whether this page was opened as a run of a saved query. */
  readonly run = isQueryRun(TestBed.inject(Router));
}

const ENTRIES = [
  aHistoryEntry(),
  aHistoryEntry({
    id: '6f1c2a8e-0000-4000-8000-000000000002',
    kind: 'usages',
    params: { customerId: 'C000003', from: '2026-01-01', operatorId: '029', page: '1', pageSize: '20' },
    resultCount: 12,
    createdAt: '2026-03-01T09:00:00.000Z',
  }),
  aHistoryEntry({
    id: '6f1c2a8e-0000-4000-8000-000000000003',
    kind: 'modes',
    params: {},
    resultCount: null,
    createdAt: '2026-02-28T09:00:00.000Z',
  }),
];

describe('HistoryPage', () => {
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
          { path: 'history', component: HistoryPage },
          { path: '**', component: Blank },
        ]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('operator');
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

  function listRequest(): TestRequest {
    TestBed.tick();
    return http.expectOne((request) => request.url === HISTORY_URL && request.method === 'GET');
  }

  /** Opens `url` and returns the history request. */
  async function open(url: string): Promise<TestRequest> {
    await harness.navigateByUrl(url, HistoryPage);
    element = harness.routeNativeElement as HTMLElement;
    return listRequest();
  }

  async function openWith(entries = ENTRIES, total = entries.length, url = '/history'): Promise<void> {
    (await open(url)).flush(aPage(entries, { total }));
    await settle();
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Query history' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  function row(name: RegExp): HTMLElement {
    const table = getByRole(element, 'table', { name: 'Query history' });
    const found = queryAllByRole(table, 'row').filter((candidate) => name.test(candidate.textContent ?? ''));
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('lists the entries with kind, the query in words, the result count and the time', async () => {
    const request = await open('/history');
    expect(request.request.urlWithParams).toBe(`${HISTORY_URL}?page=1&pageSize=20`);
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Loading the history' })).toBeTruthy();
    request.flush(aPage(ENTRIES));
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'History' })).toBeTruthy();
    expect(queryByRole(element, 'progressbar')).toBeNull();
    const table = getByRole(element, 'table', { name: 'Query history' });
    expect(queryAllByRole(table, 'columnheader').map((header) => header.textContent?.trim())).toEqual([
      'Kind',
      'Query',
      'Results',
      'Ran',
      'Actions',
    ]);
    expect(rowTexts().map((cells) => cells.slice(0, 3))).toEqual([
      ['Operators', 'Name contains “scot”', '1'],
      ['Usages', 'Customer C000003 at operator 029 · From 2026-01-01', '12'],
      ['Modes', 'All modes', '—'],
    ]);
    expect(table.querySelector('time')?.getAttribute('datetime')).toBe('2026-03-01T10:15:00.000Z');
    expect(getByText(element, '3 queries').getAttribute('role')).toBe('status');
  });

  it('links Run again to the query page of each kind, as a fresh run', async () => {
    await openWith();
    expect(getByRole(row(/Operators/), 'link', { name: 'Run again' }).getAttribute('href')).toBe('/operators?q=scot');
    expect(getByRole(row(/Usages/), 'link', { name: 'Run again' }).getAttribute('href')).toBe(
      '/customers/029/C000003?tab=usages&from=2026-01-01',
    );
    expect(getByRole(row(/Modes/), 'link', { name: 'Run again' }).getAttribute('href')).toBe('/modes');

    getByRole(row(/Operators/), 'link', { name: 'Run again' }).click();
    await settle();
    expect(url()).toBe('/operators?q=scot');
    expect((harness.routeDebugElement?.componentInstance as Blank).run).toBe(true);
  });

  it('filters by kind in the URL', async () => {
    await openWith();
    getByRole(element, 'combobox', { name: 'Kind' }).click();
    await settle();
    getByRole(document.body, 'option', { name: 'Customer search' }).click();
    await settle();
    expect(url()).toBe('/history?kind=customers');
    expect(listRequest().request.urlWithParams).toBe(`${HISTORY_URL}?kind=customers&page=1&pageSize=20`);
  });

  it('says when there is nothing yet, and when a kind has no entries', async () => {
    await openWith([]);
    expect(getByText(element, /^No queries yet\./)).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
    expect((getByRole(element, 'button', { name: 'Clear all' }) as HTMLButtonElement).disabled).toBe(true);

    await harness.navigateByUrl('/history?kind=purchases');
    listRequest().flush(aPage([]));
    await settle();
    expect(getByText(element, 'No Purchases queries in your history.')).toBeTruthy();
  });

  it('pages through the entries in the URL', async () => {
    await openWith(ENTRIES, 45);
    expect(getByText(element, '1–3 of 45 queries')).toBeTruthy();
    getByRole(element, 'button', { name: 'Next page' }).click();
    await settle();
    expect(url()).toBe('/history?page=2');
    expect(listRequest().request.params.get('page')).toBe('2');
  });

  it('explains a failed load and tries again', async () => {
    (await open('/history')).flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Server Error' });
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The history could not be loaded.');
    getByRole(element, 'button', { name: 'Try again' }).click();
    listRequest().flush(aPage(ENTRIES));
    await settle();
    expect(rowTexts()).toHaveLength(3);
  });

  it('saves an entry as a favourite, and keeps a taken name in the dialog', async () => {
    await openWith();
    getByRole(row(/Usages/), 'button', { name: 'Save as favourite' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    expect(dialog.textContent).toContain('Usages: Customer C000003 at operator 029 · From 2026-01-01');
    typeInto(dialog, /^Name/, 'January travel');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    const taken = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(taken.request.body).toEqual({ name: 'January travel', kind: 'usages', params: ENTRIES[1]?.params });
    taken.flush(anApiError('FAVOURITE_NAME_TAKEN', 409), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(
      getByText(dialog, 'You already have a favourite called “January travel”. Choose another name.'),
    ).toBeTruthy();

    typeInto(dialog, /^Name/, 'January travel (Ada)');
    getByRole(dialog, 'button', { name: 'Save' }).click();
    http
      .expectOne({ method: 'POST', url: FAVOURITES_URL })
      .flush(aFavourite({ name: 'January travel (Ada)', kind: 'usages' }), { status: 201, statusText: 'Created' });
    await settle();
    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(getByRole(element, 'status', { name: /Saved “January travel \(Ada\)” to your favourites\./ })).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'Open your favourites' }).getAttribute('href')).toBe('/favourites');
  });

  it('deletes an entry and shows the page again', async () => {
    await openWith();
    getByRole(row(/Modes/), 'button', { name: 'Delete' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'DELETE', url: `${HISTORY_URL}/${ENTRIES[2]?.id}` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    listRequest().flush(aPage(ENTRIES.slice(0, 2)));
    await settle();
    expect(rowTexts()).toHaveLength(2);
    expect(getByText(element, /^Deleted the Modes query from your history\./)).toBeTruthy();
  });

  it('goes back a page when the last entry of a later page is deleted', async () => {
    await openWith([ENTRIES[0]], 21, '/history?page=2');
    getByRole(element, 'button', { name: 'Delete' }).click();
    TestBed.tick();
    http
      .expectOne({ method: 'DELETE', url: `${HISTORY_URL}/${ENTRIES[0]?.id}` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    expect(url()).toBe('/history');
    listRequest().flush(aPage(ENTRIES));
  });

  it('clears the whole history after a confirmation, and not without one', async () => {
    await openWith();
    getByRole(element, 'button', { name: 'Clear all' }).click();
    await settle();
    const confirm = getByRole(document.body, 'alertdialog');
    expect(getByRole(confirm, 'heading', { name: 'Clear your whole history?' })).toBeTruthy();
    getByRole(confirm, 'button', { name: 'Cancel' }).click();
    await settle();
    http.expectNone({ method: 'DELETE', url: HISTORY_URL });

    getByRole(element, 'button', { name: 'Clear all' }).click();
    await settle();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Clear all' }).click();
    await settle();
    http.expectOne({ method: 'DELETE', url: HISTORY_URL }).flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    listRequest().flush(aPage([]));
    await settle();
    expect(getByText(element, 'Your history is cleared.')).toBeTruthy();
    expect(getByText(element, /^No queries yet\./)).toBeTruthy();
  });

  it('says when a deletion fails', async () => {
    await openWith();
    getByRole(row(/Modes/), 'button', { name: 'Delete' }).click();
    TestBed.tick();
    http.expectOne({ method: 'DELETE', url: `${HISTORY_URL}/${ENTRIES[2]?.id}` }).error(new ProgressEvent('error'));
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The server could not be reached.');
    expect(queryByText(element, /^Deleted/)).toBeNull();
  });
});
