import { provideZonelessChangeDetection } from '@angular/core';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';

import { QuotaIndicator } from './quota-indicator';
import { type QuotaWindow } from './quota.model';

describe('QuotaIndicator', () => {
  let fixture: ComponentFixture<QuotaIndicator>;
  let element: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(QuotaIndicator);
    element = fixture.nativeElement as HTMLElement;
  });

  async function show(quota: QuotaWindow): Promise<void> {
    fixture.componentRef.setInput('quota', quota);
    await fixture.whenStable();
  }

  function text(): string {
    return element.textContent?.replace(/\s+/g, ' ').trim() ?? '';
  }

  it('shows how many requests are left today', async () => {
    await show({ limit: 5000, remaining: 4987, resetAt: Date.now() + 3_600_000 });
    expect(text()).toBe('4,987 of 5,000 requests left today');
  });

  it('says when the quota is used up and when it renews', async () => {
    const resetAt = Date.parse('2026-05-02T00:00:00.000Z');
    await show({ limit: 5000, remaining: 0, resetAt });
    const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(resetAt);
    expect(text()).toBe(`Daily quota used up · renews at ${time}`);
  });
});
