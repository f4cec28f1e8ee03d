import { HttpStatus } from '@nestjs/common';
import { EntityManager, SelectQueryBuilder } from 'typeorm';
import { AppError } from '../../common/errors/app-error';
import { Customer } from './entities/customer.entity';

/** One search hit: the fields of the contract's `CustomerSummaryDto` that come from the customers table. */
export interface CustomerSearchRow {
  operatorId: string;
  customerId: string;
  name: string;
  email: string;
}

export interface CustomerSearchParams {
  /** Operators whose customers may be returned; `null` = every operator (admins). An empty list finds nothing. */
  operatorIds: string[] | null;
  /** Already trimmed and validated (3–100 characters). */
  q: string;
  /** 1–100. */
  pageSize: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

export interface CustomerSearchResult {
  items: CustomerSearchRow[];
  nextCursor: string | null;
}

export const CustomerSearchErrorCode = { INVALID_CURSOR: 'INVALID_CURSOR' } as const;

export const CustomerSearchErrors = {
  invalidCursor: () =>
    new AppError(
      CustomerSearchErrorCode.INVALID_CURSOR,
      HttpStatus.BAD_REQUEST,
      'The cursor is not valid; start again from the first page',
      [{ field: 'cursor', constraint: 'isCursor', message: 'cursor must be a nextCursor value from this API' }],
    ),
};

/** The sort key of a row (name, operator id, customer id): the position a cursor points after. */
export type SearchKey = readonly [name: string, operatorId: string, customerId: string];

/** Column sizes of `customers`: a cursor holding longer values was not made by this API. */
const KEY_LIMITS = [200, 3, 32] as const;
/** Base64url of the longest valid JSON key, with room for JSON escapes; anything longer is refused unread. */
const MAX_CURSOR_LENGTH = 2048;

/** The opaque cursor: base64url of the JSON array `[name, operatorId, customerId]` of the last row of a page. */
export function encodeCursor(key: SearchKey): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else (bad base64url, JSON or shape) throws `INVALID_CURSOR`. */
export function decodeCursor(cursor: string): SearchKey {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor))
    throw CustomerSearchErrors.invalidCursor();
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw CustomerSearchErrors.invalidCursor();
  }
  if (
    !Array.isArray(value) ||
    value.length !== 3 ||
    // NUL: PostgreSQL text cannot hold it (the query would fail with a 500), so no row's key has one.
    !value.every((part, i) => typeof part === 'string' && part.length <= KEY_LIMITS[i] && !part.includes('\u0000')) ||
    (value[1] as string).length === 0 ||
    (value[2] as string).length === 0
  )
    throw CustomerSearchErrors.invalidCursor();
  // Base64url has more than one spelling of the same bytes (unused trailing bits): only the canonical one is ours.
  if (encodeCursor(value as unknown as SearchKey) !== cursor) throw CustomerSearchErrors.invalidCursor();
  return value as unknown as SearchKey;
}

/** A LIKE pattern for "contains `text`": `%`, `_` and `\` match literally (used with `ESCAPE '\'`). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Tuning for tests; the defaults serve the API. */
export interface CustomerSearchTuning {
  /** Index entries the ordered probe reads (see `searchCustomers`); default `probeRows(pageSize)`. */
  probeRows?: number;
}

/** How far the ordered probe reads: 100 entries per row wanted, at most 10 000 (a few milliseconds). */
export const probeRows = (pageSize: number): number => Math.min(10_000, 100 * (pageSize + 1));

const SEARCH_COLUMNS = ['operatorId', 'customerId', 'name', 'email'] as const;

/** The two statements of one search page (see `searchCustomers`); exported for EXPLAIN in tests and the bench. */
export interface CustomerSearchQueries {
  /** The ordered probe: matches among the next `probeRows` customers in sort order. */
  probe: SelectQueryBuilder<object>;
  /** Every match after the cursor through the search indexes, sorted, the first page kept. */
  indexed: SelectQueryBuilder<object>;
  /** Rows to read: a page and one more, to know whether there is a next page. */
  wanted: number;
}

/**
 * Builds the statements of a search page (no I/O). `operatorIds` must not be empty. Bound parameters only; `%`,
 * `_` and `\` in `q` match literally.
 */
export function customerSearchQueries(
  manager: EntityManager,
  params: CustomerSearchParams,
  tuning: CustomerSearchTuning = {},
): CustomerSearchQueries {
  const after = params.cursor === undefined ? null : decodeCursor(params.cursor);
  const { operatorIds, pageSize } = params;
  const wanted = pageSize + 1;

  /** Customers of the operators after the cursor (alias `c`), selecting the row fields. */
  const candidates = (builder: SelectQueryBuilder<Customer>) => {
    for (const column of SEARCH_COLUMNS) builder.addSelect(`c.${column}`, column);
    if (operatorIds?.length === 1) builder.andWhere('c.operatorId = :operatorId', { operatorId: operatorIds[0] });
    else if (operatorIds) builder.andWhere('c.operatorId IN (:...operatorIds)', { operatorIds });
    if (after) {
      builder.andWhere('(c.name, c.operatorId, c.customerId) > (:afterName, :afterOperator, :afterCustomer)', {
        afterName: after[0],
        afterOperator: after[1],
        afterCustomer: after[2],
      });
    }
    return builder;
  };
  const matchParams = { pattern: containsPattern(params.q), q: params.q };
  // An email address holds no whitespace, so a q with some ("Anna Smith") cannot be in one: leaving the email out
  // spares the trigram index the padded word-boundary trigrams ("  s", " sm") that nearly every address has, which
  // made full-name searches 2-5x slower at a million customers (docs/performance.md).
  const emailToo = !/\s/.test(params.q);
  /** The search condition on the columns of `alias` (`id`: how the customer id column is named there). */
  const matches = (alias: string, id: string) =>
    [
      `LOWER(${alias}.name) LIKE LOWER(:pattern) ESCAPE '\\'`,
      ...(emailToo ? [`LOWER(${alias}.email) LIKE LOWER(:pattern) ESCAPE '\\'`] : []),
      `LOWER(${alias}.${id}) = LOWER(:q)`,
    ].join(' OR ');
  /** The outer query over `hits` (a derived table or CTE with the SEARCH_COLUMNS), sorted, a page and one more. */
  const page = (builder: SelectQueryBuilder<object>) => {
    for (const column of SEARCH_COLUMNS) builder.addSelect(`hits."${column}"`, column);
    return builder
      .orderBy('hits.name', 'ASC')
      .addOrderBy('hits."operatorId"', 'ASC')
      .addOrderBy('hits."customerId"', 'ASC')
      .limit(wanted);
  };

  const probe = page(
    manager
      .createQueryBuilder()
      .select([])
      .from(
        (sub) =>
          candidates(sub.select([]).from(Customer, 'c'))
            .orderBy('c.name', 'ASC')
            .addOrderBy('c.operatorId', 'ASC')
            .addOrderBy('c.customerId', 'ASC')
            .limit(tuning.probeRows ?? probeRows(pageSize)),
        'hits',
      )
      .where(`(${matches('hits', '"customerId"')})`, matchParams),
  );
  const matching = candidates(manager.createQueryBuilder(Customer, 'c').select([])).andWhere(
    `(${matches('c', 'customerId')})`,
    matchParams,
  );
  const indexed = page(
    manager
      .createQueryBuilder()
      .addCommonTableExpression(matching, 'hits', { materialized: true })
      .select([])
      .from('hits', 'hits'),
  );
  return { probe, indexed, wanted };
}

/**
 * Staff customer search (docs/customers-api.md, `GET /api/v1/customers`): `q` matches when the name or the email
 * contains it, or it is the customer id, all case-insensitively; ordered by name, operator id, customer id; keyset
 * pages (no offset, no count), so a page costs about the same however deep it is.
 *
 * Two bounded statements rather than one, because no single plan is fast for both rare and frequent terms
 * (docs/performance.md, "Customer search at a million customers"):
 *
 * 1. **Ordered probe**: the next `probeRows` customers after the cursor in sort order (on PostgreSQL an index-only
 *    scan of `idx_customers_name_order`, or of `idx_customers_operator_name_order` for one operator), filtered. When
 *    the term is frequent there, the page is among them: done, however many customers match in all.
 * 2. Otherwise **every match after the cursor** from the trigram GIN indexes on `LOWER(name)`/`LOWER(email)` and
 *    the b-tree on `LOWER(customer_id)`, sorted, the first page kept. The matching is a MATERIALIZED common table
 *    expression, so PostgreSQL cannot swap it for an ordered scan that filters its way through the table (the plan
 *    its row estimate picks for a term it wrongly thinks frequent: seconds at a million customers).
 */
export async function searchCustomers(
  manager: EntityManager,
  params: CustomerSearchParams,
  tuning: CustomerSearchTuning = {},
): Promise<CustomerSearchResult> {
  if (params.operatorIds?.length === 0) {
    if (params.cursor !== undefined) decodeCursor(params.cursor);
    return { items: [], nextCursor: null };
  }
  const { probe, indexed, wanted } = customerSearchQueries(manager, params, tuning);

  let rows = await probe.getRawMany<CustomerSearchRow>();
  if (rows.length < wanted) rows = await indexed.getRawMany<CustomerSearchRow>();

  const items = rows.slice(0, params.pageSize);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > params.pageSize && last ? encodeCursor([last.name, last.operatorId, last.customerId]) : null;
  return { items, nextCursor };
}
