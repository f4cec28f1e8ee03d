import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { type Observable } from 'rxjs';

import { type Page } from '../../../core/auth/auth.model';
import { type HistoryEntryDto } from '../../../core/query-tool/query.model';
import { HISTORY_PAGE_SIZE, type HistoryQuery } from '../model/history-query';

export const HISTORY_URL = '/api/v1/me/history';

/** HTTP for the signed-in user's query history (`/api/v1/me/history`). */
@Injectable({ providedIn: 'root' })
export class HistoryClient {
  private readonly http = inject(HttpClient);

  /** One page of entries, newest first, of one kind or all. */
  list(query: HistoryQuery): Observable<Page<HistoryEntryDto>> {
    let params = new HttpParams();
    if (query.kind) {
      params = params.set('kind', query.kind);
    }
    params = params.set('page', query.page).set('pageSize', HISTORY_PAGE_SIZE);
    return this.http.get<Page<HistoryEntryDto>>(HISTORY_URL, { params });
  }

  delete(id: string): Observable<void> {
    return this.http.delete<void>(`${HISTORY_URL}/${encodeURIComponent(id)}`);
  }

  /** Deletes every entry of the caller's history. */
  clear(): Observable<void> {
    return this.http.delete<void>(HISTORY_URL);
  }
}
