import { AppError } from '../../common/errors/app-error';
import { neutraliseFormula } from './operator-export';
import { validateOtiQuery } from './oti-query.decorator';

describe('validateOtiQuery', () => {
  const codeOf = (fn: () => unknown) => {
    try {
      fn();
    } catch (error) {
      return (error as AppError).code;
    }
    return 'none';
  };

  it('passes the allowed parameters given once', () => {
    expect(validateOtiQuery({ filterString: 'scot' }, ['filterString'])).toEqual({ filterString: 'scot' });
    expect(validateOtiQuery({}, [])).toEqual({});
    expect(validateOtiQuery(undefined, ['a'])).toEqual({});
  });

  it('refuses unknown, repeated and over-long parameters with BAD_INPUT_PARAMETER', () => {
    expect(codeOf(() => validateOtiQuery({ limit: '1' }, ['filterString']))).toBe('BAD_INPUT_PARAMETER');
    expect(codeOf(() => validateOtiQuery({ filterString: ['a', 'b'] }, ['filterString']))).toBe('BAD_INPUT_PARAMETER');
    expect(codeOf(() => validateOtiQuery({ filterString: 'x'.repeat(501) }, ['filterString']))).toBe(
      'BAD_INPUT_PARAMETER',
    );
  });
});

describe('neutraliseFormula', () => {
  it('prefixes cells a spreadsheet would evaluate, leaves phone numbers alone', () => {
    expect(neutraliseFormula('=HYPERLINK("x")')).toBe(`'=HYPERLINK("x")`);
    expect(neutraliseFormula('@SUM(A1)')).toBe(`'@SUM(A1)`);
    expect(neutraliseFormula('-cmd')).toBe(`'-cmd`);
    expect(neutraliseFormula('+44 20 7946 0000')).toBe('+44 20 7946 0000');
    expect(neutraliseFormula('ScotRail')).toBe('ScotRail');
  });
});
