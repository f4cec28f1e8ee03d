import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { anApiError } from '../../../../testing/auth-fixtures';
import { MODES, aPage, anOperator } from '../../../../testing/operator-fixtures';
import { SessionCleanup } from '../../../core/auth/session-cleanup';
import { QUERY_TOOL_REQUEST } from '../../../core/query-tool/query-source';
import { DEFAULT_QUERY } from '../model/operators.model';
import { MODES_URL, OPERATORS_URL } from './operators-client';
import { OperatorsStore } from './operators-store';

const LIST_URL = `${OPERATORS_URL}?sort=name&page=1&pageSize=20`;

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve));
  TestBed.tick();
}

describe('OperatorsStore', () => {
  let store: OperatorsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideZonelessChangeDetection(), provideHttpClient(), provideHttpClientTesting()],
    });
    store = TestBed.inject(OperatorsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('loads the results of a query, and keeps them for an equal query', async () => {
    store.search(DEFAULT_QUERY);
    TestBed.tick();
    expect(store.resultsLoading()).toBe(true);
    http.expectOne(LIST_URL).flush(aPage([anOperator()], { total: 1 }));
    await settle();
    expect(store.operators().map((operator) => operator.name)).toEqual(['ScotRail']);
    expect(store.total()).toBe(1);
    expect(store.resultsLoaded()).toBe(true);

    store.search({ ...DEFAULT_QUERY });
    TestBed.tick();
    http.expectNone(LIST_URL);
  });

  it('exposes a failed query as an API error', async () => {
    store.search(DEFAULT_QUERY);
    TestBed.tick();
    http.expectOne(LIST_URL).flush(anApiError('VALIDATION_FAILED', 400), { status: 400, statusText: 'Bad Request' });
    await settle();
    expect(store.resultsError()?.code).toBe('VALIDATION_FAILED');
    expect(store.operators()).toEqual([]);
  });

  it('updates an operator in the results and in the selection', async () => {
    store.search(DEFAULT_QUERY);
    store.select('019');
    TestBed.tick();
    http.expectOne(LIST_URL).flush(aPage([anOperator()]));
    http.expectOne(`${OPERATORS_URL}/019`).flush(anOperator());
    await settle();

    const saving = store.updateOperator('019', { phone: '0344 811 0141' });
    http.expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` }).flush(anOperator({ phone: '0344 811 0141' }));
    await saving;
    expect(store.operator()?.phone).toBe('0344 811 0141');
    expect(store.operators()[0]?.phone).toBe('0344 811 0141');
  });

  it('loads the modes once and keeps created, changed and deleted modes in order', async () => {
    store.loadModes();
    TestBed.tick();
    http.expectOne(MODES_URL).flush(MODES);
    await settle();
    store.loadModes();
    TestBed.tick();
    http.expectNone(MODES_URL);

    const creating = store.createMode({ id: '008', shortDesc: 'tram', longDesc: 'guided' });
    http.expectOne({ method: 'POST', url: MODES_URL }).flush({ id: '008', shortDesc: 'tram', longDesc: 'guided' });
    await creating;
    expect(store.modes().map((mode) => mode.id)).toEqual(['007', '008', '010', '012']);

    const deleting = store.deleteMode('012');
    http.expectOne({ method: 'DELETE', url: `${MODES_URL}/012` }).flush(null, { status: 204, statusText: 'No Content' });
    await deleting;
    expect(store.modes().map((mode) => mode.id)).toEqual(['007', '008', '010']);
  });

  it('asks for the modes afresh, as a recorded query, for the Modes page; a look-up keeps what it has', async () => {
    store.loadModes();
    TestBed.tick();
    const lookUp = http.expectOne(MODES_URL);
    expect(lookUp.request.context.get(QUERY_TOOL_REQUEST)).toBe(false);
    lookUp.flush(MODES);
    await settle();

    store.queryModes();
    TestBed.tick();
    const query = http.expectOne(MODES_URL);
    expect(query.request.context.get(QUERY_TOOL_REQUEST)).toBe(true);
    query.flush(MODES.slice(0, 2));
    await settle();
    expect(store.modes()).toHaveLength(2);

    store.loadModes();
    TestBed.tick();
    http.expectNone(MODES_URL);
  });

  it('asks again for an equal query when the run is fresh (from History or Favourites)', async () => {
    store.search(DEFAULT_QUERY);
    TestBed.tick();
    http.expectOne(LIST_URL).flush(aPage([anOperator()]));
    await settle();

    store.search({ ...DEFAULT_QUERY }, { fresh: true });
    TestBed.tick();
    const again = http.expectOne(LIST_URL);
    expect(again.request.context.get(QUERY_TOOL_REQUEST)).toBe(true);
    again.flush(aPage([anOperator({ name: 'ScotRail Trains' })]));
    await settle();
    expect(store.operators().map((operator) => operator.name)).toEqual(['ScotRail Trains']);
  });

  it('forgets everything when the session ends', async () => {
    store.search(DEFAULT_QUERY);
    store.select('019');
    store.loadModes();
    TestBed.tick();
    http.expectOne(LIST_URL).flush(aPage([anOperator()]));
    http.expectOne(`${OPERATORS_URL}/019`).flush(anOperator());
    http.expectOne(MODES_URL).flush(MODES);
    await settle();
    expect(store.operators()).toHaveLength(1);

    TestBed.inject(SessionCleanup).run();
    TestBed.tick();
    expect(store.operators()).toEqual([]);
    expect(store.operator()).toBeNull();
    expect(store.modes()).toEqual([]);
    expect(store.currentQuery()).toBeUndefined();
  });
});
