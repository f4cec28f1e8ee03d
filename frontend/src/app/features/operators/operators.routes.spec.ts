import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { OPERATORS_ROUTES } from './operators.routes';
import { OperatorsPage } from './operators-page';

describe('OPERATORS_ROUTES', () => {
  it('shows the operators page at the feature root with a page title', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter(OPERATORS_ROUTES)],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/', OperatorsPage);

    expect(page).toBeInstanceOf(OperatorsPage);
    expect(document.title).toBe('Operators · Open Transport Hub');
  });
});
