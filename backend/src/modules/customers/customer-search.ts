import { HttpStatus } from '@nestjs/common';
import { Brackets, EntityManager } from 'typeorm';
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
    !value.every((part, i) => typeof part === 'string' && part.length <= KEY_LIMITS[i]) ||
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

/**
 * Staff customer search (docs/customers-api.md, `GET /api/v1/customers`): `q` matches when the name or the email
 * contains it, or it is the customer id, all case-insensitively; ordered by name, operator id, customer id; keyset
 * pages (no offset, no count), so every page costs the same however deep.
 *
 * The predicates are shaped for the PostgreSQL indexes of the `CustomerSearchIndexes` migration
 * (`LOWER(name)`/`LOWER(email)` trigram GIN indexes, `LOWER(customer_id)` and the sort-order b-tree); see
 * docs/performance.md, "Customer search at a million customers". Bound parameters only.
 */
export async function searchCustomers(
  manager: EntityManager,
  params: CustomerSearchParams,
): Promise<CustomerSearchResult> {
  const after = params.cursor === undefined ? null : decodeCursor(params.cursor);
  if (params.operatorIds?.length === 0) return { items: [], nextCursor: null };

  const builder = manager
    .createQueryBuilder(Customer, 'c')
    .select('c.operatorId', 'operatorId')
    .addSelect('c.customerId', 'customerId')
    .addSelect('c.name', 'name')
    .addSelect('c.email', 'email')
    .where(
      new Brackets((match) =>
        match
          .where(`LOWER(c.name) LIKE LOWER(:pattern) ESCAPE '\\'`)
          .orWhere(`LOWER(c.email) LIKE LOWER(:pattern) ESCAPE '\\'`)
          .orWhere('LOWER(c.customerId) = LOWER(:q)'),
      ),
      { pattern: containsPattern(params.q), q: params.q },
    );
  if (params.operatorIds) builder.andWhere('c.operatorId IN (:...operatorIds)', { operatorIds: params.operatorIds });
  if (after) {
    builder.andWhere('(c.name, c.operatorId, c.customerId) > (:afterName, :afterOperator, :afterCustomer)', {
      afterName: after[0],
      afterOperator: after[1],
      afterCustomer: after[2],
    });
  }
  const rows = await builder
    .orderBy('c.name', 'ASC')
    .addOrderBy('c.operatorId', 'ASC')
    .addOrderBy('c.customerId', 'ASC')
    .limit(params.pageSize + 1)
    .getRawMany<CustomerSearchRow>();

  const items = rows.slice(0, params.pageSize);
  const last = items[items.length - 1];
  const nextCursor =
    rows.length > params.pageSize && last ? encodeCursor([last.name, last.operatorId, last.customerId]) : null;
  return { items, nextCursor };
}
