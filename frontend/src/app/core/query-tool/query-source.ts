import { HttpContext, HttpContextToken, type HttpInterceptorFn } from '@angular/common/http';

/** The header that asks the server to record a query in the caller's history (docs/history-api.md, "Recording"). */
export const QUERY_SOURCE_HEADER = 'X-Query-Source';
export const QUERY_TOOL_SOURCE = 'query-tool';

/**
 * Marks a request as a query a person runs with the query tool (a page's main query, never a look-up such as the
 * operator picker); {@link querySourceInterceptor} turns the mark into the header.
 */
export const QUERY_TOOL_REQUEST = new HttpContextToken<boolean>(() => false);

/** The context of a query-tool request, for `http.get(url, { context: queryToolContext() })`. */
export function queryToolContext(context = new HttpContext()): HttpContext {
  return context.set(QUERY_TOOL_REQUEST, true);
}

/** Adds `X-Query-Source: query-tool` to the requests marked with {@link QUERY_TOOL_REQUEST}, and to no others. */
export const querySourceInterceptor: HttpInterceptorFn = (request, next) =>
  next(
    request.context.get(QUERY_TOOL_REQUEST)
      ? request.clone({ setHeaders: { [QUERY_SOURCE_HEADER]: QUERY_TOOL_SOURCE } })
      : request,
  );
