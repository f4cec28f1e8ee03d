import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { FAVOURITES_ROUTES } from './favourites.routes';
import { FavouritesPage } from './favourites-page';

describe('FAVOURITES_ROUTES', () => {
  it('shows the favourites page at the feature root with a page title', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter(FAVOURITES_ROUTES)],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/', FavouritesPage);

    expect(page).toBeInstanceOf(FavouritesPage);
    expect(document.title).toBe('Favourites · Open Transport Hub');
  });
});
