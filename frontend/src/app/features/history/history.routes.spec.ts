import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { HISTORY_ROUTES } from './history.routes';
import { HistoryPage } from './history-page';

describe('HISTORY_ROUTES', () => {
  it('shows the history page at the feature root with a page title', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter(HISTORY_ROUTES)],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/', HistoryPage);

    expect(page).toBeInstanceOf(HistoryPage);
    expect(document.title).toBe('History · Open Transport Hub');
  });
});
