import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { ComingSoon } from './coming-soon';

describe('ComingSoon', () => {
  it('renders the heading and the message', async () => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(ComingSoon);
    fixture.componentRef.setInput('heading', 'Widgets');
    fixture.componentRef.setInput('message', 'Widgets arrive later.');
    await fixture.whenStable();

    const element = fixture.nativeElement as HTMLElement;
    expect(getByRole(element, 'heading', { level: 1, name: 'Widgets' })).toBeTruthy();
    expect(getByText(element, 'Widgets arrive later.')).toBeTruthy();
  });
});
