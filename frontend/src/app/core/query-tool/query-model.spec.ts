import { describe, expect, it } from 'vitest';

import { QUERY_KINDS, QUERY_KIND_LABELS, isQueryKind, normaliseParams } from './query.model';

describe('query model', () => {
  it('knows the kinds of the contract, each with a label', () => {
    expect(QUERY_KINDS).toEqual(['operators', 'modes', 'customers', 'customer', 'purchases', 'concessions', 'usages']);
    expect(QUERY_KINDS.map((kind) => QUERY_KIND_LABELS[kind])).toEqual([
      'Operators',
      'Modes',
      'Customer search',
      'Customer profile',
      'Purchases',
      'Concessions',
      'Usages',
    ]);
    expect(isQueryKind('usages')).toBe(true);
    expect(isQueryKind('users')).toBe(false);
    expect(isQueryKind(undefined)).toBe(false);
  });

  it('normalises params as the API does: empty values dropped, keys sorted, lists sorted once, numbers as text', () => {
    const params = normaliseParams({ q: ' scot ', mode: ['010', '007', '010', ''], id: '', page: 2, sort: undefined });
    expect(params).toEqual({ mode: ['007', '010'], page: '2', q: 'scot' });
    expect(Object.keys(params)).toEqual(['mode', 'page', 'q']);
    expect(normaliseParams({ mode: [] })).toEqual({});
  });
});
