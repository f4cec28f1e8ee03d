import { ClassConstructor, plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import type { ErrorDetail } from '../../common/errors/app-error';
import { flattenValidationErrors } from '../../common/validation/validation.pipe';
import { parseDateWindow } from '../customers/date-window';
import {
  CustomerSearchQueryDto,
  NoQueryDto,
  OperatorCustomerParamsDto,
  RecordQueryDto,
} from '../customers/dto/customer-query.dto';
import { OperatorQueryDto } from '../operators/dto/operator-query.dto';
import type { QueryKind, QueryParams } from './query-kinds';

/** How the API checks one kind of query; history and favourites apply exactly these rules. */
interface KindRules {
  /** The route parameters' DTO and its keys (the rest of a query's params are its query string). */
  route?: { dto: ClassConstructor<object>; keys: readonly string[] };
  /** The query string's DTO, as the route's `@Query()` declares it. */
  query: ClassConstructor<object>;
  /** The route reads no query string at all (extra parameters are ignored there, so recording ignores them too). */
  ignoresQueryString?: boolean;
  /** Parameters the route takes that are never part of a stored query (a keyset cursor). */
  notStored?: readonly string[];
  /** Rules the service applies after the DTO (a record window's dates), as details naming the parameter. */
  check?: (query: object) => ErrorDetail[];
}

const CUSTOMER_ROUTE = { dto: OperatorCustomerParamsDto, keys: ['operatorId', 'customerId'] } as const;

/** The same check CustomersService.records makes: readable dates, `from` not after `to`. */
function dateWindowProblems(query: object): ErrorDetail[] {
  const { from, to } = query as RecordQueryDto;
  const parsed = parseDateWindow({ from, to }, { from: 'from', to: 'to' });
  return parsed.problems.map((p) => ({ field: p.parameter, constraint: 'isDateWindow', message: p.message }));
}

const RECORDS: KindRules = { route: CUSTOMER_ROUTE, query: RecordQueryDto, check: dateWindowProblems };

export const KIND_RULES: Readonly<Record<QueryKind, KindRules>> = {
  operators: { query: OperatorQueryDto },
  modes: { query: NoQueryDto, ignoresQueryString: true },
  customers: { query: CustomerSearchQueryDto, notStored: ['cursor'] },
  customer: { route: CUSTOMER_ROUTE, query: NoQueryDto },
  purchases: RECORDS,
  concessions: RECORDS,
  usages: RECORDS,
};

export type QueryCheck = { params: QueryParams; problems: [] } | { params?: undefined; problems: ErrorDetail[] };

/** The raw input of one query: its route parameters and its query string, as the HTTP layer parsed them. */
export interface QueryInput {
  route: Record<string, unknown>;
  query: Record<string, unknown>;
}

/**
 * Checks a query of `kind` by the rules its route applies (the route's DTOs with the global pipe's options, then
 * the service's own rules) and returns its normalised params, or the problems naming each parameter.
 *
 * Before that, values must be strings or lists of strings without NUL characters (what a query string carries and
 * what both databases can store), and empty values count as absent.
 */
export async function checkQuery(kind: QueryKind, input: QueryInput): Promise<QueryCheck> {
  const rules = KIND_RULES[kind];
  const shape = [...shapeProblems(input.route), ...shapeProblems(input.query)];
  if (shape.length) return { problems: shape };
  const route = rules.route ? await validated(rules.route.dto, withoutEmpty(input.route)) : { value: {}, problems: [] };
  const query = await validated(rules.query, rules.ignoresQueryString ? {} : withoutEmpty(input.query));
  const problems = [...route.problems, ...query.problems];
  if (problems.length === 0 && rules.check) problems.push(...rules.check(query.value));
  if (problems.length) return { problems };
  const values: Record<string, unknown> = { ...route.value, ...query.value };
  for (const key of rules.notStored ?? []) delete values[key];
  return { params: normaliseParams(values), problems: [] };
}

/**
 * Checks the params of a favourite: as `checkQuery`, with the route parameters taken from `params` by name, and a
 * parameter that is never stored (`cursor`) refused like an unknown one.
 */
export async function checkStoredParams(kind: QueryKind, params: unknown): Promise<QueryCheck> {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return { problems: [{ field: 'params', constraint: 'isObject', message: 'params must be an object' }] };
  }
  const rules = KIND_RULES[kind];
  const routeKeys: readonly string[] = rules.route?.keys ?? [];
  const input: QueryInput = { route: {}, query: {} };
  const problems: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (rules.notStored?.includes(key)) {
      problems.push({
        field: key,
        constraint: 'whitelistValidation',
        message: `${key} is never part of a stored query`,
      });
    } else if (routeKeys.includes(key)) input.route[key] = value;
    else input.query[key] = value;
  }
  if (rules.ignoresQueryString) {
    for (const key of Object.keys(input.query)) {
      problems.push({ field: key, constraint: 'whitelistValidation', message: `property ${key} should not exist` });
    }
    input.query = {};
  }
  if (problems.length) return { problems };
  return checkQuery(kind, input);
}

/**
 * The canonical form of a query's parameters: keys sorted, empty values dropped, numbers as decimal strings, lists
 * sorted without repeats; anything else (undefined, null) dropped.
 */
export function normaliseParams(values: Readonly<Record<string, unknown>>): QueryParams {
  const params: QueryParams = {};
  for (const key of Object.keys(values).sort()) {
    const value = values[key];
    if (typeof value === 'string') {
      if (value !== '') params[key] = value;
    } else if (typeof value === 'number' && Number.isFinite(value)) {
      params[key] = String(value);
    } else if (Array.isArray(value)) {
      const list = [...new Set(value.filter((v): v is string => typeof v === 'string' && v !== ''))].sort();
      if (list.length) params[key] = list;
    }
  }
  return params;
}

/** True when two queries are the same query (same kind, same normalised params). */
export function sameQuery(
  a: { kind: QueryKind; params: Readonly<Record<string, unknown>> },
  b: { kind: QueryKind; params: Readonly<Record<string, unknown>> },
): boolean {
  return a.kind === b.kind && JSON.stringify(normaliseParams(a.params)) === JSON.stringify(normaliseParams(b.params));
}

/** Keys a parsed query string or JSON object may carry that must never reach a class instance: refused. */
const UNSAFE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function shapeProblems(values: Record<string, unknown>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  for (const [key, value] of Object.entries(values)) {
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (UNSAFE_KEYS.has(key)) {
      problems.push({ field: key, constraint: 'whitelistValidation', message: `property ${key} should not exist` });
    } else if (!list.every((v) => typeof v === 'string')) {
      problems.push({
        field: key,
        constraint: 'isQueryValue',
        message: `${key} must be a string or a list of strings`,
      });
    } else if (list.some((v) => v.includes('\u0000'))) {
      problems.push({ field: key, constraint: 'noNulCharacter', message: `${key} must not contain NUL characters` });
    }
  }
  return problems;
}

function withoutEmpty(values: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) {
    if (value === '' || (Array.isArray(value) && value.length === 0)) continue;
    kept[key] = value;
  }
  return kept;
}

/** What the global ValidationPipe does with a DTO (whitelist, forbidNonWhitelisted, transform). */
async function validated(
  dto: ClassConstructor<object>,
  plain: Record<string, unknown>,
): Promise<{ value: Record<string, unknown>; problems: ErrorDetail[] }> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    // As Nest's ValidationPipe: a DTO without rules (NoQueryDto) refuses every property instead of failing whole.
    forbidUnknownValues: false,
    validationError: { target: false, value: false },
  });
  return { value: { ...instance }, problems: flattenValidationErrors(errors) };
}
