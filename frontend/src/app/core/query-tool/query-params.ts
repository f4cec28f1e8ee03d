import { type QueryParams } from './query.model';

/** A single-valued parameter ('' when absent; the first value of a list). */
export function paramValue(params: QueryParams, key: string): string {
  const value = params[key];
  const text = typeof value === 'string' ? value : (value?.[0] ?? '');
  return text.trim();
}

/** A list parameter (`mode`); a single value counts as a list of one. */
export function paramList(params: QueryParams, key: string): readonly string[] {
  const value = params[key];
  if (value === undefined) {
    return [];
  }
  return (typeof value === 'string' ? [value] : value).map((item) => item.trim()).filter((item) => item !== '');
}

/**
 * The defaults of the query pages' parameters (the operators page's sort and page size, the first page), which the
 * pages leave out of their URLs and the summaries leave unsaid. The API records what was sent, defaults included.
 */
export const PARAM_DEFAULTS = {
  operatorsSort: 'name',
  operatorsPageSize: '20',
  page: '1',
} as const;
