import 'fastify';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * How many results the answer to this request holds, when the answer left the handler as bytes (a response
     * cache sends a Buffer): set by that cache, read by whoever needs the count without parsing the body.
     */
    queryResultCount?: number | null;
  }
}

/**
 * The number of results an answer holds: a page's `total`, else the length of its `items` (a keyset page), else the
 * length of an array answer; null for anything else (a single object, a file).
 */
export function resultCountOf(body: unknown): number | null {
  if (Array.isArray(body)) return body.length;
  if (typeof body !== 'object' || body === null) return null;
  const page = body as { total?: unknown; items?: unknown };
  if (typeof page.total === 'number') return page.total;
  if (Array.isArray(page.items)) return page.items.length;
  return null;
}
