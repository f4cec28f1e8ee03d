import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { NotFoundPage } from './not-found-page';

describe('NotFoundPage', () => {
  it('says the page was not found and links home', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter([])],
    });
    const fixture = TestBed.createComponent(NotFoundPage);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'Page not found' })).toBeTruthy();
    expect(getByText(element, /no page at this address/)).toBeTruthy();
    expect(getByRole(element, 'link', { name: 'Go to the home page' }).getAttribute('href')).toBe('/');
  });
});
