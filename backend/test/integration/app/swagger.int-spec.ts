import { appVersion } from '../../../src/common/app-version';
import { createTestApp, TestApp } from '../../support/test-app';

describe('OpenAPI documentation', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('serves Swagger UI at /api/docs, with scripts as files only (no inline script for the CSP to block)', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    const inlineScripts = res.body.match(/<script(?![^>]*\bsrc=)[^>]*>[\s\S]*?<\/script>/g) ?? [];
    expect(inlineScripts.filter((s) => s.replace(/<\/?script[^>]*>/g, '').trim() !== '')).toEqual([]);

    for (const src of res.body.match(/src="([^"]+)"/g)!.map((m) => m.slice(5, -1))) {
      const asset = await t.inject({ method: 'GET', url: new URL(src, 'http://localhost/api/docs/').pathname });
      expect([src, asset.statusCode]).toEqual([src, 200]);
    }
  });

  it('does not persist authorization in the browser', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/docs/swagger-ui-init.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/"persistAuthorization":\s*false/);
  });

  it('serves the document at /api/docs-json with both security schemes and the health route', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/docs-json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.info).toMatchObject({ title: 'Open Transport Hub API', version: appVersion() });
    expect(doc.components.securitySchemes).toEqual({
      bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      'api-key': { type: 'apiKey', in: 'header', name: 'X-API-Key' },
    });
    expect(doc.paths['/api/health'].get.responses).toHaveProperty('200');
    expect(doc.paths['/api/health'].get.responses).toHaveProperty('503');
    expect(doc.components.schemas).toHaveProperty('ErrorResponseDto');
  });
});
