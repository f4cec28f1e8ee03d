import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { FavouritesPage } from './favourites-page';

describe('FavouritesPage', () => {
  it('says plainly that the feature is coming', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(FavouritesPage);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'Favourites' })).toBeTruthy();
    expect(getByText(element, 'Saved favourites arrive with the favourites module.')).toBeTruthy();
  });
});
