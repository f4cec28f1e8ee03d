import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { getByRole, getByText } from '../../../testing/dom-queries';
import { HEALTH_URL } from './data/health-client';
import { HomePage } from './home-page';
import { type HealthReport } from './model/health';

describe('HomePage', () => {
  let fixture: ComponentFixture<HomePage>;
  let element: HTMLElement;
  let http: HttpTestingController;

  const healthy: HealthReport = {
    status: 'ok',
    version: '0.1.0',
    uptimeSeconds: 120,
    database: { status: 'up', type: 'sqlite', latencyMs: 2 },
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HomePage);
    element = fixture.nativeElement as HTMLElement;
    // Render and let the store issue its request. (whenStable() would wait for the pending
    // request itself, so it is only awaited once a response has been flushed.)
    TestBed.tick();
  });

  afterEach(() => {
    http.verify();
  });

  function status(): string {
    return getByRole(element, 'status').textContent?.trim() ?? '';
  }

  it('has a page heading and checks the API on arrival', () => {
    expect(getByRole(element, 'heading', { level: 1, name: 'Open Transport Hub' })).toBeTruthy();
    expect(getByRole(element, 'heading', { name: 'API status' })).toBeTruthy();
    expect(status()).toBe('Checking API status…');
    http.expectOne(HEALTH_URL).flush(healthy);
  });

  it('shows "API healthy" with version and database details', async () => {
    http.expectOne(HEALTH_URL).flush(healthy);
    await fixture.whenStable();

    expect(status()).toBe('API healthy');
    expect(getByText(element, '0.1.0')).toBeTruthy();
    expect(getByText(element, 'sqlite (up)')).toBeTruthy();
  });

  it('shows "API degraded" when the API answers 503', async () => {
    http
      .expectOne(HEALTH_URL)
      .flush(
        { ...healthy, status: 'degraded', database: { status: 'down', type: 'postgres' } },
        { status: 503, statusText: 'Service Unavailable' },
      );
    await fixture.whenStable();

    expect(status()).toBe('API degraded');
    expect(getByText(element, 'postgres (down)')).toBeTruthy();
  });

  it('shows "API unreachable" when the request fails', async () => {
    http.expectOne(HEALTH_URL).error(new ProgressEvent('error'), { status: 0, statusText: 'Unknown Error' });
    await fixture.whenStable();

    expect(status()).toBe('API unreachable');
  });

  it('checks again when Refresh is pressed', async () => {
    http.expectOne(HEALTH_URL).error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(status()).toBe('API unreachable');

    getByRole(element, 'button', { name: 'Refresh' }).click();
    TestBed.tick();
    http.expectOne(HEALTH_URL).flush(healthy);
    await fixture.whenStable();

    expect(status()).toBe('API healthy');
  });
});
