import { type FavouriteDto, type HistoryEntryDto } from '../app/core/query-tool/query.model';

/** Small factories with overridable defaults for history and favourites test data. */
export function aHistoryEntry(overrides: Partial<HistoryEntryDto> = {}): HistoryEntryDto {
  return {
    id: '6f1c2a8e-0000-4000-8000-000000000001',
    kind: 'operators',
    params: { page: '1', pageSize: '20', q: 'scot', sort: 'name' },
    resultCount: 1,
    createdAt: '2026-03-01T10:15:00.000Z',
    ...overrides,
  };
}

export function aFavourite(overrides: Partial<FavouriteDto> = {}): FavouriteDto {
  return {
    id: '9a7b3c4d-0000-4000-8000-000000000001',
    name: 'Scottish operators',
    kind: 'operators',
    params: { q: 'scot' },
    createdAt: '2026-03-01T10:20:00.000Z',
    updatedAt: '2026-03-01T10:20:00.000Z',
    ...overrides,
  };
}
