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

/** A query's parameters as stored and returned: strings, and string arrays (`mode`); keys sorted. */
export type QueryParams = Record<string, string | string[]>;
