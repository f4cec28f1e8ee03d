/** The queries of the query tool that history and favourites know (docs/history-api.md, "Kinds and parameters"). */
export const QUERY_KINDS = [
  'operators',
  'modes',
  'customers',
  'customer',
  'purchases',
  'concessions',
  'usages',
] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** A query's parameters as the API stores them: strings, and string arrays (`mode`). */
export type QueryParams = Readonly<Record<string, string | readonly string[]>>;

/** A query: what the query page needs to show it again. Results are never stored. */
export interface SavedQuery {
  readonly kind: QueryKind;
  readonly params: QueryParams;
}

export const QUERY_KIND_LABELS: Readonly<Record<QueryKind, string>> = {
  operators: 'Operators',
  modes: 'Modes',
  customers: 'Customer search',
  customer: 'Customer profile',
  purchases: 'Purchases',
  concessions: 'Concessions',
  usages: 'Usages',
};

export function isQueryKind(value: unknown): value is QueryKind {
  return typeof value === 'string' && (QUERY_KINDS as readonly string[]).includes(value);
}

export interface HistoryEntryDto {
  readonly id: string;
  readonly kind: QueryKind;
  readonly params: QueryParams;
  readonly resultCount: number | null;
  readonly createdAt: string;
}

export interface FavouriteDto {
  readonly id: string;
  readonly name: string;
  readonly kind: QueryKind;
  readonly params: QueryParams;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface CreateFavouriteRequest {
  readonly name: string;
  readonly kind: QueryKind;
  readonly params: QueryParams;
}

/** Longest favourite name the API accepts (after trimming). */
export const MAX_FAVOURITE_NAME_LENGTH = 100;

export const FAVOURITE_NAME_TAKEN = 'FAVOURITE_NAME_TAKEN';
export const FAVOURITE_LIMIT = 'FAVOURITE_LIMIT';
export const FAVOURITE_NOT_FOUND = 'FAVOURITE_NOT_FOUND';
export const HISTORY_ENTRY_NOT_FOUND = 'HISTORY_ENTRY_NOT_FOUND';

/**
 * The params as the API expects them: empty values dropped, keys sorted, lists sorted without repeats (the API
 * normalises the same way, so a saved query and its history entry compare equal).
 */
export function normaliseParams(params: Readonly<Record<string, unknown>>): QueryParams {
  const result: Record<string, string | readonly string[]> = {};
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (typeof value === 'string' || typeof value === 'number') {
      const text = String(value).trim();
      if (text !== '') {
        result[key] = text;
      }
    } else if (Array.isArray(value)) {
      const list = [
        ...new Set(value.filter((item): item is string => typeof item === 'string' && item.trim() !== '')),
      ].sort();
      if (list.length > 0) {
        result[key] = list;
      }
    }
  }
  return result;
}
