import { existsSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { findWorkspaceRoot } from '../common/app-version';
import { isApiPath, stripQuery } from '../common/http/request-info';
import { AppConfig } from '../config/app-config';

/** Where the Angular build lands (`npm run build`), unless SPA_DIR says otherwise. */
export function resolveSpaDir(config: Pick<AppConfig, 'spaDir'>): string {
  if (config.spaDir) return resolve(config.spaDir);
  return join(findWorkspaceRoot() ?? process.cwd(), 'dist', 'frontend', 'browser');
}

/** Angular's content-hashed output (`main-JJG5GNHT.js`, `styles-GTGW26XN.css`): safe to cache for a year. */
const HASHED_ASSET = /-[A-Z0-9]{8}\.[a-z0-9]+$/;

export function spaCacheControl(filePath: string): string {
  return HASHED_ASSET.test(basename(filePath)) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * A browser navigation to a client-side route (`/operators/012`): GET/HEAD, outside `/api`, accepting HTML, and
 * not a file name (a missing `/main-xyz.js` stays a 404 rather than becoming index.html).
 */
export function isSpaNavigation(request: Pick<FastifyRequest, 'method' | 'url' | 'headers'>): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = stripQuery(request.url);
  if (isApiPath(path)) return false;
  const lastSegment = path.slice(path.lastIndexOf('/') + 1);
  if (lastSegment.includes('.')) return false;
  const accept = request.headers.accept ?? '';
  return accept.includes('text/html') || accept.includes('*/*');
}

export const SPA_NOT_BUILT_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Open Transport Hub: web app not built</title></head>
<body>
<h1>Open Transport Hub</h1>
<p>The API is running, but the web app has not been built, so there is nothing to show here yet.</p>
<p>Run <code>npm run build</code> (or <code>npm start</code>, which builds first) and restart the server.
If the web app was built elsewhere, point <code>SPA_DIR</code> at its <code>browser</code> folder.</p>
<p>API documentation: <a href="/api/docs">/api/docs</a></p>
</body>
</html>
`;

/**
 * Serves the Angular app at `/` from outside Nest's routing: its files through @fastify/static (routes for the files
 * found at start-up, so restart after a rebuild), and index.html for any other browser navigation so that deep links
 * survive a reload. Requests under `/api` never reach it: unknown API routes stay JSON 404s.
 */
export async function registerSpa(
  app: NestFastifyApplication,
  config: Pick<AppConfig, 'spaDir'>,
): Promise<{ dir: string; built: boolean }> {
  const dir = resolveSpaDir(config);
  const built = existsSync(join(dir, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: dir,
      prefix: '/',
      wildcard: false,
      index: ['index.html'],
      cacheControl: false,
      setHeaders: (reply: FastifyReply, filePath: string) => {
        void reply.header('cache-control', spaCacheControl(filePath));
      },
    });
  }

  // A hook rather than a not-found handler: Nest owns the not-found handler (its 404s go through our error filter).
  // It runs for requests no route matched (`is404`) and answers the browser navigations among them. Callback style
  // (not async): it runs on every request, and most of them only pass through.
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      if (!request.is404 || !isSpaNavigation(request)) return done();
      // Answered here: `done` is not called, so no later hook or handler runs.
      if (built) {
        void reply.header('cache-control', 'no-cache').sendFile('index.html');
      } else {
        void reply
          .code(404)
          .header('cache-control', 'no-store')
          .type('text/html; charset=utf-8')
          .send(SPA_NOT_BUILT_PAGE);
      }
    });

  return { dir, built };
}
