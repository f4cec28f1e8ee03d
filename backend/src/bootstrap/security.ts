import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';

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

/**
 * Security headers (helmet) on every response, and CORS for the configured origins only.
 * HSTS only when this process terminates TLS itself: behind a proxy, the proxy owns that header.
 */
export async function registerSecurity(app: NestFastifyApplication, config: AppConfig): Promise<void> {
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: cspDirectives(config) },
    strictTransportSecurity: config.tls ? { maxAge: 31_536_000, includeSubDomains: true, preload: false } : false,
    referrerPolicy: { policy: 'no-referrer' },
    xFrameOptions: { action: 'deny' },
    xContentTypeOptions: true,
    xPoweredBy: true,
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
