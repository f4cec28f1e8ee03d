import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';

import {
  DEFAULT_RECORDS_QUERY,
  isIsoDate,
  isReversedWindow,
  recordsQueryFromParams,
  recordsQueryToParams,
} from './customer-records-query';

describe('customer records view ⇄ URL', () => {
  it('reads the tab, the date window and the page', () => {
    expect(
      recordsQueryFromParams(convertToParamMap({ tab: 'usages', from: '2026-01-01', to: '2026-01-31', page: '3' })),
    ).toEqual({ tab: 'usages', from: '2026-01-01', to: '2026-01-31', page: 3 });
  });

  it('falls back to the defaults for unknown tabs, impossible dates and bad pages', () => {
    expect(
      recordsQueryFromParams(convertToParamMap({ tab: 'refunds', from: '2026-02-30', to: 'yesterday', page: '0' })),
    ).toEqual(DEFAULT_RECORDS_QUERY);
    expect(recordsQueryFromParams(convertToParamMap({ page: '-2' })).page).toBe(1);
    expect(recordsQueryFromParams(convertToParamMap({ page: '2.5' })).page).toBe(1);
  });

  it('leaves the defaults out of the URL and round-trips the rest', () => {
    expect(recordsQueryToParams(DEFAULT_RECORDS_QUERY)).toEqual({});
    const query = { tab: 'concessions' as const, from: '2025-12-01', to: '', page: 2 };
    const params = recordsQueryToParams(query);
    expect(params).toEqual({ tab: 'concessions', from: '2025-12-01', page: 2 });
    expect(recordsQueryFromParams(convertToParamMap(params))).toEqual(query);
  });
});

describe('date checks', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-13-01')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
  });

  it('finds a window the wrong way round; a one-day or open window is fine', () => {
    expect(isReversedWindow('2026-02-01', '2026-01-31')).toBe(true);
    expect(isReversedWindow('2026-01-31', '2026-01-31')).toBe(false);
    expect(isReversedWindow('2026-02-01', '')).toBe(false);
    expect(isReversedWindow('', '2026-01-01')).toBe(false);
  });
});
