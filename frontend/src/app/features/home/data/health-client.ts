import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, catchError, map, of, throwError } from 'rxjs';

import { type HealthReport, isHealthReport } from '../model/health';

export const HEALTH_URL = '/api/health';

/** Status the API answers with when it is up but degraded (the body is still a report). */
const DEGRADED_STATUS = 503;

/** Thin HTTP client for the API health endpoint. Knows HTTP; knows nothing about the UI. */
@Injectable({ providedIn: 'root' })
export class HealthClient {
  private readonly http = inject(HttpClient);

  /**
   * Emits the health report. A degraded API answers 503 with a regular report body, which is
   * surfaced as a value rather than an error; anything else (network failure, unexpected status
   * or body) errors.
   */
  fetchHealth(): Observable<HealthReport> {
    return this.http.get<unknown>(HEALTH_URL).pipe(
      catchError((error: unknown) =>
        error instanceof HttpErrorResponse && error.status === DEGRADED_STATUS && isHealthReport(error.error)
          ? of(error.error)
          : throwError(() => error),
      ),
      map((body) => {
        if (!isHealthReport(body)) {
          throw new Error(`Unexpected response from ${HEALTH_URL}`);
        }
        return body;
      }),
    );
  }
}
