import { type ParamMap, type Params } from '@angular/router';

import {
  DEFAULT_PAGE_SIZE,
  DEFAULT_QUERY,
  DEFAULT_SORT,
  MAX_PAGE_SIZE,
  OPERATOR_SORTS,
  type OperatorFilters,
  type OperatorSort,
  type OperatorsQuery,
} from './operators.model';

/** The text filters, in form order; each is a query parameter of the same name. */
export const TEXT_FILTERS = ['q', 'id', 'email', 'phone', 'homepage', 'language', 'mipta'] as const;
export type TextFilter = (typeof TEXT_FILTERS)[number];

function isSort(value: string | null): value is OperatorSort {
  return value !== null && (OPERATOR_SORTS as readonly string[]).includes(value);
}

function positiveInt(value: string | null, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === null || !/^\d+$/.test(value)) {
    return fallback;
  }
  const number = Number(value);
  return number >= 1 && number <= max ? number : fallback;
}

/**
 * The operators query a URL describes (`/operators?q=scot&mode=010&sort=-id&page=2&pageSize=50`). Unknown or
 * malformed values fall back to the defaults, so a hand-edited URL still shows a page.
 */
export function queryFromParams(params: ParamMap): OperatorsQuery {
  const text = Object.fromEntries(TEXT_FILTERS.map((name) => [name, (params.get(name) ?? '').trim()])) as Record<
    TextFilter,
    string
  >;
  const sort = params.get('sort');
  return {
    ...text,
    modes: [...new Set(params.getAll('mode').filter((mode) => mode.trim() !== ''))],
    sort: isSort(sort) ? sort : DEFAULT_SORT,
    page: positiveInt(params.get('page'), 1),
    pageSize: positiveInt(params.get('pageSize'), DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE),
  };
}

/**
 * The URL query parameters of `query`: empty filters and default values are left out, so the URL stays short
 * and a query has exactly one URL. Repeated modes become `mode=…&mode=…`.
 */
export function queryToParams(query: OperatorsQuery): Params {
  const params: Params = {};
  for (const name of TEXT_FILTERS) {
    const value = query[name].trim();
    if (value) {
      params[name] = value;
    }
  }
  if (query.modes.length > 0) {
    params['mode'] = [...query.modes];
  }
  if (query.sort !== DEFAULT_QUERY.sort) {
    params['sort'] = query.sort;
  }
  if (query.page !== DEFAULT_QUERY.page) {
    params['page'] = query.page;
  }
  if (query.pageSize !== DEFAULT_QUERY.pageSize) {
    params['pageSize'] = query.pageSize;
  }
  return params;
}

/** The filters part of a query, trimmed. */
export function filtersOf(query: OperatorFilters): OperatorFilters {
  return {
    q: query.q.trim(),
    id: query.id.trim(),
    modes: [...query.modes],
    email: query.email.trim(),
    phone: query.phone.trim(),
    homepage: query.homepage.trim(),
    language: query.language.trim(),
    mipta: query.mipta.trim(),
  };
}

export function hasFilters(filters: OperatorFilters): boolean {
  return filters.modes.length > 0 || TEXT_FILTERS.some((name) => filters[name].trim() !== '');
}

export function sameQuery(a: OperatorsQuery, b: OperatorsQuery): boolean {
  return JSON.stringify(queryToParams(a)) === JSON.stringify(queryToParams(b));
}
