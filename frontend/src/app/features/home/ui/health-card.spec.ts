import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { getByRole, getByText, queryByText } from '../../../../testing/dom-queries';
import { type HealthReport, type HealthState } from '../model/health';
import { HealthCard } from './health-card';

describe('HealthCard', () => {
  let fixture: ComponentFixture<HealthCard>;
  let element: HTMLElement;

  const report: HealthReport = {
    status: 'ok',
    version: '2.4.1',
    uptimeSeconds: 3725,
    database: { status: 'up', type: 'postgres', latencyMs: 4 },
  };

  async function render(state: HealthState): Promise<void> {
    fixture.componentRef.setInput('state', state);
    await fixture.whenStable();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(HealthCard);
    element = fixture.nativeElement as HTMLElement;
  });

  it('is a region named by its "API status" heading', async () => {
    await render({ kind: 'loading' });
    expect(getByRole(element, 'heading', { name: 'API status', level: 2 })).toBeTruthy();
    expect(getByRole(document.body, 'region', { name: 'API status' })).toBe(element);
  });

  it('announces loading and disables refresh meanwhile', async () => {
    await render({ kind: 'loading' });
    expect(getByRole(element, 'status').textContent).toContain('Checking API status');
    expect(getByRole(element, 'button', { name: 'Refresh' }).getAttribute('aria-disabled')).toBe('true');
  });

  it('shows a healthy report with its details', async () => {
    await render({ kind: 'healthy', report, refreshing: false });
    expect(getByRole(element, 'status').textContent?.trim()).toBe('API healthy');
    expect(getByText(element, '2.4.1')).toBeTruthy();
    expect(getByText(element, '1h 2m 5s')).toBeTruthy();
    expect(getByText(element, 'postgres (up)')).toBeTruthy();
    expect(getByText(element, '4 ms')).toBeTruthy();
  });

  it('shows a degraded report', async () => {
    await render({
      kind: 'degraded',
      report: { ...report, status: 'degraded', database: { status: 'down', type: 'sqlite' } },
      refreshing: false,
    });
    expect(getByRole(element, 'status').textContent?.trim()).toBe('API degraded');
    expect(getByText(element, 'sqlite (down)')).toBeTruthy();
    expect(queryByText(element, 'Database latency')).toBeNull();
  });

  it('explains an unreachable API', async () => {
    await render({ kind: 'unreachable', refreshing: false });
    expect(getByRole(element, 'status').textContent?.trim()).toBe('API unreachable');
    expect(getByText(element, /did not answer/)).toBeTruthy();
  });

  it('emits refresh when the button is clicked', async () => {
    await render({ kind: 'healthy', report, refreshing: false });
    let refreshes = 0;
    fixture.componentInstance.refresh.subscribe(() => refreshes++);
    getByRole(element, 'button', { name: 'Refresh' }).click();
    expect(refreshes).toBe(1);
  });

  it('ignores clicks while a refresh is in flight', async () => {
    await render({ kind: 'healthy', report, refreshing: true });
    let refreshes = 0;
    fixture.componentInstance.refresh.subscribe(() => refreshes++);
    getByRole(element, 'button', { name: 'Refresh' }).click();
    expect(refreshes).toBe(0);
  });
});
