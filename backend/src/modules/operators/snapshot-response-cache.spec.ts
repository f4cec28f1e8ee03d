import { acceptsGzip } from './snapshot-response-cache';

describe('acceptsGzip', () => {
  it.each([
    ['gzip', true],
    ['gzip, deflate, br', true],
    ['br;q=1.0, gzip;q=0.8, *;q=0.1', true],
    ['GZIP', true],
    ['*', true],
    ['gzip;q=0', false],
    ['gzip;q=0.0, identity', false],
    ['*;q=0', false],
    ['*, gzip;q=0', false],
    ['deflate, br', false],
    ['identity', false],
    ['', false],
  ])('%j → %s', (header, expected) => {
    expect(acceptsGzip(header)).toBe(expected);
  });

  it('is false without the header or with it repeated', () => {
    expect(acceptsGzip(undefined)).toBe(false);
    expect(acceptsGzip(['gzip', 'br'])).toBe(false);
  });
});
