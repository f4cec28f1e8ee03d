import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationRef, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { type HealthReport } from '../model/health';
import { HEALTH_URL } from './health-client';
import { HealthStore } from './health-store';

describe('HealthStore', () => {
  let store: HealthStore;
  let http: HttpTestingController;

  const report: HealthReport = {
    status: 'ok',
    version: '0.1.0',
    uptimeSeconds: 5,
    database: { status: 'up', type: 'sqlite' },
  };

  /** Lets the resource's effect run so that it issues (or settles) its request. */
  async function settle(): Promise<void> {
    await TestBed.inject(ApplicationRef).whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), HealthStore],
    });
    store = TestBed.inject(HealthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('starts loading and becomes healthy', async () => {
    expect(store.state()).toEqual({ kind: 'loading' });
    TestBed.tick();
    http.expectOne(HEALTH_URL).flush(report);
    await settle();
    expect(store.state()).toEqual({ kind: 'healthy', report, refreshing: false });
  });

  it('reports a degraded API', async () => {
    const degraded: HealthReport = { ...report, status: 'degraded' };
    TestBed.tick();
    http.expectOne(HEALTH_URL).flush(degraded, { status: 503, statusText: 'Service Unavailable' });
    await settle();
    expect(store.state()).toEqual({ kind: 'degraded', report: degraded, refreshing: false });
  });

  it('reports an unreachable API and recovers on refresh', async () => {
    TestBed.tick();
    http.expectOne(HEALTH_URL).error(new ProgressEvent('error'));
    await settle();
    expect(store.state()).toEqual({ kind: 'unreachable', refreshing: false });

    store.refresh();
    TestBed.tick();
    expect(store.state()).toEqual({ kind: 'unreachable', refreshing: true });
    http.expectOne(HEALTH_URL).flush(report);
    await settle();
    expect(store.state()).toEqual({ kind: 'healthy', report, refreshing: false });
  });

  it('keeps the last report while refreshing', async () => {
    TestBed.tick();
    http.expectOne(HEALTH_URL).flush(report);
    await settle();

    store.refresh();
    TestBed.tick();
    expect(store.state()).toEqual({ kind: 'healthy', report, refreshing: true });
    http.expectOne(HEALTH_URL).flush(report);
    await settle();
    expect(store.state()).toEqual({ kind: 'healthy', report, refreshing: false });
  });
});
