import { InjectionToken } from '@angular/core';

import { type DiscountDto, type LocationRefDto, type Money } from './customers.model';

/** Locale and time zone for showing times and amounts; unset means the browser's own (the user's). */
export interface DisplayFormat {
  readonly locale?: string;
  readonly timeZone?: string;
}

export const DISPLAY_FORMAT = new InjectionToken<DisplayFormat>('DISPLAY_FORMAT', {
  providedIn: 'root',
  factory: () => ({}),
});

/** A value ready to show: text, and for times the UTC ISO instant (shown as `<time datetime title>`). */
export interface Cell {
  readonly text: string;
  /** ISO 8601 UTC, when the value is a point in time. */
  readonly datetime?: string;
  /** A second, quieter line. */
  readonly secondary?: string;
}

export const NONE = '—';

/** "water ferry" → "Water ferry". */
export function capitalise(text: string): string {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

export function orNone(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? NONE : String(value);
}

/**
 * Formats times, dates, amounts and places for the customer pages, in the user's locale and time zone (or the ones
 * given). Times keep their UTC ISO form beside the local text.
 */
export class Formatter {
  private readonly dateTimeFormat: Intl.DateTimeFormat;
  private readonly dateFormat: Intl.DateTimeFormat;
  private readonly currencyFormats = new Map<string, Intl.NumberFormat | null>();

  constructor(private readonly format: DisplayFormat = {}) {
    this.dateTimeFormat = new Intl.DateTimeFormat(format.locale, {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: format.timeZone,
    });
    // Calendar dates (birth dates) have no time zone: format them as the UTC day they name.
    this.dateFormat = new Intl.DateTimeFormat(format.locale, { dateStyle: 'medium', timeZone: 'UTC' });
  }

  /** A point in time in local words, with the ISO instant kept; an unparseable value is shown as it came. */
  dateTime(iso: string): Cell {
    const time = Date.parse(iso);
    if (Number.isNaN(time)) {
      return { text: iso };
    }
    return { text: this.dateTimeFormat.format(time), datetime: new Date(time).toISOString() };
  }

  /** A calendar date ('YYYY-MM-DD') in local words. */
  date(value: string | null): string {
    if (!value) {
      return NONE;
    }
    const time = Date.parse(`${value}T00:00:00Z`);
    return Number.isNaN(time) ? value : this.dateFormat.format(time);
  }

  /** '8.70' GBP → '£8.70'; an unknown currency or a malformed amount is shown as it came. */
  money(money: Money | null): string {
    if (!money) {
      return NONE;
    }
    const amount = Number(money.amount);
    const format = this.currencyFormat(money.currency);
    return format && money.amount.trim() !== '' && Number.isFinite(amount)
      ? format.format(amount)
      : `${money.amount} ${money.currency}`.trim();
  }

  /** "34% off", or for an amount in the concession's currency "£2.50 off". */
  discount(discount: DiscountDto, currency: string): string {
    const value = discount.value.trim();
    return discount.type === 'percentage' ? `${value}% off` : `${this.money({ amount: value, currency })} off`;
  }

  /** The short name of a place: its name, else its NaPTAN code, else its coordinates. */
  place(location: LocationRefDto | null): string {
    if (!location) {
      return NONE;
    }
    return location.other || location.naptan || this.coordinates(location) || NONE;
  }

  /** Everything known about a place: "Oban · NaPTAN 9300OBN · 56.4123, -5.4729 (±10 m)". */
  placeDetail(location: LocationRefDto | null): string {
    if (!location) {
      return NONE;
    }
    const parts = [
      location.other,
      location.naptan ? `NaPTAN ${location.naptan}` : undefined,
      this.coordinates(location),
    ].filter((part): part is string => !!part);
    return parts.length > 0 ? parts.join(' · ') : NONE;
  }

  private coordinates(location: LocationRefDto): string | undefined {
    if (!location.latLong) {
      return undefined;
    }
    const { latitude, longitude } = location.latLong;
    const accuracy = location.accuracy === undefined ? '' : ` (±${location.accuracy} m)`;
    return `${latitude.toFixed(4)}, ${longitude.toFixed(4)}${accuracy}`;
  }

  private currencyFormat(currency: string): Intl.NumberFormat | null {
    if (!this.currencyFormats.has(currency)) {
      let format: Intl.NumberFormat | null = null;
      if (/^[A-Za-z]{3}$/.test(currency)) {
        try {
          format = new Intl.NumberFormat(this.format.locale, { style: 'currency', currency });
        } catch {
          format = null;
        }
      }
      this.currencyFormats.set(currency, format);
    }
    return this.currencyFormats.get(currency) ?? null;
  }
}
