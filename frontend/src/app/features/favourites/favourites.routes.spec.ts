import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { aPage } from '../../../testing/operator-fixtures';
import { FAVOURITES_URL } from '../../core/query-tool/favourites-client';
import { FavouriteRunPage } from './favourite-run-page';
import { FAVOURITES_ROUTES } from './favourites.routes';
import { FavouritesPage } from './favourites-page';

describe('FAVOURITES_ROUTES', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(FAVOURITES_ROUTES, withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  it('shows the favourites page at the feature root with a page title', async () => {
    const page = await harness.navigateByUrl('/', FavouritesPage);
    TestBed.tick();
    http.expectOne((request) => request.url === FAVOURITES_URL).flush(aPage([]));

    expect(page).toBeInstanceOf(FavouritesPage);
    expect(document.title).toBe('Favourites · Open Transport Hub');
  });

  it('gives each favourite a URL of its own, which opens it', async () => {
    const page = await harness.navigateByUrl('/f-1', FavouriteRunPage);
    TestBed.tick();
    http.expectOne(`${FAVOURITES_URL}/f-1`);

    expect(page).toBeInstanceOf(FavouriteRunPage);
    expect(document.title).toBe('Favourite · Open Transport Hub');
  });
});
