import { PARAM_DEFAULTS, paramList, paramValue } from './query-params';
import { type QueryParams, type SavedQuery } from './query.model';

const SORT_LABELS: Readonly<Record<string, string>> = {
  '-name': 'Sorted by name, Z to A',
  id: 'Sorted by ID',
  '-id': 'Sorted by ID, descending',
};

function quoted(value: string): string {
  return `“${value}”`;
}

/** `label “value”` for each filled text parameter, in the order given. */
function textParts(params: QueryParams, labels: readonly (readonly [key: string, label: string])[]): string[] {
  return labels
    .map(([key, label]) => [label, paramValue(params, key)] as const)
    .filter(([, value]) => value !== '')
    .map(([label, value]) => `${label} ${quoted(value)}`);
}

function pagePart(params: QueryParams): string[] {
  const page = paramValue(params, 'page');
  return page && page !== PARAM_DEFAULTS.page ? [`Page ${page}`] : [];
}

function operatorsSummary(params: QueryParams): string {
  const parts = textParts(params, [['q', 'Name contains']]);
  const id = paramValue(params, 'id');
  if (id) {
    parts.push(id.length < 3 ? `ID starts with ${id}` : `ID ${id}`);
  }
  const modes = paramList(params, 'mode');
  if (modes.length > 0) {
    parts.push(`${modes.length === 1 ? 'Mode' : 'Modes'} ${modes.join(', ')}`);
  }
  parts.push(
    ...textParts(params, [
      ['email', 'Email'],
      ['phone', 'Phone'],
      ['homepage', 'Homepage'],
    ]),
  );
  const language = paramValue(params, 'language');
  if (language) {
    parts.push(`Language ${language}`);
  }
  parts.push(...textParts(params, [['mipta', 'MIPTA URL']]));
  const filtered = parts.length > 0;
  const sort = SORT_LABELS[paramValue(params, 'sort')];
  if (sort) {
    parts.push(sort);
  }
  parts.push(...pagePart(params));
  const pageSize = paramValue(params, 'pageSize');
  if (pageSize && pageSize !== PARAM_DEFAULTS.operatorsPageSize) {
    parts.push(`${pageSize} per page`);
  }
  return filtered ? parts.join(' · ') : ['All operators', ...parts].join(' · ');
}

function customerPart(params: QueryParams): string {
  return `Customer ${paramValue(params, 'customerId') || '?'} at operator ${paramValue(params, 'operatorId') || '?'}`;
}

function windowPart(params: QueryParams): string[] {
  const from = paramValue(params, 'from');
  const to = paramValue(params, 'to');
  if (from && to) {
    return [`${from} to ${to}`];
  }
  if (from) {
    return [`From ${from}`];
  }
  return to ? [`Until ${to}`] : [];
}

/**
 * A query in words, for lists of history entries and favourites: `Name contains “scot” · Mode 010`,
 * `“smith” · Operator 029`, `Customer C000003 at operator 029 · 2026-01-01 to 2026-01-31 · Page 2`. Defaults the
 * pages leave out of their URLs are left unsaid.
 */
export function querySummary(query: SavedQuery): string {
  const params = query.params;
  switch (query.kind) {
    case 'operators':
      return operatorsSummary(params);
    case 'modes':
      return 'All modes';
    case 'customers': {
      const operatorId = paramValue(params, 'operatorId');
      return `${quoted(paramValue(params, 'q'))} · ${operatorId ? `Operator ${operatorId}` : 'All operators'}`;
    }
    case 'customer':
      return customerPart(params);
    case 'purchases':
    case 'concessions':
    case 'usages':
      return [customerPart(params), ...windowPart(params), ...pagePart(params)].join(' · ');
  }
}
