import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../../testing/auth-fixtures';
import { aPage } from '../../../../testing/operator-fixtures';
import { aHistoryEntry } from '../../../../testing/query-fixtures';
import { SessionCleanup } from '../../../core/auth/session-cleanup';
import { HISTORY_URL } from './history-client';
import { HistoryStore } from './history-store';

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('HistoryStore', () => {
  let store: HistoryStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting(), HistoryStore],
    });
    store = TestBed.inject(HistoryStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('loads a page afresh each time it is asked, even the same page', async () => {
    store.load({ kind: 'operators', page: 1 });
    TestBed.tick();
    expect(store.loading()).toBe(true);
    http
      .expectOne(`${HISTORY_URL}?kind=operators&page=1&pageSize=20`)
      .flush(aPage([aHistoryEntry()], { total: 21 }));
    await settle();
    expect(store.entries()).toEqual([aHistoryEntry()]);
    expect(store.total()).toBe(21);
    expect(store.loaded()).toBe(true);

    store.load({ kind: 'operators', page: 1 });
    TestBed.tick();
    http.expectOne(`${HISTORY_URL}?kind=operators&page=1&pageSize=20`).flush(aPage([]));
    await settle();
    expect(store.entries()).toEqual([]);
  });

  it('exposes a failed load as an API error', async () => {
    store.load({ kind: null, page: 1 });
    TestBed.tick();
    http
      .expectOne((request) => request.url === HISTORY_URL)
      .flush(anApiError('INTERNAL_ERROR', 500), { status: 500, statusText: 'Server Error' });
    await settle();
    expect(store.error()?.code).toBe('INTERNAL_ERROR');
  });

  it('deletes an entry, counting one already gone as deleted, and passes other failures on', async () => {
    const removing = store.remove('e-1');
    http.expectOne({ method: 'DELETE', url: `${HISTORY_URL}/e-1` }).flush(null, { status: 204, statusText: 'No Content' });
    await expect(removing).resolves.toBeUndefined();

    const gone = store.remove('e-2');
    http
      .expectOne({ method: 'DELETE', url: `${HISTORY_URL}/e-2` })
      .flush(anApiError('HISTORY_ENTRY_NOT_FOUND', 404), { status: 404, statusText: 'Not Found' });
    await expect(gone).resolves.toBeUndefined();

    const failing = store.remove('e-3');
    http.expectOne({ method: 'DELETE', url: `${HISTORY_URL}/e-3` }).error(new ProgressEvent('error'));
    await expect(failing).rejects.toBeTruthy();
  });

  it('clears the whole history', async () => {
    const clearing = store.clear();
    http.expectOne({ method: 'DELETE', url: HISTORY_URL }).flush(null, { status: 204, statusText: 'No Content' });
    await expect(clearing).resolves.toBeUndefined();
  });

  it('forgets the entries when the session ends', async () => {
    store.load({ kind: null, page: 1 });
    TestBed.tick();
    http.expectOne((request) => request.url === HISTORY_URL).flush(aPage([aHistoryEntry()]));
    await settle();
    expect(store.entries()).toHaveLength(1);

    TestBed.inject(SessionCleanup).run();
    TestBed.tick();
    expect(store.entries()).toEqual([]);
    expect(store.loaded()).toBe(false);
  });
});
