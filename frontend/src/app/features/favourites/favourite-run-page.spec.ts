import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { Location } from '@angular/common';
import { type SpyLocation, provideLocationMocks } from '@angular/common/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError, signInAs } from '../../../testing/auth-fixtures';
import { getByRole, queryByRole } from '../../../testing/dom-queries';
import { aFavourite } from '../../../testing/query-fixtures';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { isQueryRun } from '../../core/query-tool/query-run';
import { FavouriteRunPage } from './favourite-run-page';

@Component({ changeDetection: ChangeDetectionStrategy.OnPush, template: '' })
class QueryPage {
  readonly run = isQueryRun(TestBed.inject(Router));
}

describe('FavouriteRunPage', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let element: HTMLElement;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideLocationMocks(),
        provideRouter(
          [
            { path: 'favourites/:id', component: FavouriteRunPage },
            { path: '**', component: QueryPage },
          ],
          withComponentInputBinding(),
        ),
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

  async function open(id: string): Promise<void> {
    await harness.navigateByUrl('/start');
    await harness.navigateByUrl(`/favourites/${id}`, FavouriteRunPage);
    element = harness.routeNativeElement as HTMLElement;
    TestBed.tick();
  }

  it("loads the favourite and replaces its URL with the query page's, as a fresh run", async () => {
    await open('f-1');
    expect(getByRole(element, 'progressbar', { name: 'Opening the favourite' })).toBeTruthy();
    http
      .expectOne(`${FAVOURITES_URL}/f-1`)
      .flush(aFavourite({ id: 'f-1', kind: 'operators', params: { mode: ['010'], q: 'scot' } }));
    await settle();

    expect(TestBed.inject(Router).url).toBe('/operators?q=scot&mode=010');
    expect((harness.routeDebugElement?.componentInstance as QueryPage).run).toBe(true);
    // The favourite's URL was replaced: Back leaves for the page before it, not into the favourite again.
    const location = TestBed.inject(Location) as SpyLocation;
    expect(location.urlChanges.slice(-2)).toEqual(['/favourites/f-1', 'replace: /operators?q=scot&mode=010']);
  });

  it('opens a customer records favourite on its tab', async () => {
    await open('f-2');
    http
      .expectOne(`${FAVOURITES_URL}/f-2`)
      .flush(aFavourite({ id: 'f-2', kind: 'concessions', params: { customerId: 'C000003', operatorId: '029' } }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/customers/029/C000003?tab=concessions');
  });

  it("says 'not found' for an unknown favourite, another user's, or an id that is none", async () => {
    await open('f-9');
    http
      .expectOne(`${FAVOURITES_URL}/f-9`)
      .flush(anApiError('FAVOURITE_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Favourite not found' })).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'Your favourites' }).getAttribute('href')).toBe('/favourites');
    expect(TestBed.inject(Router).url).toBe('/favourites/f-9');

    await open('not-an-id');
    http
      .expectOne(`${FAVOURITES_URL}/not-an-id`)
      .flush(anApiError('VALIDATION_FAILED', 400), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(getByRole(element, 'heading', { level: 1, name: 'Favourite not found' })).toBeTruthy();
  });

  it('offers to try again when the favourite could not be loaded', async () => {
    await open('f-1');
    http.expectOne(`${FAVOURITES_URL}/f-1`).error(new ProgressEvent('error'));
    await settle();
    expect(getByRole(element, 'alert').textContent).toContain('The favourite could not be opened.');
    getByRole(element, 'button', { name: 'Try again' }).click();
    TestBed.tick();
    http.expectOne(`${FAVOURITES_URL}/f-1`).flush(aFavourite({ kind: 'modes', params: {} }));
    await settle();
    expect(TestBed.inject(Router).url).toBe('/modes');
    expect(queryByRole(element, 'alert')).toBeNull();
  });
});
