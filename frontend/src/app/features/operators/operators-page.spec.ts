import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { OperatorsPage } from './operators-page';

describe('OperatorsPage', () => {
  it('says plainly that the feature is coming', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(OperatorsPage);
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'Operators' })).toBeTruthy();
    expect(getByText(element, 'Operator queries arrive with the operators module.')).toBeTruthy();
  });
});
