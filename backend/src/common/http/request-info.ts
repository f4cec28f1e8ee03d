/**
 * Small accessors that work on a Fastify request and on the raw Node request (which middie decorates with `id`),
 * so error handling and logging never depend on which of the two they were given.
 */
interface RequestLike {
  id?: unknown;
  method?: string;
  url?: string;
  originalUrl?: string;
  raw?: { id?: unknown; url?: string; originalUrl?: string };
}

export function requestIdOf(request: unknown): string {
  const req = (request ?? {}) as RequestLike;
  const id = req.id ?? req.raw?.id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : 'unknown';
}

export function methodOf(request: unknown): string {
  return ((request ?? {}) as RequestLike).method ?? 'GET';
}

/** The request path without its query string: query strings may carry personal data and never go to logs. */
export function pathOf(request: unknown): string {
  const req = (request ?? {}) as RequestLike;
  return stripQuery(req.raw?.originalUrl ?? req.raw?.url ?? req.originalUrl ?? req.url ?? '/');
}

export function stripQuery(url: string): string {
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}

/** True for the API's own paths (`/api` and below), false for `/apix` and the web app's paths. */
export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * `isApiPath(stripQuery(url))` for a request target, without the regular expression and the copy: the hot path of
 * every request's hooks.
 */
export function isApiUrl(url: string): boolean {
  if (!url.startsWith('/api')) return false;
  if (url.length === 4) return true;
  const next = url[4];
  return next === '/' || next === '?' || next === '#';
}
