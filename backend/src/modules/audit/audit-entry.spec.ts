import { makeEntry, MAX_JSON_CHARS, storableJson, storableString } from './audit-entry';

const NOW = new Date('2026-05-01T10:00:00.000Z');

describe('audit entries', () => {
  it('fills every field, null when absent, and takes the time from the clock when none is given', () => {
    expect(makeEntry({ type: 'request', actorKind: 'anonymous' }, NOW)).toEqual({
      at: '2026-05-01T10:00:00.000Z',
      type: 'request',
      requestId: null,
      actorKind: 'anonymous',
      actorId: null,
      actorRole: null,
      ip: null,
      method: null,
      route: null,
      path: null,
      status: null,
      durationMs: null,
      userAgent: null,
      errorCode: null,
      entity: null,
      entityId: null,
      before: null,
      after: null,
      details: null,
    });
  });

  it('cuts values to their columns and rounds durations', () => {
    const entry = makeEntry(
      {
        type: 'request',
        actorKind: 'anonymous',
        userAgent: 'u'.repeat(500),
        path: `/${'p'.repeat(2000)}`,
        durationMs: 1.6,
      },
      NOW,
    );
    expect(entry.userAgent).toHaveLength(300);
    expect(entry.path).toHaveLength(1000);
    expect(entry.durationMs).toBe(2);
  });

  it('keeps a valid event time and replaces an invalid one', () => {
    expect(makeEntry({ type: 'x.y', actorKind: 'anonymous', at: '2026-01-02T03:04:05.678Z' }, NOW).at).toBe(
      '2026-01-02T03:04:05.678Z',
    );
    expect(makeEntry({ type: 'x.y', actorKind: 'anonymous', at: 'yesterday' }, NOW).at).toBe(NOW.toISOString());
  });

  it('stores strings both databases accept: no NUL, no lone surrogate, no split pair', () => {
    expect(storableString('a\u0000b')).toBe('ab');
    expect(storableString('x\uD800y')).toBe('x\uFFFDy');
    expect(storableString('ab\uD83D\uDE00', 3)).toBe('ab');
    expect(storableString('ab\uD83D\uDE00', 4)).toBe('ab\uD83D\uDE00');
  });

  it('stores JSON as it reads back: plain values, dates as strings, storable strings in keys and values', () => {
    expect(storableJson({ when: NOW, skip: undefined, list: [1, 'a\u0000'], ['k\u0000']: true })).toEqual({
      when: NOW.toISOString(),
      list: [1, 'a'],
      k: true,
    });
    expect(storableJson(undefined)).toBeNull();
  });

  it('replaces JSON that is too large or cannot be serialised by a note', () => {
    expect(storableJson({ big: 'x'.repeat(MAX_JSON_CHARS) })).toEqual({ truncated: true, chars: MAX_JSON_CHARS + 10 });
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(storableJson(cycle)).toEqual({ unserialisable: true });
  });

  it('keeps before, after and details objects: another JSON value is kept as { value }', () => {
    const entry = makeEntry({ type: 'x.y', actorKind: 'anonymous', details: { a: 1 }, before: ['a'], after: 'b' }, NOW);
    expect(entry).toMatchObject({ details: { a: 1 }, before: { value: ['a'] }, after: { value: 'b' } });
  });
});
