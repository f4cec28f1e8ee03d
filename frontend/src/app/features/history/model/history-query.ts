import { type ParamMap, type Params } from '@angular/router';

import { type QueryKind, isQueryKind } from '../../../core/query-tool/query.model';

/** The history view a URL describes: `/history?kind=operators&page=2`. */
export interface HistoryQuery {
  /** null: every kind. */
  readonly kind: QueryKind | null;
  /** 1-based. */
  readonly page: number;
}

export const HISTORY_PAGE_SIZE = 20;

/** Unknown or malformed values fall back to the defaults (every kind, the first page). */
export function historyQueryFromParams(params: ParamMap): HistoryQuery {
  const kind = params.get('kind');
  const page = params.get('page') ?? '';
  return {
    kind: isQueryKind(kind) ? kind : null,
    page: /^\d{1,6}$/.test(page) && Number(page) >= 1 ? Number(page) : 1,
  };
}

/** Defaults are left out, so each view has one URL. */
export function historyQueryToParams(query: HistoryQuery): Params {
  const params: Params = {};
  if (query.kind) {
    params['kind'] = query.kind;
  }
  if (query.page > 1) {
    params['page'] = query.page;
  }
  return params;
}
