import { type ParamMap, type Params } from '@angular/router';

import { RECORD_KINDS, type RecordKind } from './customers.model';

/**
 * The records view a customer detail URL describes:
 * `/customers/029/C000001?tab=usages&from=2026-01-01&to=2026-01-31&page=2`.
 */
export interface RecordsQuery {
  readonly tab: RecordKind;
  /** 'YYYY-MM-DD' or '' (open). */
  readonly from: string;
  /** 'YYYY-MM-DD' or '' (open). */
  readonly to: string;
  /** 1-based. */
  readonly page: number;
}

export const DEFAULT_RECORDS_QUERY: RecordsQuery = { tab: 'purchases', from: '', to: '', page: 1 };

/** A real calendar date in 'YYYY-MM-DD' form. */
export function isIsoDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether the window is the wrong way round (both ends set and `from` after `to`). */
export function isReversedWindow(from: string, to: string): boolean {
  return from !== '' && to !== '' && from > to;
}

function isRecordKind(value: string | null): value is RecordKind {
  return value !== null && (RECORD_KINDS as readonly string[]).includes(value);
}

function date(value: string | null): string {
  const trimmed = (value ?? '').trim();
  return isIsoDate(trimmed) ? trimmed : '';
}

/** Unknown or malformed values fall back to the defaults, so a hand-edited URL still shows a page. */
export function recordsQueryFromParams(params: ParamMap): RecordsQuery {
  const tab = params.get('tab');
  const page = params.get('page') ?? '';
  return {
    tab: isRecordKind(tab) ? tab : DEFAULT_RECORDS_QUERY.tab,
    from: date(params.get('from')),
    to: date(params.get('to')),
    page: /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

/** Defaults are left out, so each view has one URL. */
export function recordsQueryToParams(query: RecordsQuery): Params {
  const params: Params = {};
  if (query.tab !== DEFAULT_RECORDS_QUERY.tab) {
    params['tab'] = query.tab;
  }
  if (query.from) {
    params['from'] = query.from;
  }
  if (query.to) {
    params['to'] = query.to;
  }
  if (query.page !== 1) {
    params['page'] = query.page;
  }
  return params;
}
