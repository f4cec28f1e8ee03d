import { parseSeedArgs, SeedArgsError } from './seed-args';

describe('parseSeedArgs', () => {
  it('defaults to the configured number of customers', () => {
    expect(parseSeedArgs([], 300)).toEqual({
      customers: 300,
      reset: false,
      records: { min: 1, max: 3 },
      help: false,
    });
  });

  it('reads every option, separated or with =', () => {
    expect(parseSeedArgs(['--customers', '1000000', '--records=1-2', '--batch', '500', '--reset'], 300)).toEqual({
      customers: 1_000_000,
      reset: true,
      records: { min: 1, max: 2 },
      batchSize: 500,
      help: false,
    });
    expect(parseSeedArgs(['--customers=1_000_000'], 300).customers).toBe(1_000_000);
    expect(parseSeedArgs(['--records', '2'], 300).records).toEqual({ min: 2, max: 2 });
  });

  it.each([
    [['--customers'], /whole number/],
    [['--customers', '-5'], /whole number/],
    [['--customers', 'many'], /whole number/],
    [['--records', '3-1'], /MIN ≤ MAX/],
    [['--batch', '0'], /at least 1/],
    [['--frobnicate'], /unknown option/],
  ])('rejects %j', (argv, message) => {
    expect(() => parseSeedArgs(argv, 300)).toThrow(SeedArgsError);
    expect(() => parseSeedArgs(argv, 300)).toThrow(message);
  });
});
