import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { aPage } from '../../../testing/operator-fixtures';
import { HISTORY_URL } from './data/history-client';
import { HISTORY_ROUTES } from './history.routes';
import { HistoryPage } from './history-page';

describe('HISTORY_ROUTES', () => {
  it('shows the history page at the feature root with a page title', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(HISTORY_ROUTES),
      ],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/', HistoryPage);
    TestBed.tick();
    TestBed.inject(HttpTestingController)
      .expectOne((request) => request.url === HISTORY_URL)
      .flush(aPage([]));

    expect(page).toBeInstanceOf(HistoryPage);
    expect(document.title).toBe('History · Open Transport Hub');
  });
});
