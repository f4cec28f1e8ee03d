import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { CustomersPage } from './customers-page';

describe('CustomersPage', () => {
  it('says plainly that the feature is coming', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(CustomersPage);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'Customers' })).toBeTruthy();
    expect(getByText(element, 'Customer account queries arrive with the customers module.')).toBeTruthy();
  });
});
