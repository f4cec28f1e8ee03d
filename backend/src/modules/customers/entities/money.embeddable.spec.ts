import { formatMinorUnits, parseMinorUnits } from './money.embeddable';

describe('minor-unit money helpers', () => {
  it.each([
    [870, 'GBP', '8.70'],
    [5, 'GBP', '0.05'],
    [-5, 'GBP', '-0.05'],
    [0, 'EUR', '0.00'],
    [123456, 'GBP', '1234.56'],
    [1500, 'JPY', '1500'],
    [1234, 'KWD', '1.234'],
  ])('formats %d %s as %s', (amount, currency, expected) => {
    expect(formatMinorUnits(amount, currency)).toBe(expected);
    expect(parseMinorUnits(expected, currency)).toBe(amount);
  });

  it('parses amounts with fewer decimals than the currency', () => {
    expect(parseMinorUnits('8.7', 'GBP')).toBe(870);
    expect(parseMinorUnits('12', 'GBP')).toBe(1200);
  });

  it('rejects non-integers and over-precise decimals', () => {
    expect(() => formatMinorUnits(8.7, 'GBP')).toThrow(RangeError);
    expect(() => parseMinorUnits('8.705', 'GBP')).toThrow(RangeError);
    expect(() => parseMinorUnits('abc', 'GBP')).toThrow(RangeError);
  });
});
