import { describe, expect, it } from 'vitest';

import { DEFAULT_QUERY } from '../../features/operators/model/operators.model';
import { RECORD_PAGE_SIZE, SEARCH_PAGE_SIZE } from '../../features/customers/model/customers.model';
import { PARAM_DEFAULTS } from './query-params';
import { queryLink } from './query-urls';

describe('queryLink', () => {
  it('opens the operators page with the filters, leaving out the defaults the API was sent', () => {
    expect(
      queryLink({
        kind: 'operators',
        params: { mode: ['007', '010'], page: '1', pageSize: '20', q: 'scot', sort: 'name' },
      }),
    ).toEqual({ commands: ['/operators'], queryParams: { q: 'scot', mode: ['007', '010'] } });
  });

  it('keeps every operator filter, a sort, a page and a page size that are not the defaults', () => {
    const link = queryLink({
      kind: 'operators',
      params: {
        email: 'rail',
        homepage: 'scotrail.co.uk',
        id: '01',
        language: 'en',
        mipta: 'mipta',
        mode: '010',
        page: '3',
        pageSize: '50',
        phone: '0345',
        q: 'scot',
        sort: '-id',
      },
    });
    expect(link.queryParams).toEqual({
      q: 'scot',
      id: '01',
      email: 'rail',
      phone: '0345',
      homepage: 'scotrail.co.uk',
      language: 'en',
      mipta: 'mipta',
      mode: ['010'],
      sort: '-id',
      page: '3',
      pageSize: '50',
    });
    // The same order as the operators page's own URLs.
    expect(Object.keys(link.queryParams)).toEqual([
      'q',
      'id',
      'email',
      'phone',
      'homepage',
      'language',
      'mipta',
      'mode',
      'sort',
      'page',
      'pageSize',
    ]);
  });

  it('opens the modes page', () => {
    expect(queryLink({ kind: 'modes', params: {} })).toEqual({ commands: ['/modes'], queryParams: {} });
  });

  it('opens the customer search with the operator and the term, never a page size or a cursor', () => {
    expect(queryLink({ kind: 'customers', params: { operatorId: '029', pageSize: '20', q: 'smith' } })).toEqual({
      commands: ['/customers'],
      queryParams: { operatorId: '029', q: 'smith' },
    });
    expect(queryLink({ kind: 'customers', params: { q: 'smith' } }).queryParams).toEqual({ q: 'smith' });
  });

  it('opens a customer page for a profile', () => {
    expect(queryLink({ kind: 'customer', params: { customerId: 'C000003', operatorId: '029' } })).toEqual({
      commands: ['/customers', '029', 'C000003'],
      queryParams: {},
    });
  });

  it("opens the record kind's tab with the date window and the page", () => {
    expect(
      queryLink({
        kind: 'usages',
        params: {
          customerId: 'C000003',
          from: '2026-01-01',
          operatorId: '029',
          page: '2',
          pageSize: '20',
          to: '2026-01-31',
        },
      }),
    ).toEqual({
      commands: ['/customers', '029', 'C000003'],
      queryParams: { tab: 'usages', from: '2026-01-01', to: '2026-01-31', page: '2' },
    });
    expect(
      queryLink({ kind: 'purchases', params: { customerId: 'C000003', operatorId: '029', page: '1' } }).queryParams,
    ).toEqual({ tab: 'purchases' });
    expect(queryLink({ kind: 'concessions', params: { customerId: 'C1', operatorId: '030' } })).toEqual({
      commands: ['/customers', '030', 'C1'],
      queryParams: { tab: 'concessions' },
    });
  });

  it('falls back to the customer search when a customer query names no customer', () => {
    expect(queryLink({ kind: 'purchases', params: { operatorId: '029' } })).toEqual({
      commands: ['/customers'],
      queryParams: {},
    });
  });

  it("uses the query pages' own defaults", () => {
    expect(PARAM_DEFAULTS.operatorsSort).toBe(DEFAULT_QUERY.sort);
    expect(PARAM_DEFAULTS.operatorsPageSize).toBe(String(DEFAULT_QUERY.pageSize));
    expect(PARAM_DEFAULTS.page).toBe(String(DEFAULT_QUERY.page));
    // The customer pages fix their page sizes, so their URLs carry none.
    expect([SEARCH_PAGE_SIZE, RECORD_PAGE_SIZE]).toEqual([20, 20]);
  });
});
