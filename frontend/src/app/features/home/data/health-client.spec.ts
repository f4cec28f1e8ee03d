import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type HealthReport } from '../model/health';
import { HEALTH_URL, HealthClient } from './health-client';

describe('HealthClient', () => {
  let client: HealthClient;
  let http: HttpTestingController;

  const report: HealthReport = {
    status: 'ok',
    version: '0.1.0',
    uptimeSeconds: 42,
    database: { status: 'up', type: 'sqlite', latencyMs: 1 },
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    client = TestBed.inject(HealthClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('GETs the health endpoint and returns the report', async () => {
    const result = firstValueFrom(client.fetchHealth());
    const request = http.expectOne(HEALTH_URL);
    expect(request.request.method).toBe('GET');
    request.flush(report);
    await expect(result).resolves.toEqual(report);
  });

  it('treats a 503 with a report body as a degraded report, not an error', async () => {
    const degraded: HealthReport = {
      ...report,
      status: 'degraded',
      database: { status: 'down', type: 'postgres' },
    };
    const result = firstValueFrom(client.fetchHealth());
    http.expectOne(HEALTH_URL).flush(degraded, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).resolves.toEqual(degraded);
  });

  it('errors on other failures', async () => {
    const result = firstValueFrom(client.fetchHealth());
    http.expectOne(HEALTH_URL).flush('Bad gateway', { status: 502, statusText: 'Bad Gateway' });
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
  });

  it('errors on a 503 without a report body', async () => {
    const result = firstValueFrom(client.fetchHealth());
    http.expectOne(HEALTH_URL).flush(null, { status: 503, statusText: 'Service Unavailable' });
    await expect(result).rejects.toBeInstanceOf(HttpErrorResponse);
  });

  it('errors on a 200 whose body is not a report', async () => {
    const result = firstValueFrom(client.fetchHealth());
    http.expectOne(HEALTH_URL).flush({ hello: 'world' });
    await expect(result).rejects.toThrow(/Unexpected response/);
  });
});
