import { AppError } from '../../common/errors/app-error';
import { otiParametersOf, parseOtiRecordQuery } from './oti-record-query';

const problemsOf = (work: () => unknown): { code: string; fields: (string | undefined)[] } => {
  try {
    work();
  } catch (error) {
    const e = error as AppError;
    return { code: e.code, fields: (e.details ?? []).map((d) => d.field) };
  }
  return { code: 'none', fields: [] };
};

describe('parseOtiRecordQuery', () => {
  it('applies the defaults: limit 50, skip 0, an open window', () => {
    expect(parseOtiRecordQuery('purchases', '029', { filterString: 'C000001' })).toEqual({
      operatorId: '029',
      customerId: 'C000001',
      window: {},
      limit: 50,
      skip: 0,
    });
  });

  it('reads limit, skip and the kind’s window parameters', () => {
    const q = parseOtiRecordQuery('concessions', '030', {
      filterString: 'C1',
      limit: '500',
      skip: '007',
      'concession-valid-during-from': '2026-01-01',
      'concession-valid-during-to': '2026-01-31T12:00:00Z',
    });
    expect(q).toMatchObject({ limit: 500, skip: 7 });
    expect(q.window.from?.toISOString()).toBe('2026-01-01T00:00:00.000Z');
    expect(q.window.to?.toISOString()).toBe('2026-01-31T12:00:00.000Z');
  });

  it('accepts both spellings of usage-occurred, mixed too, but not both for one edge', () => {
    for (const [from, to] of [
      ['usage-occurred-during-from', 'usage-occurred-during-to'],
      ['usage-occured-during-from', 'usage-occured-during-to'],
      ['usage-occured-during-from', 'usage-occurred-during-to'],
    ]) {
      const q = parseOtiRecordQuery('usages', '029', { filterString: 'C1', [from]: '2026-01-01', [to]: '2026-01-02' });
      expect(q.window.to?.toISOString()).toBe('2026-01-02T23:59:59.999Z');
    }
    expect(
      problemsOf(() =>
        parseOtiRecordQuery('usages', '029', {
          filterString: 'C1',
          'usage-occurred-during-from': '2026-01-01',
          'usage-occured-during-from': '2026-01-01',
        }),
      ),
    ).toEqual({ code: 'BAD_INPUT_PARAMETER', fields: ['usage-occured-during-from'] });
  });

  it('knows each kind’s parameters and no others', () => {
    expect(otiParametersOf('purchases')).toEqual([
      'filterString',
      'limit',
      'skip',
      'travel-valid-during-from',
      'travel-valid-during-to',
    ]);
    expect(
      problemsOf(() =>
        parseOtiRecordQuery('purchases', '029', { filterString: 'C1', 'concession-valid-during-from': '2026-01-01' }),
      ),
    ).toEqual({ code: 'BAD_INPUT_PARAMETER', fields: ['concession-valid-during-from'] });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['no filterString', {}, ['filterString']],
    ['a blank filterString', { filterString: '' }, ['filterString']],
    ['a repeated filterString', { filterString: ['C1', 'C2'] }, ['filterString']],
    ['filterstring (case matters)', { filterstring: 'C1' }, ['filterstring']],
    ['a NUL byte', { filterString: 'C1\u0000' }, ['filterString']],
    ['limit 0', { filterString: 'C1', limit: '0' }, ['limit']],
    ['limit 501', { filterString: 'C1', limit: '501' }, ['limit']],
    ['limit -1', { filterString: 'C1', limit: '-1' }, ['limit']],
    ['limit 1.5', { filterString: 'C1', limit: '1.5' }, ['limit']],
    ['limit 1e2', { filterString: 'C1', limit: '1e2' }, ['limit']],
    ['limit blank', { filterString: 'C1', limit: '' }, ['limit']],
    ['skip -1', { filterString: 'C1', skip: '-1' }, ['skip']],
    ['skip beyond 2^31-1', { filterString: 'C1', skip: '2147483648' }, ['skip']],
    ['skip 99999999999', { filterString: 'C1', skip: '99999999999' }, ['skip']],
    ['a bad date', { filterString: 'C1', 'travel-valid-during-from': '2026-02-30' }, ['travel-valid-during-from']],
    [
      'from after to',
      { filterString: 'C1', 'travel-valid-during-from': '2026-02-02', 'travel-valid-during-to': '2026-02-01' },
      ['travel-valid-during-from'],
    ],
    ['several problems at once', { limit: 'x', skip: 'y' }, ['filterString', 'limit', 'skip']],
  ])('refuses %s with BAD_INPUT_PARAMETER', (_name, query, fields) => {
    expect(problemsOf(() => parseOtiRecordQuery('purchases', '029', query))).toEqual({
      code: 'BAD_INPUT_PARAMETER',
      fields,
    });
  });

  it.each(['29', '0299', 'abc', '', undefined])('refuses the path operator id %p', (operatorId) => {
    expect(problemsOf(() => parseOtiRecordQuery('usages', operatorId, { filterString: 'C1' }))).toEqual({
      code: 'BAD_INPUT_PARAMETER',
      fields: ['operatorId'],
    });
  });
});
