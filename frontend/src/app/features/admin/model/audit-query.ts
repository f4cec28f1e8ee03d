import { HttpParams } from '@angular/common/http';
import { type ParamMap, type Params } from '@angular/router';

import { isIpAddress } from './ip-address';
import { ACTOR_KINDS, type ActorKind, STATUS_CLASSES, type StatusClass } from './audit.model';

/** The audit log's filters (docs/audit-api.md); every one given applies. Empty strings and nulls mean "any". */
export interface AuditFilters {
  /** ISO 8601 instant. */
  readonly from: string;
  readonly to: string;
  /** A staff user id or API client id. */
  readonly actor: string;
  readonly actorKind: ActorKind | null;
  readonly ip: string;
  readonly status: StatusClass | null;
  /** Contained in the route template or the path. */
  readonly route: string;
  /** `request`, an event type, or a family `prefix.*`. */
  readonly type: string;
  readonly requestId: string;
  readonly entity: string;
  readonly entityId: string;
}

/** The audit page a URL describes: filters, page size, the keyset cursor, and the record shown in detail. */
export interface AuditQuery extends AuditFilters {
  readonly limit: number;
  /** The `nextCursor` that led to this page; null on the newest page. */
  readonly cursor: string | null;
  /** The record whose detail is open, or null. */
  readonly record: number | null;
}

export const AUDIT_PAGE_SIZES = [25, 50, 100, 200] as const;
export const AUDIT_DEFAULT_PAGE_SIZE = 50;

export const EMPTY_AUDIT_FILTERS: AuditFilters = {
  from: '',
  to: '',
  actor: '',
  actorKind: null,
  ip: '',
  status: null,
  route: '',
  type: '',
  requestId: '',
  entity: '',
  entityId: '',
};

/** The API's own patterns, so a malformed value in a URL is dropped instead of failing the whole page. */
const PATTERNS = {
  actor: /^[A-Za-z0-9._:-]{1,100}$/,
  type: /^[a-z][a-z0-9-]*(\.[a-z0-9-]+)*(\.\*)?$/,
  requestId: /^[A-Za-z0-9._-]{1,128}$/,
  entity: /^[a-z][a-z0-9-]{0,39}$/,
  entityId: /^[A-Za-z0-9._:-]{1,100}$/,
  cursor: /^[1-9]\d{0,14}$/,
  route: /^\P{Cc}{1,300}$/u,
} as const;

/** Whether `value` is a type the API accepts: `request`, an event type or a family such as `auth.*`. */
export function isAuditType(value: string): boolean {
  return value.length <= 64 && PATTERNS.type.test(value);
}

/** Whether `value` looks like an actor id (a UUID, an API client id). */
export function isActorId(value: string): boolean {
  return PATTERNS.actor.test(value);
}

/** Whether `value` is a route filter the API accepts (1–300 characters, no control characters). */
export function isRouteFilter(value: string): boolean {
  return PATTERNS.route.test(value);
}

function instant(value: string | null): string {
  return value && !Number.isNaN(Date.parse(value)) ? value : '';
}

function matching(value: string | null, pattern: RegExp): string {
  const text = value?.trim() ?? '';
  return pattern.test(text) ? text : '';
}

function oneOf<T extends string>(value: string | null, allowed: readonly T[]): T | null {
  return allowed.find((item) => item === value) ?? null;
}

/** Reads the URL; unknown or malformed values fall back to "any", the page size to the default. */
export function auditQueryFromParams(params: ParamMap): AuditQuery {
  const limit = Number(params.get('limit'));
  const record = params.get('record') ?? '';
  const ip = params.get('ip')?.trim() ?? '';
  const type = params.get('type')?.trim() ?? '';
  return {
    from: instant(params.get('from')),
    to: instant(params.get('to')),
    actor: matching(params.get('actor'), PATTERNS.actor),
    actorKind: oneOf(params.get('actorKind'), ACTOR_KINDS),
    ip: isIpAddress(ip) ? ip : '',
    status: oneOf(params.get('status'), STATUS_CLASSES),
    route: matching(params.get('route'), PATTERNS.route),
    type: isAuditType(type) ? type : '',
    requestId: matching(params.get('requestId'), PATTERNS.requestId),
    entity: matching(params.get('entity'), PATTERNS.entity),
    entityId: matching(params.get('entityId'), PATTERNS.entityId),
    limit: (AUDIT_PAGE_SIZES as readonly number[]).includes(limit) ? limit : AUDIT_DEFAULT_PAGE_SIZE,
    cursor: matching(params.get('cursor'), PATTERNS.cursor) || null,
    record: /^[1-9]\d{0,14}$/.test(record) ? Number(record) : null,
  };
}

const FILTER_KEYS = Object.keys(EMPTY_AUDIT_FILTERS) as (keyof AuditFilters)[];

/** The filters alone (what the CSV export takes). */
export function filtersOf(query: AuditFilters): AuditFilters {
  return Object.fromEntries(FILTER_KEYS.map((key) => [key, query[key]])) as unknown as AuditFilters;
}

/** Whether any filter is set. */
export function hasFilters(filters: AuditFilters): boolean {
  return FILTER_KEYS.some((key) => filters[key] !== EMPTY_AUDIT_FILTERS[key]);
}

function filterEntries(filters: AuditFilters): [string, string][] {
  return FILTER_KEYS.flatMap((key) => {
    const value = filters[key];
    return value ? [[key, value] as [string, string]] : [];
  });
}

/** The URL of a view; defaults are left out, so each view has one URL. */
export function auditQueryToParams(query: AuditQuery): Params {
  const params: Params = Object.fromEntries(filterEntries(query));
  if (query.limit !== AUDIT_DEFAULT_PAGE_SIZE) {
    params['limit'] = query.limit;
  }
  if (query.cursor) {
    params['cursor'] = query.cursor;
  }
  if (query.record !== null) {
    params['record'] = query.record;
  }
  return params;
}

/** The list request's parameters (the record shown in detail is the page's business, not the API's). */
export function auditListParams(query: AuditQuery): HttpParams {
  let params = new HttpParams({ fromObject: Object.fromEntries(filterEntries(query)) }).set('limit', query.limit);
  if (query.cursor) {
    params = params.set('cursor', query.cursor);
  }
  return params;
}

/** The export request's parameters: the filters only. */
export function auditExportParams(filters: AuditFilters): HttpParams {
  return new HttpParams({ fromObject: Object.fromEntries(filterEntries(filters)) });
}
