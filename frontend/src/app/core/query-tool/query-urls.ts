import { type Params } from '@angular/router';

import { PARAM_DEFAULTS, paramList, paramValue } from './query-params';
import { type QueryKind, type QueryParams, type SavedQuery } from './query.model';

/** Where a query is shown: router commands and query parameters (`[routerLink]` + `[queryParams]`). */
export interface QueryLink {
  readonly commands: readonly string[];
  readonly queryParams: Params;
}

/** The operators page's text filters, in the order its own URLs use. */
const OPERATOR_TEXT_PARAMS = ['q', 'id', 'email', 'phone', 'homepage', 'language', 'mipta'] as const;

/** Sets `key` when the params hold a value for it other than `fallback`. */
function copy(target: Params, params: QueryParams, key: string, fallback = ''): void {
  const value = paramValue(params, key);
  if (value !== '' && value !== fallback) {
    target[key] = value;
  }
}

function operatorsLink(params: QueryParams): QueryLink {
  const queryParams: Params = {};
  for (const key of OPERATOR_TEXT_PARAMS) {
    copy(queryParams, params, key);
  }
  const modes = paramList(params, 'mode');
  if (modes.length > 0) {
    queryParams['mode'] = [...modes];
  }
  copy(queryParams, params, 'sort', PARAM_DEFAULTS.operatorsSort);
  copy(queryParams, params, 'page', PARAM_DEFAULTS.page);
  copy(queryParams, params, 'pageSize', PARAM_DEFAULTS.operatorsPageSize);
  return { commands: ['/operators'], queryParams };
}

function customerSearchLink(params: QueryParams): QueryLink {
  const queryParams: Params = {};
  copy(queryParams, params, 'operatorId');
  copy(queryParams, params, 'q');
  return { commands: ['/customers'], queryParams };
}

/** The customer page, or the search when the params do not name a customer. */
function customerLink(params: QueryParams, tab?: QueryKind): QueryLink {
  const operatorId = paramValue(params, 'operatorId');
  const customerId = paramValue(params, 'customerId');
  if (!operatorId || !customerId) {
    return { commands: ['/customers'], queryParams: {} };
  }
  const queryParams: Params = {};
  if (tab) {
    queryParams['tab'] = tab;
    copy(queryParams, params, 'from');
    copy(queryParams, params, 'to');
    copy(queryParams, params, 'page', PARAM_DEFAULTS.page);
  }
  return { commands: ['/customers', operatorId, customerId], queryParams };
}

/**
 * The query page URL of a query (docs/history-api.md, "Query URLs per kind"): `operators` → `/operators?…`, `modes` →
 * `/modes`, `customers` → `/customers?…`, `customer` → `/customers/{operatorId}/{customerId}`, records →
 * `/customers/{operatorId}/{customerId}?tab=…&from&to&page`. Defaults and parameters the page does not take in its
 * URL (page sizes it fixes itself) are left out, so the link is the URL the page itself would show.
 */
export function queryLink(query: SavedQuery): QueryLink {
  switch (query.kind) {
    case 'operators':
      return operatorsLink(query.params);
    case 'modes':
      return { commands: ['/modes'], queryParams: {} };
    case 'customers':
      return customerSearchLink(query.params);
    case 'customer':
      return customerLink(query.params);
    case 'purchases':
    case 'concessions':
    case 'usages':
      return customerLink(query.params, query.kind);
  }
}
