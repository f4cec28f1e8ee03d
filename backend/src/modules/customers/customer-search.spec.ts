import { AppError } from '../../common/errors/app-error';
import { containsPattern, decodeCursor, encodeCursor, SearchKey } from './customer-search';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

function expectInvalidCursor(cursor: string) {
  let thrown: unknown;
  try {
    decodeCursor(cursor);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(AppError);
  expect(thrown).toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
}

describe('customer search cursor', () => {
  it.each<SearchKey>([
    ['Alice Smith', '029', 'C000001'],
    ['', '030', 'X'],
    ['Zoë O\'Brien "the second" \\ % _', '000', 'c-9/ü'],
    ['x'.repeat(200), '001', 'y'.repeat(32)],
  ])('round-trips %j as opaque base64url', (...key) => {
    const cursor = encodeCursor(key);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor)).toEqual(key);
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['padding', `${b64('["a","029","C1"]')}=`],
    ['not JSON', b64('name,029,C1')],
    ['JSON object', b64('{"n":"a","o":"029","c":"C1"}')],
    ['two parts', b64('["a","029"]')],
    ['four parts', b64('["a","029","C1","x"]')],
    ['a number', b64('["a",29,"C1"]')],
    ['null', b64('["a",null,"C1"]')],
    ['empty operator', b64('["a","","C1"]')],
    ['empty customer id', b64('["a","029",""]')],
    ['operator id too long', b64('["a","0299","C1"]')],
    ['customer id too long', b64(JSON.stringify(['a', '029', 'c'.repeat(33)]))],
    ['name too long', b64(JSON.stringify(['n'.repeat(201), '029', 'C1']))],
    ['a NUL character', b64(JSON.stringify(['a\u0000b', '029', 'C1']))],
    ['very long', 'A'.repeat(5000)],
    ['SQL in it', b64(`["a' OR 1=1 --","029","C1"]`) + "'--"],
    ['non-canonical spelling', b64('["a","029","C1"]').replace(/.$/, (c) => String.fromCharCode(c.charCodeAt(0) + 1))],
  ])('refuses a cursor that is %s with INVALID_CURSOR', (_label, cursor) => {
    expectInvalidCursor(cursor);
  });

  it('accepts only the canonical spelling (the last character carries unused bits)', () => {
    const cursor = encodeCursor(['ab', '029', 'C1']);
    expect(decodeCursor(cursor)).toEqual(['ab', '029', 'C1']);
  });
});

describe('containsPattern', () => {
  it.each([
    ['smith', '%smith%'],
    ['50%', '%50\\%%'],
    ['a_b', '%a\\_b%'],
    ['back\\slash', '%back\\\\slash%'],
    ["o'brien", "%o'brien%"],
    ['%_\\', '%\\%\\_\\\\%'],
  ])('turns %p into %p', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
