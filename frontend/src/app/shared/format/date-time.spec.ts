import { describe, expect, it } from 'vitest';

import { formatDateTime } from './date-time';

describe('formatDateTime', () => {
  const format = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

  it('says a point in time with date and time', () => {
    expect(formatDateTime('2026-03-01T10:15:00.000Z', format)).toBe('1 Mar 2026, 10:15');
  });

  it('returns an unreadable value as it came', () => {
    expect(formatDateTime('yesterday', format)).toBe('yesterday');
  });
});
