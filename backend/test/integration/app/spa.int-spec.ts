import { createSpaFixture, SPA_HASHED_ASSET, SPA_INDEX_MARKER, TempDir } from '../../support/fixtures';
import { createTestApp, TestApp } from '../../support/test-app';

const html = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('web app (SPA) at /', () => {
  describe('with a build', () => {
    let spa: TempDir;
    let t: TestApp;
    beforeAll(async () => {
      spa = createSpaFixture();
      t = await createTestApp({ SPA_DIR: spa.dir });
    });
    afterAll(async () => {
      await t.close();
      spa.remove();
    });

    it.each(['/', '/operators', '/operators/012', '/customers/7/purchases?from=2024-01-01'])(
      'serves index.html for a navigation to %s',
      async (url) => {
        const res = await t.inject({ method: 'GET', url, headers: html });
        expect(res.statusCode).toBe(200);
        expect(res.headers['content-type']).toMatch(/^text\/html/);
        expect(res.body).toContain(SPA_INDEX_MARKER);
        expect(res.headers['cache-control']).toBe('no-cache');
        expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
      },
    );

    it('answers HEAD for a deep link', async () => {
      const res = await t.inject({ method: 'HEAD', url: '/operators', headers: html });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
    });

    it('lets hashed assets be cached for good, other files revalidated', async () => {
      const asset = await t.inject({ method: 'GET', url: `/${SPA_HASHED_ASSET}` });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      const icon = await t.inject({ method: 'GET', url: '/favicon.svg' });
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['cache-control']).toBe('no-cache');
    });

    it('answers a missing asset with 404, not index.html', async () => {
      const res = await t.inject({ method: 'GET', url: '/main-xyz.js', headers: html });
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(SPA_INDEX_MARKER);
    });

    it('keeps unknown API routes as JSON 404s, even for browsers', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/unknown', headers: html });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND', requestId: res.headers['x-request-id'] });
    });

    it('does not answer non-HTML or non-GET requests with index.html', async () => {
      const json = await t.inject({ method: 'GET', url: '/operators', headers: { accept: 'application/json' } });
      expect(json.statusCode).toBe(404);
      const post = await t.inject({ method: 'POST', url: '/operators', headers: html });
      expect(post.statusCode).toBe(404);
      expect(post.body).not.toContain(SPA_INDEX_MARKER);
    });
  });

  describe('without a build', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it('explains how to build the web app instead of failing', async () => {
      const res = await t.inject({ method: 'GET', url: '/operators', headers: html });
      expect(res.statusCode).toBe(404);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.body).toContain('npm run build');
    });

    it('still serves the API', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(200);
    });
  });
});
