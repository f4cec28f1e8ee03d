import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';

import { queryFromParams, queryToParams } from './operators-query';
import { DEFAULT_QUERY } from './operators.model';

describe('operators query ⇄ URL', () => {
  it('reads every filter, repeated modes, sort and paging from the URL', () => {
    const query = queryFromParams(
      convertToParamMap({
        q: 'scot',
        id: '019',
        mode: ['010', '007', '010'],
        email: 'a',
        phone: 'b',
        homepage: 'c',
        language: 'en',
        mipta: 'd',
        sort: '-id',
        page: '2',
        pageSize: '50',
      }),
    );
    expect(query).toEqual({
      q: 'scot',
      id: '019',
      modes: ['010', '007'],
      email: 'a',
      phone: 'b',
      homepage: 'c',
      language: 'en',
      mipta: 'd',
      sort: '-id',
      page: 2,
      pageSize: 50,
    });
  });

  it('falls back to the defaults for missing or malformed values', () => {
    expect(queryFromParams(convertToParamMap({ sort: 'email', page: '0', pageSize: '500' }))).toEqual(DEFAULT_QUERY);
    expect(queryFromParams(convertToParamMap({ page: 'x', pageSize: '-1' }))).toEqual(DEFAULT_QUERY);
  });

  it('writes only the filled filters and non-default values, so each query has one URL', () => {
    expect(queryToParams(DEFAULT_QUERY)).toEqual({});
    expect(queryToParams({ ...DEFAULT_QUERY, q: ' scot ', modes: ['010'], sort: 'id', page: 2, pageSize: 10 })).toEqual(
      {
        q: 'scot',
        mode: ['010'],
        sort: 'id',
        page: 2,
        pageSize: 10,
      },
    );
  });
});
