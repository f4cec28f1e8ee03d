import { convertToParamMap } from '@angular/router';
import { describe, expect, it } from 'vitest';

import { historyQueryFromParams, historyQueryToParams } from './history-query';

describe('history query', () => {
  it('reads the kind and page from the URL, falling back to every kind and the first page', () => {
    expect(historyQueryFromParams(convertToParamMap({ kind: 'usages', page: '3' }))).toEqual({
      kind: 'usages',
      page: 3,
    });
    expect(historyQueryFromParams(convertToParamMap({ kind: 'users', page: 'x' }))).toEqual({ kind: null, page: 1 });
    expect(historyQueryFromParams(convertToParamMap({ page: '0' }))).toEqual({ kind: null, page: 1 });
  });

  it('leaves the defaults out of the URL', () => {
    expect(historyQueryToParams({ kind: null, page: 1 })).toEqual({});
    expect(historyQueryToParams({ kind: 'operators', page: 2 })).toEqual({ kind: 'operators', page: 2 });
  });
});
