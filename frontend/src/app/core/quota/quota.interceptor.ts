import { HttpErrorResponse, type HttpInterceptorFn, HttpResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { tap } from 'rxjs';

import { QUERY_TOOL_REQUEST } from '../query-tool/query-source';
import { QuotaStore } from './quota-store';
import { readRateLimitHeaders } from './quota.model';

/**
 * Keeps the {@link QuotaStore} current: every answer's `RateLimit-*` headers are handed to it, and after a query of
 * the query tool it asks for the exact daily figure when the one it holds is stale.
 */
export const quotaInterceptor: HttpInterceptorFn = (request, next) => {
  const quota = inject(QuotaStore);
  return next(request).pipe(
    tap({
      next: (event) => {
        if (event instanceof HttpResponse) {
          const headers = readRateLimitHeaders(event.headers);
          if (headers) {
            quota.observe(headers, true);
          }
          if (request.context.get(QUERY_TOOL_REQUEST)) {
            void quota.refreshIfStale();
          }
        }
      },
      error: (error: unknown) => {
        if (error instanceof HttpErrorResponse) {
          const headers = readRateLimitHeaders(error.headers);
          if (headers) {
            quota.observe(headers, error.status !== 429);
          }
        }
      },
    }),
  );
};
