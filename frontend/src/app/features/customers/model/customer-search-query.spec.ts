import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';

import {
  EMPTY_SEARCH,
  nextSearchPage,
  previousSearchPage,
  sameSearch,
  searchPageNumber,
  searchQueryFromParams,
  searchQueryToParams,
  searchTermProblem,
} from './customer-search-query';

describe('customer search ⇄ URL', () => {
  it('reads the operator, the trimmed term and the cursor trail in order', () => {
    const query = searchQueryFromParams(convertToParamMap({ operatorId: '029', q: '  byron ', cursor: ['c1', 'c2'] }));
    expect(query).toEqual({ operatorId: '029', q: 'byron', cursors: ['c1', 'c2'] });
    expect(searchPageNumber(query)).toBe(3);
  });

  it('ignores an operator id that cannot exist and empty cursors', () => {
    expect(searchQueryFromParams(convertToParamMap({ operatorId: '29; drop', cursor: ['', ''] }))).toEqual(
      EMPTY_SEARCH,
    );
    expect(searchPageNumber(EMPTY_SEARCH)).toBe(1);
  });

  it('writes only what is set, so a search has one URL, and round-trips', () => {
    expect(searchQueryToParams(EMPTY_SEARCH)).toEqual({});
    const query = { operatorId: '030', q: ' ada ', cursors: ['c1'] };
    const params = searchQueryToParams(query);
    expect(params).toEqual({ operatorId: '030', q: 'ada', cursor: ['c1'] });
    expect(searchQueryFromParams(convertToParamMap(params))).toEqual({ ...query, q: 'ada' });
  });

  it('pages forward by pushing the next cursor and back by dropping the last one', () => {
    const first = { operatorId: '', q: 'ada', cursors: [] };
    const second = nextSearchPage(first, 'c1');
    const third = nextSearchPage(second, 'c2');
    expect(third.cursors).toEqual(['c1', 'c2']);
    expect(previousSearchPage(third)).toEqual(second);
    expect(previousSearchPage(second)).toEqual(first);
    expect(previousSearchPage(first)).toEqual(first);
  });

  it('compares searches by what they ask, not by spacing', () => {
    expect(sameSearch({ operatorId: '', q: 'ada ', cursors: [] }, { operatorId: '', q: 'ada', cursors: [] })).toBe(
      true,
    );
    expect(sameSearch({ operatorId: '', q: 'ada', cursors: ['c1'] }, { operatorId: '', q: 'ada', cursors: [] })).toBe(
      false,
    );
  });
});

describe('searchTermProblem', () => {
  it('needs 3 to 100 characters after trimming', () => {
    expect(searchTermProblem('   ')).toBe('missing');
    expect(searchTermProblem(' ab ')).toBe('too-short');
    expect(searchTermProblem('abc')).toBeNull();
    expect(searchTermProblem('x'.repeat(100))).toBeNull();
    expect(searchTermProblem('x'.repeat(101))).toBe('too-long');
  });
});
