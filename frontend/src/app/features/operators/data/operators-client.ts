import { HttpClient, HttpParams, type HttpResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable, map } from 'rxjs';

import { type Page } from '../../../core/auth/auth.model';
import { queryToolContext } from '../../../core/query-tool/query-source';
import { TEXT_FILTERS } from '../model/operators-query';
import {
  type CreateModeRequest,
  type CreateOperatorRequest,
  type ExportFormat,
  type ExportedFile,
  type ModeDto,
  type OperatorDto,
  type OperatorFilters,
  type OperatorsQuery,
  type UpdateModeRequest,
  type UpdateOperatorRequest,
} from '../model/operators.model';

export const OPERATORS_URL = '/api/v1/operators';
export const MODES_URL = '/api/v1/modes';

/** The query string of a filter: only the filled filters, `mode` once per mode. */
export function filterParams(filters: OperatorFilters): HttpParams {
  let params = new HttpParams();
  for (const name of TEXT_FILTERS) {
    const value = filters[name].trim();
    if (value) {
      params = params.set(name, value);
    }
  }
  for (const mode of filters.modes) {
    params = params.append('mode', mode);
  }
  return params;
}

/** The file name from `Content-Disposition: attachment; filename="operators.csv"`, if there is one. */
export function attachmentFilename(header: string | null): string | null {
  if (!header) {
    return null;
  }
  const encoded = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(header);
  if (encoded?.[1]) {
    try {
      return decodeURIComponent(encoded[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // Fall through to the plain form.
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/i.exec(header);
  const name = (plain?.[2] ?? plain?.[1] ?? '').trim();
  return name || null;
}

function idPath(base: string, id: string): string {
  return `${base}/${encodeURIComponent(id)}`;
}

/** HTTP for the operator directory and mode routes (`/api/v1/operators`, `/api/v1/modes`). */
@Injectable({ providedIn: 'root' })
export class OperatorsClient {
  private readonly http = inject(HttpClient);

  /** The operators page's query (recorded in the user's history: `X-Query-Source: query-tool`). */
  list(query: OperatorsQuery): Observable<Page<OperatorDto>> {
    const params = filterParams(query).set('sort', query.sort).set('page', query.page).set('pageSize', query.pageSize);
    return this.http.get<Page<OperatorDto>>(OPERATORS_URL, { params, context: queryToolContext() });
  }

  /**
   * Every operator matching `filters`, as a file. Fetched through HttpClient so the access token travels in the
   * Authorization header (never in a URL).
   */
  export(filters: OperatorFilters, format: ExportFormat): Observable<ExportedFile> {
    const params = filterParams(filters).set('format', format);
    return this.http
      .get(`${OPERATORS_URL}/export`, { params, responseType: 'blob', observe: 'response' })
      .pipe(
        map((response: HttpResponse<Blob>) => ({
          blob: response.body ?? new Blob([]),
          filename: attachmentFilename(response.headers.get('Content-Disposition')) ?? `operators.${format}`,
        })),
      );
  }

  get(id: string): Observable<OperatorDto> {
    return this.http.get<OperatorDto>(idPath(OPERATORS_URL, id));
  }

  create(request: CreateOperatorRequest): Observable<OperatorDto> {
    return this.http.post<OperatorDto>(OPERATORS_URL, request);
  }

  update(id: string, changes: UpdateOperatorRequest): Observable<OperatorDto> {
    return this.http.patch<OperatorDto>(idPath(OPERATORS_URL, id), changes);
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(idPath(OPERATORS_URL, id));
  }

  /**
   * The modes: the Modes page's query when `recorded` (in the user's history), otherwise a look-up (the operator
   * filter's and the operator form's list of modes).
   */
  modes(options: { readonly recorded?: boolean } = {}): Observable<ModeDto[]> {
    return this.http.get<ModeDto[]>(MODES_URL, options.recorded ? { context: queryToolContext() } : {});
  }

  createMode(request: CreateModeRequest): Observable<ModeDto> {
    return this.http.post<ModeDto>(MODES_URL, request);
  }

  updateMode(id: string, changes: UpdateModeRequest): Observable<ModeDto> {
    return this.http.patch<ModeDto>(idPath(MODES_URL, id), changes);
  }

  deleteMode(id: string): Observable<void> {
    return this.http.delete<void>(idPath(MODES_URL, id));
  }
}
