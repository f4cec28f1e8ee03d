import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import {
  getByLabelText,
  getByRole,
  getByText,
  queryAllByRole,
  queryByRole,
  queryByText,
} from '../../../testing/dom-queries';
import { MODES, aPage, anOperator } from '../../../testing/operator-fixtures';
import { aFavourite } from '../../../testing/query-fixtures';
import { typeInto } from '../../../testing/user-events';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { QUERY_RUN_STATE } from '../../core/query-tool/query-run';
import { MODES_URL, OPERATORS_URL } from './data/operators-client';
import { OperatorsPage } from './operators-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

describe('OperatorsPage', () => {
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
          { path: 'operators', component: OperatorsPage },
          { path: '**', component: Blank },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('viewer');
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.verify();
    vi.restoreAllMocks();
  });

  /** Lets navigations and answers complete and renders (no whenStable: a pending request would block it). */
  async function settle(): Promise<void> {
    for (let round = 0; round < 2; round++) {
      await new Promise((resolve) => setTimeout(resolve));
      TestBed.tick();
    }
  }

  /** Opens `url`, answers the modes request, and returns the list request. */
  async function open(url: string): Promise<TestRequest> {
    await harness.navigateByUrl(url, OperatorsPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
    http.expectOne(MODES_URL).flush(MODES);
    return http.expectOne((request) => request.url === OPERATORS_URL);
  }

  function listRequest(): TestRequest {
    TestBed.tick();
    return http.expectOne((request) => request.url === OPERATORS_URL);
  }

  function url(): string {
    return TestBed.inject(Router).url;
  }

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Operators' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  it('queries what the URL says and fills the form from it', async () => {
    const request = await open('/operators?q=scot&id=019&mode=010&mode=007&language=en&sort=-id&page=2&pageSize=50');
    expect(request.request.urlWithParams).toBe(
      `${OPERATORS_URL}?q=scot&id=019&language=en&mode=010&mode=007&sort=-id&page=2&pageSize=50`,
    );
    TestBed.tick();
    expect(getByRole(element, 'progressbar', { name: 'Loading operators' })).toBeTruthy();
    request.flush(aPage([anOperator()], { total: 51, page: 2, pageSize: 50 }));
    await settle();

    expect(queryByRole(element, 'progressbar')).toBeNull();
    expect((getByLabelText(element, 'Name contains') as HTMLInputElement).value).toBe('scot');
    expect((getByLabelText(element, 'Operator ID') as HTMLInputElement).value).toBe('019');
    expect((getByLabelText(element, 'Language') as HTMLInputElement).value).toBe('en');
    expect(getByRole(element, 'combobox', { name: 'Modes' }).textContent).toContain('bus, train');
    expect(getByText(element, '51 operators found').getAttribute('role')).toBe('status');
  });

  it('shows every field of the operators in a table', async () => {
    (await open('/operators')).flush(
      aPage([
        anOperator(),
        anOperator({
          id: '029',
          name: 'PSD Buses',
          homepage: 'https://psdbuses.example.org/',
          customerAccountUrl: 'https://psdbuses.example.org/oti/',
          modes: [
            { id: '007', shortDesc: 'bus' },
            { id: '010', shortDesc: 'train' },
          ],
          phone: '03432221234',
          email: '',
          miptaUrls: [],
        }),
      ]),
    );
    await settle();

    expect(getByRole(element, 'heading', { level: 1, name: 'Operators' })).toBeTruthy();
    const table = getByRole(element, 'table', { name: 'Operators' });
    expect(queryAllByRole(table, 'columnheader').map((th) => th.textContent?.trim())).toEqual([
      'ID',
      'Name',
      'Kind',
      'Modes',
      'Homepage',
      'Email',
      'Phone',
      'Language',
      'MIPTA URLs',
      'Customer-account URL',
    ]);
    expect(rowTexts()).toEqual([
      [
        '019',
        'ScotRail',
        'Operator',
        'train',
        'www.scotrail.co.uk/',
        'customer.relations@scotrail.co.uk',
        '—',
        'en',
        'https://mipta.scotrail.co.uk/',
        'https://opentransport.scotrail.co.uk/',
      ],
      [
        '029',
        'PSD Buses',
        'Operator',
        'bus, train',
        'https://psdbuses.example.org/',
        '—',
        '03432221234',
        'en',
        '—',
        'https://psdbuses.example.org/oti/',
      ],
    ]);
    expect(getByRole(table, 'link', { name: 'ScotRail' }).getAttribute('href')).toBe('/operators/019');
    expect(getByRole(table, 'link', { name: 'www.scotrail.co.uk/' }).getAttribute('href')).toBe(
      'https://www.scotrail.co.uk/',
    );
  });

  it('puts the submitted filters into the URL, which runs the query', async () => {
    (await open('/operators')).flush(aPage([anOperator()]));
    await settle();

    typeInto(element, 'Name contains', ' scot ');
    typeInto(element, 'Email', 'scotrail');
    getByRole(element, 'combobox', { name: 'Modes' }).click();
    await settle();
    getByRole(document.body, 'option', { name: 'train' }).click();
    getByRole(document.body, 'option', { name: 'bus' }).click();
    await settle();
    getByRole(element, 'button', { name: 'Search' }).click();
    await settle();

    // The select keeps the modes in list order.
    expect(url()).toBe('/operators?q=scot&email=scotrail&mode=007&mode=010');
    const request = listRequest();
    expect(request.request.params.getAll('mode')).toEqual(['007', '010']);
    expect(request.request.params.get('q')).toBe('scot');
    request.flush(aPage([anOperator()]));
    await settle();
  });

  it('clears the filters but keeps the sort and page size', async () => {
    (await open('/operators?q=scot&mode=010&sort=id&page=3&pageSize=10')).flush(aPage([anOperator()], { total: 30 }));
    await settle();

    getByRole(element, 'button', { name: 'Clear' }).click();
    await settle();
    expect(url()).toBe('/operators?sort=id&pageSize=10');
    listRequest().flush(aPage([]));
    await settle();
    expect((getByLabelText(element, 'Name contains') as HTMLInputElement).value).toBe('');
  });

  it('says when no operator matches', async () => {
    (await open('/operators?q=nothing')).flush(aPage([]));
    await settle();
    expect(getByText(element, 'No operators match these filters.')).toBeTruthy();
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it("explains a failed query with the server's code and tries again", async () => {
    (await open('/operators')).flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Server Error' });
    await settle();
    const alert = getByRole(element, 'alert');
    expect(alert.textContent).toContain('The operators could not be loaded. Something went wrong. Please try again.');

    getByRole(alert, 'button', { name: 'Try again' }).click();
    listRequest().flush(aPage([anOperator()]));
    await settle();
    expect(queryByRole(element, 'alert')).toBeNull();
    expect(rowTexts()).toHaveLength(1);
  });

  it('names the filters the server rejected', async () => {
    (await open('/operators?language=english')).flush(
      {
        ...anApiError('VALIDATION_FAILED', 400),
        details: [{ field: 'language', message: 'language must be an ISO 639-1 code' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('Check the filters: language must be an ISO 639-1 code.');
  });

  it('sorts by name and ID through the column headers, in the URL', async () => {
    (await open('/operators?page=2')).flush(aPage([anOperator()], { total: 30, page: 2 }));
    await settle();
    const table = getByRole(element, 'table', { name: 'Operators' });
    expect(getByRole(table, 'columnheader', { name: /^Name/ }).getAttribute('aria-sort')).toBe('ascending');

    getByRole(table, 'button', { name: 'Name' }).click();
    await settle();
    expect(url()).toBe('/operators?sort=-name');
    listRequest().flush(aPage([anOperator()], { total: 30 }));
    await settle();

    getByRole(element, 'button', { name: 'ID' }).click();
    await settle();
    expect(url()).toBe('/operators?sort=id');
    listRequest().flush(aPage([anOperator()], { total: 30 }));
    await settle();
  });

  it('pages through the results in the URL', async () => {
    (await open('/operators?q=a')).flush(aPage([anOperator()], { total: 45 }));
    await settle();
    expect(getByText(element, /1 – 20 of 45/)).toBeTruthy();

    getByRole(element, 'button', { name: 'Next page' }).click();
    await settle();
    expect(url()).toBe('/operators?q=a&page=2');
    listRequest().flush(aPage([anOperator()], { total: 45, page: 2 }));
    await settle();
    expect(queryByText(element, /21 – 40 of 45/)).toBeTruthy();
  });

  it('downloads the filtered result through an object URL, not a URL with the token', async () => {
    (await open('/operators?q=scot&mode=010&page=2')).flush(aPage([anOperator()], { total: 21, page: 2 }));
    await settle();
    const createObjectURL = vi.fn(() => 'blob:operators');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);

    getByRole(element, 'button', { name: 'Export CSV' }).click();
    TestBed.tick();
    const request = http.expectOne(`${OPERATORS_URL}/export?q=scot&mode=010&format=csv`);
    const csv = new Blob(['id,name\n019,ScotRail\n'], { type: 'text/csv' });
    request.flush(csv, { headers: { 'Content-Disposition': 'attachment; filename="operators-x.csv"' } });
    await settle();

    expect(createObjectURL).toHaveBeenCalledWith(csv);
    expect(click).toHaveBeenCalledTimes(1);
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('operators-x.csv');
    expect(link.href).toBe('blob:operators');
  });

  it('explains a failed export', async () => {
    (await open('/operators')).flush(aPage([anOperator()]));
    await settle();
    getByRole(element, 'button', { name: 'Export JSON' }).click();
    TestBed.tick();
    http
      .expectOne(`${OPERATORS_URL}/export?format=json`)
      .flush(new Blob(['{}']), { status: 429, statusText: 'Too Many Requests' });
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The export failed. Too many requests.');
  });

  it('saves the query in force as a favourite, with the parameters of its URL', async () => {
    (await open('/operators?q=scot&mode=010&sort=-id')).flush(aPage([anOperator()]));
    await settle();
    getByRole(element, 'button', { name: 'Save as favourite' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    expect((getByLabelText(dialog, /^Name/) as HTMLInputElement).value).toBe(
      'Operators: Name contains “scot” · Mode 010 · Sorted by ID, descending',
    );
    typeInto(dialog, /^Name/, 'Scottish trains');
    getByRole(dialog, 'button', { name: 'Save' }).click();

    const post = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(post.request.body).toEqual({
      name: 'Scottish trains',
      kind: 'operators',
      params: { mode: ['010'], q: 'scot', sort: '-id' },
    });
    post.flush(aFavourite({ name: 'Scottish trains' }), { status: 201, statusText: 'Created' });
    await vi.waitFor(() =>
      expect(getByText(element, 'Saved “Scottish trains” to your favourites.').getAttribute('role')).toBe('status'),
    );
  });

  it('keeps the answer on an ordinary return, but asks afresh when History or Favourites run the query', async () => {
    (await open('/operators?q=scot')).flush(aPage([anOperator()]));
    await settle();
    const router = TestBed.inject(Router);

    await router.navigateByUrl('/elsewhere');
    await router.navigateByUrl('/operators?q=scot');
    await settle();
    http.expectNone((request) => request.url === OPERATORS_URL);

    await router.navigateByUrl('/elsewhere');
    await router.navigate(['/operators'], { queryParams: { q: 'scot' }, state: QUERY_RUN_STATE });
    await settle();
    const fresh = http.expectOne((request) => request.url === OPERATORS_URL);
    expect(fresh.request.urlWithParams).toBe(`${OPERATORS_URL}?q=scot&sort=name&page=1&pageSize=20`);
    fresh.flush(aPage([anOperator()]));
  });
});
