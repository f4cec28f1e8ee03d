import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { getByLabelText, getByRole } from '../../../testing/dom-queries';
import { FAVOURITES_URL, FavouritesClient } from './favourites-client';
import { describeQuery, saveAsFavourite, suggestedFavouriteName } from './save-favourite';

describe('saveAsFavourite', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('describes a query with its kind, and suggests that as a name within the length allowed', () => {
    expect(describeQuery({ kind: 'customers', params: { q: 'smith' } })).toBe(
      'Customer search: “smith” · All operators',
    );
    expect(suggestedFavouriteName({ kind: 'operators', params: { q: 'scot' } })).toBe(
      'Operators: Name contains “scot”',
    );
    const long = suggestedFavouriteName({ kind: 'operators', params: { q: 'x'.repeat(150) } });
    expect(long).toHaveLength(100);
    expect(long.endsWith('…')).toBe(true);
  });

  it('posts the kind and params under the name given, and resolves to the new favourite', async () => {
    const saved = saveAsFavourite(TestBed.inject(MatDialog), TestBed.inject(FavouritesClient), {
      kind: 'operators',
      params: { mode: ['010'], q: 'scot' },
    });
    await new Promise((resolve) => setTimeout(resolve));
    TestBed.tick();
    const dialog = getByRole(document.body, 'dialog');
    expect(getByRole(dialog, 'heading', { name: 'Save as favourite' })).toBeTruthy();
    expect((getByLabelText(dialog, /^Name/) as HTMLInputElement).value).toBe(
      'Operators: Name contains “scot” · Mode 010',
    );
    getByRole(dialog, 'button', { name: 'Save' }).click();

    const request = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(request.request.body).toEqual({
      name: 'Operators: Name contains “scot” · Mode 010',
      kind: 'operators',
      params: { mode: ['010'], q: 'scot' },
    });
    const favourite = {
      id: 'f-1',
      name: 'Operators: Name contains “scot” · Mode 010',
      kind: 'operators',
      params: { mode: ['010'], q: 'scot' },
      createdAt: '2026-03-01T10:00:00.000Z',
      updatedAt: '2026-03-01T10:00:00.000Z',
    };
    request.flush(favourite);
    await expect(saved).resolves.toEqual(favourite);
  });
});
