import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"y":2,"z":1}]},"b":1}',
    );
  });

  it('gives the same text for the same value built in another key order', () => {
    expect(canonicalJson({ seq: 1, type: 'request', at: 'T' })).toBe(
      canonicalJson({ at: 'T', type: 'request', seq: 1 }),
    );
  });

  it('orders keys by UTF-16 code units (upper case before lower case, as RFC 8785)', () => {
    expect(canonicalJson({ b: 1, B: 2, a: 3, é: 4 })).toBe('{"B":2,"a":3,"b":1,"é":4}');
  });

  it('keeps null, drops undefined members, writes undefined array items as null', () => {
    expect(canonicalJson({ a: null, b: undefined, c: [undefined, 1] })).toBe('{"a":null,"c":[null,1]}');
  });

  it('escapes strings as JSON does and writes numbers in their shortest form', () => {
    expect(canonicalJson({ s: 'quote " backslash \\ newline \n', n: [1.5, 1e21, -0.000001, 10] })).toBe(
      '{"n":[1.5,1e+21,-0.000001,10],"s":"quote \\" backslash \\\\ newline \\n"}',
    );
  });

  it('writes dates as ISO 8601 strings', () => {
    expect(canonicalJson({ at: new Date('2026-05-01T10:00:00.123Z') })).toBe('{"at":"2026-05-01T10:00:00.123Z"}');
  });

  it('refuses values JSON cannot hold', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow(TypeError);
    expect(() => canonicalJson(10n)).toThrow(TypeError);
  });
});
