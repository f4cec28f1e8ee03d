import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { FAVOURITES_URL, FavouritesClient } from './favourites-client';
import { QUERY_SOURCE_HEADER, querySourceInterceptor } from './query-source';

describe('FavouritesClient', () => {
  let client: FavouritesClient;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([querySourceInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    client = TestBed.inject(FavouritesClient);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
  });

  it('lists a page, reads, creates, renames and deletes favourites on their URLs, never as recorded queries', () => {
    void firstValueFrom(client.list(2));
    const list = http.expectOne(`${FAVOURITES_URL}?page=2&pageSize=50`);
    expect(list.request.method).toBe('GET');

    void firstValueFrom(client.get('a/b'));
    http.expectOne({ method: 'GET', url: `${FAVOURITES_URL}/a%2Fb` });

    void firstValueFrom(client.create({ name: 'Scot', kind: 'operators', params: { q: 'scot' } }));
    const create = http.expectOne({ method: 'POST', url: FAVOURITES_URL });
    expect(create.request.body).toEqual({ name: 'Scot', kind: 'operators', params: { q: 'scot' } });

    void firstValueFrom(client.rename('f-1', 'Scotland'));
    const rename = http.expectOne({ method: 'PATCH', url: `${FAVOURITES_URL}/f-1` });
    expect(rename.request.body).toEqual({ name: 'Scotland' });

    void firstValueFrom(client.delete('f-1'));
    http.expectOne({ method: 'DELETE', url: `${FAVOURITES_URL}/f-1` });

    for (const request of [list, create, rename]) {
      expect(request.request.headers.has(QUERY_SOURCE_HEADER)).toBe(false);
    }
  });
});
