import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting, type TestRequest } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MATERIAL_ANIMATIONS } from '@angular/material/core';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByLabelText, getByRole, getByText, queryAllByRole, queryByRole } from '../../../testing/dom-queries';
import { aPage } from '../../../testing/operator-fixtures';
import { aFavourite } from '../../../testing/query-fixtures';
import { typeInto } from '../../../testing/user-events';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { FavouritesPage } from './favourites-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class Blank {}

const FAVOURITES = [
  aFavourite({ id: 'f-1', name: 'Scottish operators' }),
  aFavourite({ id: 'f-2', name: 'Byrons', kind: 'customers', params: { operatorId: '029', q: 'byron' } }),
];

describe('FavouritesPage', () => {
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
          { path: 'favourites', component: FavouritesPage },
          { path: '**', component: Blank },
        ]),
        { provide: MATERIAL_ANIMATIONS, useValue: { animationsDisabled: true } },
      ],
    });
    http = TestBed.inject(HttpTestingController);
    signInAs('admin');
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
    return http.expectOne((request) => request.url === FAVOURITES_URL && request.method === 'GET');
  }

  async function openWith(favourites = FAVOURITES, total = favourites.length, url = '/favourites'): Promise<void> {
    await harness.navigateByUrl(url, FavouritesPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush(aPage(favourites, { total, pageSize: 50 }));
    await settle();
  }

  function rowTexts(): string[][] {
    const table = getByRole(element, 'table', { name: 'Favourites' });
    return queryAllByRole(table, 'row')
      .slice(1)
      .map((row) => queryAllByRole(row, 'cell').map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? ''));
  }

  function row(name: string): HTMLElement {
    const table = getByRole(element, 'table', { name: 'Favourites' });
    const found = queryAllByRole(table, 'row').filter((candidate) => candidate.textContent?.includes(name));
    expect(found).toHaveLength(1);
    return found[0];
  }

  it('lists the favourites with name, kind and the query in words; Run opens the favourite by its URL', async () => {
    await openWith();
    expect(getByRole(element, 'heading', { level: 1, name: 'Favourites' })).toBeTruthy();
    expect(rowTexts().map((cells) => cells.slice(0, 3))).toEqual([
      ['Scottish operators', 'Operators', 'Name contains “scot”'],
      ['Byrons', 'Customer search', '“byron” · Operator 029'],
    ]);
    expect(getByRole(row('Byrons'), 'link', { name: 'Run' }).getAttribute('href')).toBe('/favourites/f-2');
  });

  it('says when there are no favourites yet', async () => {
    await openWith([]);
    expect(getByText(element, /^No favourites yet\./)).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'history' }).getAttribute('href')).toBe('/history');
    expect(queryByRole(element, 'table')).toBeNull();
  });

  it('explains a failed load and tries again', async () => {
    await harness.navigateByUrl('/favourites', FavouritesPage);
    element = harness.routeNativeElement as HTMLElement;
    listRequest().flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Server Error' });
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('Your favourites could not be loaded.');
    getByRole(element, 'button', { name: 'Try again' }).click();
    listRequest().flush(aPage(FAVOURITES));
    await settle();
    expect(rowTexts()).toHaveLength(2);
  });

  it('renames a favourite, keeping a taken name in the dialog', async () => {
    await openWith();
    getByRole(row('Byrons'), 'button', { name: 'Rename' }).click();
    await settle();
    const dialog = getByRole(document.body, 'dialog');
    expect(getByRole(dialog, 'heading', { name: 'Rename favourite' })).toBeTruthy();
    expect((getByLabelText(dialog, /^Name/) as HTMLInputElement).value).toBe('Byrons');

    typeInto(dialog, /^Name/, 'Scottish operators');
    getByRole(dialog, 'button', { name: 'Rename' }).click();
    const taken = http.expectOne({ method: 'PATCH', url: `${FAVOURITES_URL}/f-2` });
    expect(taken.request.body).toEqual({ name: 'Scottish operators' });
    taken.flush(anApiError('FAVOURITE_NAME_TAKEN', 409), { status: 409, statusText: 'Conflict' });
    await settle();
    expect(
      getByText(dialog, 'You already have a favourite called “Scottish operators”. Choose another name.'),
    ).toBeTruthy();

    typeInto(dialog, /^Name/, 'Byrons at PSD Buses');
    getByRole(dialog, 'button', { name: 'Rename' }).click();
    http
      .expectOne({ method: 'PATCH', url: `${FAVOURITES_URL}/f-2` })
      .flush({ ...FAVOURITES[1], name: 'Byrons at PSD Buses' });
    await settle();
    expect(queryByRole(document.body, 'dialog')).toBeNull();
    expect(getByText(element, 'Renamed “Byrons” to “Byrons at PSD Buses”.')).toBeTruthy();
    expect(rowTexts()[1]?.[0]).toBe('Byrons at PSD Buses');
  });

  it('deletes a favourite after a confirmation', async () => {
    await openWith();
    getByRole(row('Scottish operators'), 'button', { name: 'Delete' }).click();
    await settle();
    const confirm = getByRole(document.body, 'alertdialog');
    expect(getByRole(confirm, 'heading', { name: 'Delete the favourite “Scottish operators”?' })).toBeTruthy();
    getByRole(confirm, 'button', { name: 'Delete' }).click();
    await settle();
    http
      .expectOne({ method: 'DELETE', url: `${FAVOURITES_URL}/f-1` })
      .flush(null, { status: 204, statusText: 'No Content' });
    await settle();
    listRequest().flush(aPage(FAVOURITES.slice(1)));
    await settle();
    expect(getByText(element, 'Deleted the favourite “Scottish operators”.')).toBeTruthy();
    expect(rowTexts().map((cells) => cells[0])).toEqual(['Byrons']);
  });

  it('keeps a favourite when the deletion is cancelled', async () => {
    await openWith();
    getByRole(row('Byrons'), 'button', { name: 'Delete' }).click();
    await settle();
    getByRole(getByRole(document.body, 'alertdialog'), 'button', { name: 'Cancel' }).click();
    await settle();
    http.expectNone({ method: 'DELETE' });
    expect(rowTexts()).toHaveLength(2);
  });

  it('pages through many favourites in the URL', async () => {
    await openWith(FAVOURITES, 120);
    getByRole(element, 'button', { name: 'Next page' }).click();
    await settle();
    expect(TestBed.inject(Router).url).toBe('/favourites?page=2');
    expect(listRequest().request.params.get('page')).toBe('2');
  });
});
