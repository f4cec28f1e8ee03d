import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { signInAs } from '../../../testing/auth-fixtures';
import { CustomerDetailPage } from './customer-detail-page';
import { CustomerSearchPage } from './customer-search-page';
import { CUSTOMERS_ROUTES } from './customers.routes';

describe('CUSTOMERS_ROUTES', () => {
  async function harness(): Promise<RouterTestingHarness> {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(CUSTOMERS_ROUTES, withComponentInputBinding()),
      ],
    });
    signInAs('admin');
    return RouterTestingHarness.create();
  }

  it('shows the search at the feature root', async () => {
    const page = await (await harness()).navigateByUrl('/?q=byron', CustomerSearchPage);
    expect(page).toBeInstanceOf(CustomerSearchPage);
    expect(document.title).toBe('Customers · Open Transport Hub');
  });

  it('shows a customer at /:operatorId/:customerId', async () => {
    const page = await (await harness()).navigateByUrl('/029/C000003?tab=usages', CustomerDetailPage);
    expect(page).toBeInstanceOf(CustomerDetailPage);
    expect(document.title).toBe('Customer · Open Transport Hub');
  });
});
