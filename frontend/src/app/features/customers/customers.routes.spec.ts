import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { CUSTOMERS_ROUTES } from './customers.routes';
import { CustomersPage } from './customers-page';

describe('CUSTOMERS_ROUTES', () => {
  it('shows the customers page at the feature root with a page title', async () => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideRouter(CUSTOMERS_ROUTES)],
    });
    const harness = await RouterTestingHarness.create();
    const page = await harness.navigateByUrl('/', CustomersPage);

    expect(page).toBeInstanceOf(CustomersPage);
    expect(document.title).toBe('Customers · Open Transport Hub');
  });
});
