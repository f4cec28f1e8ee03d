import { type ParamMap, type Params } from '@angular/router';

import { MAX_SEARCH_LENGTH, MIN_SEARCH_LENGTH, OPERATOR_ID_PATTERN } from './customers.model';

/**
 * The customer search a URL describes: `/customers?operatorId=029&q=smith&cursor=c1&cursor=c2`.
 *
 * Paging is keyset paging, so a page is reached only through the cursors of the pages before it. The URL keeps the
 * whole trail (`cursor` repeated, oldest first): the last cursor fetches the page shown, and dropping it is
 * "Previous". A reloaded or shared URL therefore still pages both ways.
 */
export interface CustomerSearchQuery {
  /** '' means every operator the user may reach (admins only). */
  readonly operatorId: string;
  /** Trimmed. */
  readonly q: string;
  /** The cursors walked from the first page; empty on the first page. */
  readonly cursors: readonly string[];
}

export const EMPTY_SEARCH: CustomerSearchQuery = { operatorId: '', q: '', cursors: [] };

/** What is wrong with a search term, if anything ('missing': nothing typed yet). */
export type SearchTermProblem = 'missing' | 'too-short' | 'too-long';

export function searchTermProblem(term: string): SearchTermProblem | null {
  const length = term.trim().length;
  if (length === 0) {
    return 'missing';
  }
  if (length < MIN_SEARCH_LENGTH) {
    return 'too-short';
  }
  return length > MAX_SEARCH_LENGTH ? 'too-long' : null;
}

export function searchQueryFromParams(params: ParamMap): CustomerSearchQuery {
  const operatorId = (params.get('operatorId') ?? '').trim();
  return {
    operatorId: OPERATOR_ID_PATTERN.test(operatorId) ? operatorId : '',
    q: (params.get('q') ?? '').trim(),
    cursors: params.getAll('cursor').filter((cursor) => cursor !== ''),
  };
}

/** The URL query parameters of `query`; empty values are left out, so each search has one URL. */
export function searchQueryToParams(query: CustomerSearchQuery): Params {
  const params: Params = {};
  if (query.operatorId) {
    params['operatorId'] = query.operatorId;
  }
  if (query.q.trim()) {
    params['q'] = query.q.trim();
  }
  if (query.cursors.length > 0) {
    params['cursor'] = [...query.cursors];
  }
  return params;
}

/** The 1-based number of the page `query` shows. */
export function searchPageNumber(query: CustomerSearchQuery): number {
  return query.cursors.length + 1;
}

/** The next page: the trail plus `cursor`. */
export function nextSearchPage(query: CustomerSearchQuery, cursor: string): CustomerSearchQuery {
  return { ...query, cursors: [...query.cursors, cursor] };
}

/** The previous page: the trail without its last cursor (the first page stays the first page). */
export function previousSearchPage(query: CustomerSearchQuery): CustomerSearchQuery {
  return { ...query, cursors: query.cursors.slice(0, -1) };
}

export function sameSearch(a: CustomerSearchQuery, b: CustomerSearchQuery): boolean {
  return JSON.stringify(searchQueryToParams(a)) === JSON.stringify(searchQueryToParams(b));
}
