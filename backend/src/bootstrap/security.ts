import cookie from '@fastify/cookie';
import helmet, { FastifyHelmetOptions } from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import fastify, { FastifyReply, FastifyRequest } from 'fastify';
import { isApiUrl } from '../common/http/request-info';
import { AppConfig } from '../config/app-config';
import { REQUEST_ID_HEADER } from './request-id';

/** The Content-Security-Policy directives, in order. The web app and Swagger UI load nothing from elsewhere. */
export function cspDirectives(config: Pick<AppConfig, 'tls'>): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    ...(config.tls ? { 'upgrade-insecure-requests': [] } : {}),
  };
}

/** Response headers the browser may read in cross-origin calls. */
export const EXPOSED_HEADERS = [
  'X-Request-Id',
  'RateLimit',
  'RateLimit-Policy',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'Retry-After',
];

/** The helmet settings: a strict CSP, HSTS only when this process terminates TLS itself. */
export function helmetOptions(config: Pick<AppConfig, 'tls'>): FastifyHelmetOptions {
  return {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    strictTransportSecurity: config.tls ? { maxAge: 31_536_000, includeSubDomains: true, preload: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    xPoweredBy: true,
  };
}

/**
 * The response headers helmet sets with these settings, worked out once: @fastify/helmet is registered on a scratch
 * Fastify instance and the headers it puts on a response are read back. They are the same for every response
 * (no CSP nonces, no per-request options), so computing them again per request, as @fastify/helmet does by calling
 * `helmet(options)` in a request hook (parsing and validating every CSP directive each time), is pure cost.
 */
export async function computeSecurityHeaders(options: FastifyHelmetOptions): Promise<Record<string, string>> {
  const probe = fastify({ logger: false });
  let headers: Record<string, string> = {};
  try {
    await probe.register(helmet, options);
    // After helmet's own onRequest hooks: what they set on the raw response is exactly helmet's header set.
    probe.addHook('onRequest', (request, reply, done) => {
      const raw = reply.raw.getHeaders();
      headers = Object.fromEntries(Object.entries(raw).map(([name, value]) => [name, String(value)]));
      done();
    });
    probe.get('/', (_request, reply) => reply.send(''));
    await probe.inject({ method: 'GET', url: '/' });
  } finally {
    await probe.close();
  }
  if (!headers['content-security-policy']) throw new Error('helmet set no Content-Security-Policy on the probe');
  return headers;
}

/**
 * The headers of a JSON API response (OWASP REST Security Cheat Sheet): no caching anywhere (API responses hold
 * personal data that must not survive a logout in the browser cache or behind the back button), no MIME sniffing, no
 * framing, no referrer, no cross-origin embedding, and a CSP that lets such a response, opened as a document, do
 * nothing at all. Helmet's document-only headers (COOP, Origin-Agent-Cluster, DNS prefetch, IE's X-Download-Options)
 * have no effect on a fetch() response and are left to documents.
 */
export function apiResponseHeaders(config: Pick<AppConfig, 'tls'>): Record<string, string> {
  return {
    'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    'referrer-policy': 'no-referrer',
    'cross-origin-resource-policy': 'same-origin',
    ...(config.tls ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {}),
    'cache-control': 'no-store',
  };
}

/** Swagger UI, under /api but a document: the documents' headers, and not cached either. */
function isApiDocsUrl(url: string): boolean {
  return url.startsWith('/api/docs') && (url.length === 9 || '/?-#'.includes(url[9]));
}

type HeaderList = readonly (readonly [string, string])[];

/**
 * Security headers on every response, and CORS for the configured origins only.
 * Documents (the web app, Swagger UI) get helmet's set with the strict CSP; JSON API responses the lean API set.
 * HSTS only when this process terminates TLS itself: behind a proxy, the proxy owns that header.
 * Set in one onRequest hook, from precomputed lists, with the request id (`X-Request-Id`): so they are on every
 * response (errors, 404s, the web app's files) and a route can still override one.
 */
export async function registerSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  const documentHeaders = await computeSecurityHeaders(helmetOptions(config));
  const list = (headers: Record<string, string>): HeaderList => Object.entries(headers);
  const api = list(apiResponseHeaders(config));
  const apiDocs = list({ ...documentHeaders, 'cache-control': 'no-store' });
  const documents = list(documentHeaders);
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const url = request.url;
      const headers = isApiUrl(url) ? (isApiDocsUrl(url) ? apiDocs : api) : documents;
      for (let i = 0; i < headers.length; i++) reply.header(headers[i][0], headers[i][1]);
      reply.header(REQUEST_ID_HEADER, request.id);
      done();
    });

  // No CORS_ORIGINS: no CORS headers at all, so browsers allow same-origin calls only.
  if (config.corsOrigins.length > 0) {
    app.enableCors({
      origin: config.corsOrigins,
      credentials: true,
      exposedHeaders: EXPOSED_HEADERS,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      maxAge: 600,
    });
  }
}

/**
 * Cookie parsing and setting (`request.cookies`, `reply.setCookie`). The only cookie is the refresh token, which is
 * random and HttpOnly: no signing secret is needed.
 */
export async function registerCookies(app: NestFastifyApplication): Promise<void> {
  await app.register(cookie, { parseOptions: {} });
}
