import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../../testing/auth-fixtures';
import { aPage } from '../../../../testing/operator-fixtures';
import { aFavourite } from '../../../../testing/query-fixtures';
import { SessionCleanup } from '../../../core/auth/session-cleanup';
import { FAVOURITES_URL } from '../../../core/query-tool/favourites-client';
import { FavouritesStore } from './favourites-store';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('FavouritesStore', () => {
  let store: FavouritesStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), FavouritesStore],
    });
    store = TestBed.inject(FavouritesStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  async function loaded(): Promise<void> {
    store.load(1);
    TestBed.tick();
    http
      .expectOne(`${FAVOURITES_URL}?page=1&pageSize=50`)
      .flush(aPage([aFavourite(), aFavourite({ id: 'f-2', name: 'Trains' })], { pageSize: 50 }));
    await settle();
  }

  it('loads a page of favourites', async () => {
    await loaded();
    expect(store.favourites().map((favourite) => favourite.name)).toEqual(['Scottish operators', 'Trains']);
    expect(store.total()).toBe(2);
    expect(store.pageSize()).toBe(50);
  });

  it('renames a favourite in place', async () => {
    await loaded();
    const renaming = store.rename('f-2', 'All trains');
    const patch = http.expectOne({ method: 'PATCH', url: `${FAVOURITES_URL}/f-2` });
    expect(patch.request.body).toEqual({ name: 'All trains' });
    patch.flush(aFavourite({ id: 'f-2', name: 'All trains' }));
    await expect(renaming).resolves.toMatchObject({ name: 'All trains' });
    expect(store.favourites().map((favourite) => favourite.name)).toEqual(['Scottish operators', 'All trains']);
  });

  it('passes a taken name on to the page', async () => {
    await loaded();
    const renaming = store.rename('f-2', 'Scottish operators');
    http
      .expectOne({ method: 'PATCH', url: `${FAVOURITES_URL}/f-2` })
      .flush(anApiError('FAVOURITE_NAME_TAKEN', 409), { status: 409, statusText: 'Conflict' });
    await expect(renaming).rejects.toMatchObject({ status: 409 });
    expect(store.favourites().map((favourite) => favourite.name)).toEqual(['Scottish operators', 'Trains']);
  });

  it('deletes a favourite, counting one already gone as deleted', async () => {
    const removing = store.remove('f-1');
    http.expectOne({ method: 'DELETE', url: `${FAVOURITES_URL}/f-1` }).flush(null, { status: 204, statusText: 'No Content' });
    await expect(removing).resolves.toBeUndefined();

    const gone = store.remove('f-2');
    http
      .expectOne({ method: 'DELETE', url: `${FAVOURITES_URL}/f-2` })
      .flush(anApiError('FAVOURITE_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await expect(gone).resolves.toBeUndefined();
  });

  it('forgets the favourites when the session ends', async () => {
    await loaded();
    TestBed.inject(SessionCleanup).run();
    TestBed.tick();
    expect(store.favourites()).toEqual([]);
    expect(store.loaded()).toBe(false);
  });
});
