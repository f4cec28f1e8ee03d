import { checkQuery, checkStoredParams, normaliseParams, sameQuery } from './query-params';

const fields = (check: { problems: { field?: string; constraint?: string }[] }) =>
  check.problems.map((p) => `${p.field}:${p.constraint}`);

describe('normaliseParams', () => {
  it('sorts keys, drops empty values, writes numbers as strings and sorts lists without repeats', () => {
    const params = normaliseParams({ sort: '-name', q: '', page: 2, mode: ['010', '007', '010'], id: undefined });
    expect(params).toEqual({ mode: ['007', '010'], page: '2', sort: '-name' });
    expect(Object.keys(params)).toEqual(['mode', 'page', 'sort']);
    expect(normaliseParams({ mode: [], pageSize: Number.NaN, x: null })).toEqual({});
  });
});

describe('sameQuery', () => {
  it('compares kind and normalised params, whatever the key order', () => {
    const a = { kind: 'operators' as const, params: { q: 'rail', mode: ['010', '007'] } };
    expect(sameQuery(a, { kind: 'operators', params: { mode: ['007', '010'], q: 'rail' } })).toBe(true);
    expect(sameQuery(a, { kind: 'operators', params: { q: 'rail' } })).toBe(false);
    expect(sameQuery({ kind: 'modes', params: {} }, { kind: 'operators', params: {} })).toBe(false);
  });
});

describe('checkQuery (the route parameters and query string of a request)', () => {
  it('operators: the directory query rules, params normalised from the validated values', async () => {
    const ok = await checkQuery('operators', {
      route: {},
      query: { q: 'rail', mode: ['010', '007'], page: '02', pageSize: '10', email: '' },
    });
    expect(ok).toEqual({ params: { mode: ['007', '010'], page: '2', pageSize: '10', q: 'rail' }, problems: [] });
    expect(fields(await checkQuery('operators', { route: {}, query: { mode: '01x' } }))).toEqual(['mode:matches']);
    expect(fields(await checkQuery('operators', { route: {}, query: { nope: '1' } }))).toEqual([
      'nope:whitelistValidation',
    ]);
    expect(fields(await checkQuery('operators', { route: {}, query: { page: '0' } }))).toEqual(['page:min']);
  });

  it('modes: the route reads no query string, so params are always {}', async () => {
    expect(await checkQuery('modes', { route: {}, query: { anything: 'x' } })).toEqual({ params: {}, problems: [] });
  });

  it('customers: q trimmed, the cursor never kept', async () => {
    const ok = await checkQuery('customers', {
      route: {},
      query: { q: '  smith ', operatorId: '029', pageSize: '20', cursor: 'abc' },
    });
    expect(ok.params).toEqual({ operatorId: '029', pageSize: '20', q: 'smith' });
    expect(fields(await checkQuery('customers', { route: {}, query: { q: 'ab' } }))).toEqual(['q:isLength']);
  });

  it('records: route parameters and window, with the service’s date rules', async () => {
    const route = { operatorId: '029', customerId: 'C000042' };
    const ok = await checkQuery('purchases', { route, query: { from: '2026-01-01', to: '2026-03-31', page: '1' } });
    expect(ok.params).toEqual({
      customerId: 'C000042',
      from: '2026-01-01',
      operatorId: '029',
      page: '1',
      to: '2026-03-31',
    });
    expect(fields(await checkQuery('usages', { route, query: { from: '2026-02-30' } }))).toEqual(['from:isDateWindow']);
    expect(fields(await checkQuery('concessions', { route, query: { from: '2026-03-02', to: '2026-03-01' } }))).toEqual(
      ['from:isDateWindow'],
    );
    expect(fields(await checkQuery('customer', { route: { operatorId: '29', customerId: 'C1' }, query: {} }))).toEqual([
      'operatorId:matches',
    ]);
  });

  it('refuses values that are not strings, NUL characters and prototype keys', async () => {
    const proto = JSON.parse('{"__proto__": "x"}') as Record<string, unknown>;
    expect(fields(await checkQuery('operators', { route: {}, query: { q: 1 } }))).toEqual(['q:isQueryValue']);
    expect(fields(await checkQuery('operators', { route: {}, query: { q: 'a\u0000b' } }))).toEqual([
      'q:noNulCharacter',
    ]);
    expect(fields(await checkQuery('operators', { route: {}, query: proto }))).toEqual([
      '__proto__:whitelistValidation',
    ]);
  });
});

describe('checkStoredParams (the params of a favourite)', () => {
  it('splits route parameters from the query by name and applies the same rules', async () => {
    const ok = await checkStoredParams('usages', { customerId: 'C000042', operatorId: '029', pageSize: '50' });
    expect(ok.params).toEqual({ customerId: 'C000042', operatorId: '029', pageSize: '50' });
    expect(fields(await checkStoredParams('customer', { operatorId: '029' })).sort()).toEqual([
      'customerId:isLength',
      'customerId:isString',
      'customerId:matches',
    ]);
    expect(fields(await checkStoredParams('customer', { operatorId: '029', customerId: 'C1', page: '1' }))).toEqual([
      'page:whitelistValidation',
    ]);
  });

  it('refuses a cursor, any parameter for modes, and anything but an object', async () => {
    expect(fields(await checkStoredParams('customers', { q: 'smith', cursor: 'abc' }))).toEqual([
      'cursor:whitelistValidation',
    ]);
    expect(fields(await checkStoredParams('modes', { q: 'x' }))).toEqual(['q:whitelistValidation']);
    expect(await checkStoredParams('modes', {})).toEqual({ params: {}, problems: [] });
    for (const bad of [null, [], 'q=smith', 3]) {
      expect(fields(await checkStoredParams('operators', bad))).toEqual(['params:isObject']);
    }
  });

  it('takes `mode` as one id or a list, and counts empty values as absent', async () => {
    expect((await checkStoredParams('operators', { mode: '010', q: '' })).params).toEqual({ mode: ['010'] });
    expect(fields(await checkStoredParams('operators', { mode: ['010', 'x'] }))).toEqual(['mode:matches']);
    expect(fields(await checkStoredParams('operators', { q: ['a', 'b'] }))).toContain('q:isString');
  });
});
