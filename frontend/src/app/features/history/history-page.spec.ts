import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { HistoryPage } from './history-page';

describe('HistoryPage', () => {
  it('says plainly that the feature is coming', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(HistoryPage);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'History' })).toBeTruthy();
    expect(getByText(element, 'Query history arrives with the history module.')).toBeTruthy();
  });
});
