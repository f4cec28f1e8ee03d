import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aPage } from '../../../../testing/operator-fixtures';
import { aHistoryEntry } from '../../../../testing/query-fixtures';
import { QUERY_SOURCE_HEADER, querySourceInterceptor } from '../../../core/query-tool/query-source';
import { HISTORY_URL, HistoryClient } from './history-client';

describe('HistoryClient', () => {
  let client: HistoryClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([querySourceInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(HistoryClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('lists a page of every kind, or of one kind, never as a recorded query', async () => {
    const all = firstValueFrom(client.list({ kind: null, page: 1 }));
    const request = http.expectOne(`${HISTORY_URL}?page=1&pageSize=20`);
    expect(request.request.headers.has(QUERY_SOURCE_HEADER)).toBe(false);
    request.flush(aPage([aHistoryEntry()]));
    expect((await all).items).toEqual([aHistoryEntry()]);

    void firstValueFrom(client.list({ kind: 'customers', page: 3 }));
    http.expectOne(`${HISTORY_URL}?kind=customers&page=3&pageSize=20`).flush(aPage([]));
  });

  it('deletes one entry, or all of them', () => {
    void firstValueFrom(client.delete('e/1'));
    http.expectOne({ method: 'DELETE', url: `${HISTORY_URL}/e%2F1` });
    void firstValueFrom(client.clear());
    http.expectOne({ method: 'DELETE', url: HISTORY_URL });
  });
});
