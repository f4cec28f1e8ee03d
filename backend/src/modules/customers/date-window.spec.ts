import { parseDateWindow, parseWindowEdge } from './date-window';

const iso = (date: Date | undefined) => date?.toISOString();

describe('parseWindowEdge', () => {
  it('reads a date as the first millisecond (from) or the last (to) of that UTC day', () => {
    expect(iso(parseWindowEdge('2026-11-01', 'from'))).toBe('2026-11-01T00:00:00.000Z');
    expect(iso(parseWindowEdge('2026-11-01', 'to'))).toBe('2026-11-01T23:59:59.999Z');
    expect(iso(parseWindowEdge('2024-02-29', 'to'))).toBe('2024-02-29T23:59:59.999Z');
  });

  it.each([
    ['2026-11-01T08:30:00Z', '2026-11-01T08:30:00.000Z'],
    ['2026-11-01t08:30:00z', '2026-11-01T08:30:00.000Z'],
    ['2026-11-01T08:30Z', '2026-11-01T08:30:00.000Z'],
    ['2026-11-01T08:30:15.5Z', '2026-11-01T08:30:15.500Z'],
    ['2026-11-01T08:30:15.123456789Z', '2026-11-01T08:30:15.123Z'],
    ['2026-11-01T08:30:00+01:00', '2026-11-01T07:30:00.000Z'],
    ['2026-11-01T08:30:00 01:00', '2026-11-01T07:30:00.000Z'],
    ['2026-11-01T00:30:00-05:30', '2026-11-01T06:00:00.000Z'],
    ['2026-01-01T00:00:00+14:00', '2025-12-31T10:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
  ])('reads the date-time %p as %p', (text, expected) => {
    expect(iso(parseWindowEdge(text, 'from'))).toBe(expected);
    expect(iso(parseWindowEdge(text, 'to'))).toBe(expected);
  });

  it.each([
    '',
    '2026',
    '2026-11',
    '26-11-01',
    '2026-13-01',
    '2026-00-10',
    '2026-02-29',
    '2026-04-31',
    '2026-11-01T24:00:00Z',
    '2026-11-01T08:60:00Z',
    '2026-11-01T08:30:60Z',
    '2026-11-01T08:30:00',
    '2026-11-01T08:30:00+0100',
    '2026-11-01T08:30:00+24:00',
    '2026-11-01T08:30:00+01:60',
    '2026-11-01 08:30:00Z',
    ' 2026-11-01',
    '2026-11-01 ',
    '+02026-11-01',
    '0000-01-01',
    '9999-12-31T23:59:59-01:00',
    '0001-01-01T00:00:00+01:00',
    '2026-11-01T08:30:00.Z',
    '2026-11-01T08:30:00.1234567890Z',
    '１２３４-01-01',
    "2026-11-01' OR 1=1 --",
    'now',
  ])('refuses %p', (text) => {
    expect(parseWindowEdge(text, 'from')).toBeUndefined();
    expect(parseWindowEdge(text, 'to')).toBeUndefined();
  });
});

describe('parseDateWindow', () => {
  const names = { from: 'from', to: 'to' };

  it('leaves absent edges open', () => {
    expect(parseDateWindow({}, names)).toEqual({ window: {}, problems: [] });
    expect(iso(parseDateWindow({ to: '2026-01-31' }, names).window?.to)).toBe('2026-01-31T23:59:59.999Z');
  });

  it('accepts a one-day window and from = to', () => {
    const day = parseDateWindow({ from: '2026-01-31', to: '2026-01-31' }, names).window!;
    expect([iso(day.from), iso(day.to)]).toEqual(['2026-01-31T00:00:00.000Z', '2026-01-31T23:59:59.999Z']);
    const instant = parseDateWindow({ from: '2026-01-31T10:00:00Z', to: '2026-01-31T11:00:00+01:00' }, names);
    expect(instant.problems).toEqual([]);
  });

  it('refuses from after to, naming the caller’s parameters', () => {
    const result = parseDateWindow(
      { from: '2026-02-01', to: '2026-01-31' },
      { from: 'usage-occured-during-from', to: 'usage-occurred-during-to' },
    );
    expect(result.window).toBeUndefined();
    expect(result.problems).toEqual([
      {
        parameter: 'usage-occured-during-from',
        message: 'usage-occured-during-from must not be after usage-occurred-during-to',
      },
    ]);
  });

  it('reports each unreadable edge', () => {
    expect(parseDateWindow({ from: 'yesterday', to: '2026-02-30' }, names).problems.map((p) => p.parameter)).toEqual([
      'from',
      'to',
    ]);
  });
});
