import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection, type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { getByRole } from '../testing/dom-queries';
import { MAIN_NAV_LINKS } from './app';
import { APP_ROUTES } from './app.routes';
import { CustomersPage } from './features/customers/customers-page';
import { FavouritesPage } from './features/favourites/favourites-page';
import { HistoryPage } from './features/history/history-page';
import { HomePage } from './features/home/home-page';
import { NotFoundPage } from './features/not-found/not-found-page';
import { OperatorsPage } from './features/operators/operators-page';

describe('APP_ROUTES', () => {
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter(APP_ROUTES),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    harness = await RouterTestingHarness.create();
  });

  it.each<[string, Type<unknown>, string]>([
    ['/', HomePage, 'Open Transport Hub'],
    ['/operators', OperatorsPage, 'Operators · Open Transport Hub'],
    ['/customers', CustomersPage, 'Customers · Open Transport Hub'],
    ['/history', HistoryPage, 'History · Open Transport Hub'],
    ['/favourites', FavouritesPage, 'Favourites · Open Transport Hub'],
    ['/no/such/page', NotFoundPage, 'Page not found · Open Transport Hub'],
  ])('routes %s to its page', async (url, page, title) => {
    expect(await harness.navigateByUrl(url, page)).toBeInstanceOf(page);
    expect(document.title).toBe(title);
  });

  it('shows "Page not found" for unknown addresses', async () => {
    await harness.navigateByUrl('/definitely-not-here');
    expect(getByRole(harness.routeNativeElement as HTMLElement, 'heading', { name: 'Page not found' })).toBeTruthy();
  });

  it('has a route for every main navigation link', async () => {
    for (const link of MAIN_NAV_LINKS) {
      await harness.navigateByUrl(link.path);
      expect(harness.routeNativeElement?.tagName).not.toBe('APP-NOT-FOUND-PAGE');
    }
  });
});
