import { isApiPath, isApiUrl, stripQuery } from './request-info';

describe('isApiUrl', () => {
  it.each([
    '/api',
    '/api/',
    '/api/health',
    '/api?x=1',
    '/api#frag',
    '/api/health?email=a@b.c',
    '/apix',
    '/apis/x',
    '/',
    '/operators/api',
    '',
    '/API/health',
  ])('agrees with isApiPath(stripQuery(%j))', (url) => {
    expect(isApiUrl(url)).toBe(isApiPath(stripQuery(url)));
  });
});
