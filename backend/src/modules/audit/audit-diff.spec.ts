import { fieldDiff } from './audit-diff';

describe('fieldDiff', () => {
  it('lists changed, added and removed fields by dotted path, sorted', () => {
    expect(
      fieldDiff(
        { name: 'Old', email: 'a@x', address: { city: 'Leeds', line1: '1 Road' }, phone: '1' },
        { name: 'New', email: 'a@x', address: { city: 'York', line1: '1 Road' }, homepage: 'h' },
      ),
    ).toEqual([
      { path: 'address.city', kind: 'changed', before: 'Leeds', after: 'York' },
      { path: 'homepage', kind: 'added', after: 'h' },
      { path: 'name', kind: 'changed', before: 'Old', after: 'New' },
      { path: 'phone', kind: 'removed', before: '1' },
    ]);
  });

  it('compares arrays whole, and objects regardless of key order', () => {
    expect(fieldDiff({ modes: ['001', '002'], o: { a: 1, b: 2 } }, { modes: ['001'], o: { b: 2, a: 1 } })).toEqual([
      { path: 'modes', kind: 'changed', before: ['001', '002'], after: ['001'] },
    ]);
  });

  it('a creation lists every field as added, a deletion every field as removed', () => {
    expect(fieldDiff(null, { id: '040', name: 'X' })).toEqual([
      { path: 'id', kind: 'added', after: '040' },
      { path: 'name', kind: 'added', after: 'X' },
    ]);
    expect(fieldDiff({ id: '040' }, null)).toEqual([{ path: 'id', kind: 'removed', before: '040' }]);
  });

  it('is empty when nothing changed or there is nothing to compare', () => {
    expect(fieldDiff({ a: 1 }, { a: 1 })).toEqual([]);
    expect(fieldDiff(null, null)).toEqual([]);
    expect(fieldDiff(undefined, null)).toEqual([]);
  });

  it('treats a field that turns from a value into an object (or null) as changed', () => {
    expect(fieldDiff({ a: 'x', b: null }, { a: { y: 1 }, b: 'z' })).toEqual([
      { path: 'a', kind: 'changed', before: 'x', after: { y: 1 } },
      { path: 'b', kind: 'changed', before: null, after: 'z' },
    ]);
  });

  it('compares non-object values as a whole', () => {
    expect(fieldDiff('a', 'b')).toEqual([{ path: '(value)', kind: 'changed', before: 'a', after: 'b' }]);
  });
});
