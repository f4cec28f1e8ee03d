import { join, resolve } from 'node:path';
import { isSpaNavigation, resolveSpaDir, spaCacheControl } from './spa';

const request = (method: string, url: string, accept?: string) => ({
  method,
  url,
  headers: accept === undefined ? {} : { accept },
});
const browser = 'text/html,application/xhtml+xml,*/*;q=0.8';

describe('isSpaNavigation', () => {
  it.each([
    ['GET', '/', browser],
    ['GET', '/operators', browser],
    ['HEAD', '/operators/012', 'text/html'],
    ['GET', '/customers/7?email=a@b.c', '*/*'],
    ['GET', '/apis', browser],
  ])('%s %s (%s) is a navigation', (method, url, accept) => {
    expect(isSpaNavigation(request(method, url, accept))).toBe(true);
  });

  it.each([
    ['POST', '/operators', browser],
    ['GET', '/api', browser],
    ['GET', '/api/unknown', browser],
    ['GET', '/main-xyz.js', browser],
    ['GET', '/assets/logo.png', browser],
    ['GET', '/operators', 'application/json'],
    ['GET', '/operators', undefined],
  ])('%s %s (%s) is not', (method, url, accept) => {
    expect(isSpaNavigation(request(method, url, accept))).toBe(false);
  });
});

describe('spaCacheControl', () => {
  it.each(['main-JJG5GNHT.js', 'chunk-AMBBJYKZ.js', 'styles-GTGW26XN.css', '/x/media/font-ABCD1234.woff2'])(
    'caches the hashed asset %s for a year',
    (file) => {
      expect(spaCacheControl(file)).toBe('public, max-age=31536000, immutable');
    },
  );

  it.each(['index.html', 'favicon.svg', 'assets/config.json', 'runtime-polyfills.js'])('revalidates %s', (file) => {
    expect(spaCacheControl(file)).toBe('no-cache');
  });
});

describe('resolveSpaDir', () => {
  it('defaults to dist/frontend/browser in the workspace', () => {
    expect(resolveSpaDir({})).toBe(join(resolve(__dirname, '../../..'), 'dist', 'frontend', 'browser'));
  });

  it('resolves SPA_DIR against the working directory', () => {
    expect(resolveSpaDir({ spaDir: 'web' })).toBe(resolve('web'));
  });
});
