import { get as httpsGet } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTlsFixture, TempDir } from '../../support/fixtures';
import { createTestApp, TestApp } from '../../support/test-app';

const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
];

const directives = (csp: unknown) =>
  String(csp)
    .split(';')
    .map((d) => d.trim())
    .filter(Boolean);

describe('security headers and CORS', () => {
  describe('without TLS (default)', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp();
    });
    afterAll(() => t.close());

    it.each(['/', '/operators', '/api/docs'])('sets the document security headers on %s', async (url) => {
      const res = await t.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(directives(res.headers['content-security-policy'])).toEqual(CSP_DIRECTIVES);
      expect(res.headers['cross-origin-opener-policy']).toBe('same-origin');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers).not.toHaveProperty('x-powered-by');
      expect(res.headers).not.toHaveProperty('strict-transport-security');
    });

    it.each(['/api/health', '/api/nope', '/api/v1/auth/me'])('sets the API security headers on %s', async (url) => {
      const res = await t.inject({ method: 'GET', url, headers: { accept: 'text/html' } });
      expect(directives(res.headers['content-security-policy'])).toEqual([
        "default-src 'none'",
        "frame-ancestors 'none'",
      ]);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('no-referrer');
      expect(res.headers['x-frame-options']).toBe('DENY');
      expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.headers).not.toHaveProperty('x-powered-by');
      expect(res.headers).not.toHaveProperty('strict-transport-security');
    });

    it.each([
      ['GET', '/api/docs'],
      ['GET', '/api/health'],
      ['GET', '/api/nope'],
      ['POST', '/api/health'],
    ])('forbids caching of %s %s', async (method, url) => {
      const res = await t.inject({ method: method as 'GET' | 'POST', url });
      expect(res.headers['cache-control']).toBe('no-store');
    });

    it('sends no CORS headers when no origin is configured', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });

  describe('with CORS_ORIGINS', () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp({ CORS_ORIGINS: 'https://allowed.example,http://localhost:4200' });
    });
    afterAll(() => t.close());

    it('allows a configured origin, with credentials and the exposed headers', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://allowed.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('https://allowed.example');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
      const exposed = String(res.headers['access-control-expose-headers'])
        .split(',')
        .map((h) => h.trim());
      expect(exposed).toEqual(expect.arrayContaining(['X-Request-Id', 'RateLimit-Remaining', 'Retry-After']));
    });

    it('answers the preflight of a configured origin', async () => {
      const res = await t.inject({
        method: 'OPTIONS',
        url: '/api/health',
        headers: {
          origin: 'http://localhost:4200',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:4200');
      expect(String(res.headers['access-control-allow-methods'])).toContain('POST');
    });

    it('does not allow any other origin', async () => {
      const res = await t.inject({ method: 'GET', url: '/api/health', headers: { origin: 'https://evil.example' } });
      expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    });
  });

  describe('with TLS (TLS_CERT_FILE / TLS_KEY_FILE)', () => {
    let tls: ReturnType<typeof createTlsFixture>;
    let t: TestApp;
    beforeAll(async () => {
      tls = createTlsFixture();
      t = await createTestApp({ TLS_CERT_FILE: tls.certFile, TLS_KEY_FILE: tls.keyFile });
    });
    afterAll(async () => {
      await t.close();
      (tls as TempDir).remove();
    });

    it('adds HSTS and upgrade-insecure-requests', async () => {
      const api = await t.inject({ method: 'GET', url: '/api/health' });
      expect(api.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      const res = await t.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
      expect(directives(res.headers['content-security-policy'])).toEqual([
        ...CSP_DIRECTIVES,
        'upgrade-insecure-requests',
      ]);
      expect(t.config.publicUrl).toMatch(/^https:\/\//);
    });

    it('serves HTTPS with the configured certificate', async () => {
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = t.app.getHttpServer().address() as AddressInfo;
      const res = await new Promise<IncomingMessage>((resolve, reject) => {
        httpsGet({ host: '127.0.0.1', port, path: '/api/health', rejectUnauthorized: false }, resolve).on(
          'error',
          reject,
        );
      });
      res.resume();
      expect(res.statusCode).toBe(200);
      expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    });
  });
});
