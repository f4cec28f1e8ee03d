import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';

import {
  AUDIT_DEFAULT_PAGE_SIZE,
  EMPTY_AUDIT_FILTERS,
  auditExportParams,
  auditListParams,
  auditQueryFromParams,
  auditQueryToParams,
  filtersOf,
  hasFilters,
} from './audit-query';

const USER_ID = '5b0e1c2a-7d3f-4c1e-9a8b-0c1d2e3f4a5b';

describe('audit query in the URL', () => {
  it('reads every filter, the page size, the cursor and the record', () => {
    const query = auditQueryFromParams(
      convertToParamMap({
        from: '2026-05-01T08:00:00.000Z',
        to: '2026-05-02T08:00:59.999Z',
        actor: USER_ID,
        actorKind: 'user',
        ip: '203.0.113.7',
        status: '4xx',
        route: '/operators/:id',
        type: 'auth.*',
        requestId: 'req-1',
        entity: 'operator',
        entityId: '012',
        limit: '100',
        cursor: '1041',
        record: '1050',
      }),
    );
    expect(query).toEqual({
      from: '2026-05-01T08:00:00.000Z',
      to: '2026-05-02T08:00:59.999Z',
      actor: USER_ID,
      actorKind: 'user',
      ip: '203.0.113.7',
      status: '4xx',
      route: '/operators/:id',
      type: 'auth.*',
      requestId: 'req-1',
      entity: 'operator',
      entityId: '012',
      limit: 100,
      cursor: '1041',
      record: 1050,
    });
  });

  it('drops malformed values instead of sending them to the API', () => {
    const query = auditQueryFromParams(
      convertToParamMap({
        from: 'yesterday',
        actor: 'not an id!',
        actorKind: 'robot',
        ip: '203.0.113',
        status: '6xx',
        type: 'Auth.*',
        entity: 'Operator',
        limit: '7',
        cursor: '0',
        record: '-3',
      }),
    );
    expect(query).toEqual({ ...EMPTY_AUDIT_FILTERS, limit: AUDIT_DEFAULT_PAGE_SIZE, cursor: null, record: null });
  });

  it('writes defaults out of the URL, so each view has one URL, and reads back what it wrote', () => {
    const query = {
      ...EMPTY_AUDIT_FILTERS,
      actor: USER_ID,
      status: '2xx' as const,
      limit: AUDIT_DEFAULT_PAGE_SIZE,
      cursor: null,
      record: null,
    };
    const params = auditQueryToParams(query);
    expect(params).toEqual({ actor: USER_ID, status: '2xx' });
    expect(auditQueryFromParams(convertToParamMap(params))).toEqual(query);
    expect(auditQueryToParams({ ...query, limit: 25, cursor: '88', record: 90 })).toEqual({
      actor: USER_ID,
      status: '2xx',
      limit: 25,
      cursor: '88',
      record: 90,
    });
  });

  it('asks the list with filters, limit and cursor, and the export with the filters only', () => {
    const query = {
      ...EMPTY_AUDIT_FILTERS,
      type: 'request',
      ip: '::1',
      limit: 50,
      cursor: '77',
      record: 5,
    };
    expect(auditListParams(query).toString()).toBe('ip=::1&type=request&limit=50&cursor=77');
    expect(auditExportParams(filtersOf(query)).toString()).toBe('ip=::1&type=request');
  });

  it('tells whether any filter is set', () => {
    expect(hasFilters(EMPTY_AUDIT_FILTERS)).toBe(false);
    expect(hasFilters({ ...EMPTY_AUDIT_FILTERS, entityId: '012' })).toBe(true);
  });
});
