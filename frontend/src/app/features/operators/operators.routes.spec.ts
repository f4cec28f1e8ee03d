import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { describe, expect, it } from 'vitest';

import { signInAs } from '../../../testing/auth-fixtures';
import { ModesPage } from './modes-page';
import { OperatorDetailPage } from './operator-detail-page';
import { MODES_ROUTES, OPERATORS_ROUTES } from './operators.routes';
import { OperatorsPage } from './operators-page';

describe('OPERATORS_ROUTES', () => {
  function setUp(): void {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'operators', children: OPERATORS_ROUTES },
            { path: 'modes', children: MODES_ROUTES },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    signInAs('viewer');
  }

  it('shows the query page at the feature root and a detail page per ID, with page titles', async () => {
    setUp();
    const harness = await RouterTestingHarness.create();
    expect(await harness.navigateByUrl('/operators', OperatorsPage)).toBeInstanceOf(OperatorsPage);
    expect(document.title).toBe('Operators · Open Transport Hub');
    expect(await harness.navigateByUrl('/operators/019', OperatorDetailPage)).toBeInstanceOf(OperatorDetailPage);
    expect(document.title).toBe('Operator · Open Transport Hub');
  });

  it('shows the modes at /modes', async () => {
    setUp();
    const harness = await RouterTestingHarness.create();
    expect(await harness.navigateByUrl('/modes', ModesPage)).toBeInstanceOf(ModesPage);
    expect(document.title).toBe('Modes · Open Transport Hub');
  });
});
