import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { aPage, anOperator } from '../../../../testing/operator-fixtures';
import { DEFAULT_QUERY, EMPTY_FILTERS, type OperatorsQuery } from '../model/operators.model';
import { QUERY_SOURCE_HEADER, querySourceInterceptor } from '../../../core/query-tool/query-source';
import { MODES_URL, OPERATORS_URL, OperatorsClient, attachmentFilename } from './operators-client';

describe('OperatorsClient', () => {
  let client: OperatorsClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([querySourceInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(OperatorsClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('sends only sort and paging when no filter is set', async () => {
    const answer = firstValueFrom(client.list(DEFAULT_QUERY));
    http.expectOne(`${OPERATORS_URL}?sort=name&page=1&pageSize=20`).flush(aPage([anOperator()]));
    expect((await answer).items[0]?.name).toBe('ScotRail');
  });

  it('builds the query string from every filter, with one mode parameter per mode', () => {
    const query: OperatorsQuery = {
      q: ' scot ',
      id: '019',
      modes: ['010', '007'],
      email: 'scotrail',
      phone: '0345',
      homepage: 'scotrail.co.uk',
      language: 'en',
      mipta: 'mipta.scotrail',
      sort: '-id',
      page: 3,
      pageSize: 50,
    };
    void firstValueFrom(client.list(query));
    const request = http.expectOne((req) => req.url === OPERATORS_URL);
    expect(request.request.urlWithParams).toBe(
      `${OPERATORS_URL}?q=scot&id=019&email=scotrail&phone=0345&homepage=scotrail.co.uk&language=en` +
        '&mipta=mipta.scotrail&mode=010&mode=007&sort=-id&page=3&pageSize=50',
    );
    expect(request.request.params.getAll('mode')).toEqual(['010', '007']);
    request.flush(aPage([]));
  });

  it('exports the filtered result as a blob with the server-named file, the format in the query', async () => {
    const answer = firstValueFrom(client.export({ ...EMPTY_FILTERS, modes: ['010'], q: 'scot' }, 'csv'));
    const request = http.expectOne(`${OPERATORS_URL}/export?q=scot&mode=010&format=csv`);
    expect(request.request.responseType).toBe('blob');
    const csv = new Blob(['id,name\n019,ScotRail\n'], { type: 'text/csv' });
    request.flush(csv, {
      headers: { 'Content-Disposition': 'attachment; filename="operators-20260102.csv"' },
    });
    const file = await answer;
    expect(file.filename).toBe('operators-20260102.csv');
    expect(file.blob).toBe(csv);
  });

  it('names an export without Content-Disposition after its format', async () => {
    const answer = firstValueFrom(client.export(EMPTY_FILTERS, 'json'));
    http.expectOne(`${OPERATORS_URL}/export?format=json`).flush(new Blob(['[]']));
    expect((await answer).filename).toBe('operators.json');
  });

  it('reads, writes and deletes operators and modes on their URLs', () => {
    void firstValueFrom(client.get('019'));
    http.expectOne({ method: 'GET', url: `${OPERATORS_URL}/019` }).flush(anOperator());

    void firstValueFrom(client.update('019', { phone: '0344 811 0141' }));
    const patch = http.expectOne({ method: 'PATCH', url: `${OPERATORS_URL}/019` });
    expect(patch.request.body).toEqual({ phone: '0344 811 0141' });
    patch.flush(anOperator());

    void firstValueFrom(client.delete('019'));
    http.expectOne({ method: 'DELETE', url: `${OPERATORS_URL}/019` }).flush(null, { status: 204, statusText: 'No Content' });

    void firstValueFrom(client.modes());
    http.expectOne({ method: 'GET', url: MODES_URL }).flush([]);

    void firstValueFrom(client.deleteMode('016'));
    http.expectOne({ method: 'DELETE', url: `${MODES_URL}/016` }).flush(null, { status: 204, statusText: 'No Content' });
  });

  it("marks the operators query and the Modes page query as the query tool's, so the server records them", () => {
    void firstValueFrom(client.list(DEFAULT_QUERY));
    expect(http.expectOne((req) => req.url === OPERATORS_URL).request.headers.get(QUERY_SOURCE_HEADER)).toBe(
      'query-tool',
    );
    void firstValueFrom(client.modes({ recorded: true }));
    expect(http.expectOne(MODES_URL).request.headers.get(QUERY_SOURCE_HEADER)).toBe('query-tool');
  });

  it('leaves look-ups, details, exports and writes unmarked', () => {
    void firstValueFrom(client.modes());
    void firstValueFrom(client.get('019'));
    void firstValueFrom(client.export(EMPTY_FILTERS, 'csv'));
    void firstValueFrom(client.deleteMode('016'));
    const requests = http.match(() => true);
    expect(requests.map((request) => request.request.url)).toEqual([
      MODES_URL,
      `${OPERATORS_URL}/019`,
      `${OPERATORS_URL}/export`,
      `${MODES_URL}/016`,
    ]);
    expect(requests.map((request) => request.request.headers.has(QUERY_SOURCE_HEADER))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('attachmentFilename', () => {
  it('reads quoted, plain and RFC 5987 file names', () => {
    expect(attachmentFilename('attachment; filename="a b.csv"')).toBe('a b.csv');
    expect(attachmentFilename('attachment; filename=ops.json')).toBe('ops.json');
    expect(attachmentFilename("attachment; filename*=UTF-8''op%C3%A9rateurs.csv")).toBe('opérateurs.csv');
    expect(attachmentFilename('attachment')).toBeNull();
    expect(attachmentFilename(null)).toBeNull();
  });
});
