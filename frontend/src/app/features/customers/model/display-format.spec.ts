import { describe, expect, it } from 'vitest';

import { Formatter, capitalise } from './display-format';

describe('Formatter', () => {
  const f = new Formatter({ locale: 'en-GB', timeZone: 'Europe/London' });

  it('shows a time in local words and keeps the UTC instant', () => {
    expect(f.dateTime('2026-07-01T08:05:00Z')).toEqual({
      text: '1 Jul 2026, 09:05',
      datetime: '2026-07-01T08:05:00.000Z',
    });
    expect(f.dateTime('2026-01-15T08:05:00+00:00').text).toBe('15 Jan 2026, 08:05');
    expect(f.dateTime('not a time')).toEqual({ text: 'not a time' });
  });

  it('shows a calendar date as the day it names, whatever the time zone', () => {
    expect(new Formatter({ locale: 'en-GB', timeZone: 'America/Los_Angeles' }).date('1985-12-10')).toBe('10 Dec 1985');
    expect(f.date(null)).toBe('—');
  });

  it('formats decimal-string amounts with the currency, and shows odd ones as they came', () => {
    expect(f.money({ amount: '8.70', currency: 'GBP' })).toBe('£8.70');
    expect(f.money({ amount: '1234.5', currency: 'EUR' })).toBe('€1,234.50');
    expect(f.money({ amount: '12', currency: 'XX' })).toBe('12 XX');
    expect(f.money({ amount: 'n/a', currency: 'GBP' })).toBe('n/a GBP');
    expect(f.money(null)).toBe('—');
  });

  it('words discounts as percent or amount off', () => {
    expect(f.discount({ type: 'percentage', value: '34', description: null }, 'GBP')).toBe('34% off');
    expect(f.discount({ type: 'amount', value: '2.50', description: null }, 'GBP')).toBe('£2.50 off');
  });

  it('names places briefly and in full', () => {
    const oban = {
      other: 'Oban',
      naptan: '9300OBN',
      latLong: { latitude: 56.41234, longitude: -5.47291 },
      accuracy: 10,
    };
    expect(f.place(oban)).toBe('Oban');
    expect(f.placeDetail(oban)).toBe('Oban · NaPTAN 9300OBN · 56.4123, -5.4729 (±10 m)');
    expect(f.place({ naptan: '9300OBN' })).toBe('9300OBN');
    expect(f.place({ latLong: { latitude: 1, longitude: 2 } })).toBe('1.0000, 2.0000');
    expect(f.place(null)).toBe('—');
    expect(f.placeDetail({})).toBe('—');
  });

  it('capitalises labels', () => {
    expect(capitalise('water ferry')).toBe('Water ferry');
    expect(capitalise('')).toBe('');
  });
});
