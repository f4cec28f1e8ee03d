import { describe, expect, it } from 'vitest';

import { querySummary } from './query-summary';

describe('querySummary', () => {
  it('says an operators query in words, leaving the defaults unsaid', () => {
    expect(
      querySummary({
        kind: 'operators',
        params: { mode: ['007', '010'], page: '1', pageSize: '20', q: 'scot', sort: 'name' },
      }),
    ).toBe('Name contains “scot” · Modes 007, 010');
    expect(querySummary({ kind: 'operators', params: { mode: '010' } })).toBe('Mode 010');
    expect(querySummary({ kind: 'operators', params: { page: '1', pageSize: '20', sort: 'name' } })).toBe(
      'All operators',
    );
  });

  it('names every operator filter, the sort, the page and the page size', () => {
    expect(
      querySummary({
        kind: 'operators',
        params: {
          email: 'rail',
          homepage: 'scotrail.co.uk',
          id: '019',
          language: 'en',
          mipta: 'mipta',
          page: '3',
          pageSize: '50',
          phone: '0345',
          q: 'scot',
          sort: '-id',
        },
      }),
    ).toBe(
      'Name contains “scot” · ID 019 · Email “rail” · Phone “0345” · Homepage “scotrail.co.uk” · Language en · ' +
        'MIPTA URL “mipta” · Sorted by ID, descending · Page 3 · 50 per page',
    );
    expect(querySummary({ kind: 'operators', params: { id: '01' } })).toBe('ID starts with 01');
    expect(querySummary({ kind: 'operators', params: { sort: '-name', page: '2' } })).toBe(
      'All operators · Sorted by name, Z to A · Page 2',
    );
  });

  it('says the modes and customer queries in words', () => {
    expect(querySummary({ kind: 'modes', params: {} })).toBe('All modes');
    expect(querySummary({ kind: 'customers', params: { operatorId: '029', pageSize: '20', q: 'smith' } })).toBe(
      '“smith” · Operator 029',
    );
    expect(querySummary({ kind: 'customers', params: { q: 'smith' } })).toBe('“smith” · All operators');
    expect(querySummary({ kind: 'customer', params: { customerId: 'C000003', operatorId: '029' } })).toBe(
      'Customer C000003 at operator 029',
    );
  });

  it('says a records query with its date window and page', () => {
    const customer = { customerId: 'C000003', operatorId: '029' };
    expect(
      querySummary({
        kind: 'purchases',
        params: { ...customer, from: '2026-01-01', page: '2', pageSize: '20', to: '2026-01-31' },
      }),
    ).toBe('Customer C000003 at operator 029 · 2026-01-01 to 2026-01-31 · Page 2');
    expect(querySummary({ kind: 'usages', params: { ...customer, from: '2026-01-01', page: '1' } })).toBe(
      'Customer C000003 at operator 029 · From 2026-01-01',
    );
    expect(querySummary({ kind: 'concessions', params: { ...customer, to: '2026-01-31' } })).toBe(
      'Customer C000003 at operator 029 · Until 2026-01-31',
    );
  });
});
