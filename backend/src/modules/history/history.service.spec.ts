import type { Clock } from '../../common/time/clock';
import type { QueryHistoryEntry } from './entities/query-history-entry.entity';
import type { HistoryRepository } from './history.repository';
import { COALESCE_WINDOW_MS, HistoryService, isRepeatOf, RanQuery } from './history.service';

const NOW = new Date('2026-05-01T12:00:00Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const query: RanQuery = { kind: 'operators', params: { mode: ['007', '010'], q: 'rail' }, resultCount: 3 };

describe('isRepeatOf (coalescing)', () => {
  const newest = (overrides: Partial<QueryHistoryEntry> = {}) => ({
    kind: query.kind,
    params: { q: 'rail', mode: ['007', '010'] },
    createdAt: ago(10_000),
    ...overrides,
  });

  it('is a repeat: the same query (whatever the key order) less than a minute from the newest entry', () => {
    expect(isRepeatOf(newest(), query, NOW)).toBe(true);
    expect(isRepeatOf(newest({ createdAt: ago(COALESCE_WINDOW_MS - 1) }), query, NOW)).toBe(true);
    expect(isRepeatOf(newest({ createdAt: NOW }), query, NOW)).toBe(true);
    // Another instance's clock a little ahead.
    expect(isRepeatOf(newest({ createdAt: ago(-1000) }), query, NOW)).toBe(true);
  });

  it('is not: no entry, a minute or more apart, another query, another kind', () => {
    expect(isRepeatOf(null, query, NOW)).toBe(false);
    expect(isRepeatOf(newest({ createdAt: ago(COALESCE_WINDOW_MS) }), query, NOW)).toBe(false);
    expect(isRepeatOf(newest({ createdAt: ago(-COALESCE_WINDOW_MS) }), query, NOW)).toBe(false);
    expect(isRepeatOf(newest({ params: { q: 'rail' } }), query, NOW)).toBe(false);
    expect(isRepeatOf(newest({ kind: 'modes' }), query, NOW)).toBe(false);
  });
});

describe('HistoryService.record', () => {
  function setup(newest: Partial<QueryHistoryEntry> | null, touched = true) {
    const repository = {
      newestEntry: jest.fn().mockResolvedValue(newest && { id: 'e1', ...newest }),
      touchEntry: jest.fn().mockResolvedValue(touched),
      insertEntry: jest.fn().mockResolvedValue(undefined),
    };
    const clock: Clock = { now: () => NOW };
    return { repository, service: new HistoryService(repository as unknown as HistoryRepository, clock) };
  }

  it('updates the time and count of the newest entry on a repeat', async () => {
    const { repository, service } = setup({ kind: 'operators', params: query.params, createdAt: ago(5_000) });
    await service.record('u1', query);
    expect(repository.touchEntry).toHaveBeenCalledWith('u1', 'e1', NOW, 3);
    expect(repository.insertEntry).not.toHaveBeenCalled();
  });

  it('keeps the time of the newest entry when the clock is behind it', async () => {
    const ahead = new Date(NOW.getTime() + 500);
    const { repository, service } = setup({ kind: 'operators', params: query.params, createdAt: ahead });
    await service.record('u1', query);
    expect(repository.touchEntry).toHaveBeenCalledWith('u1', 'e1', ahead, 3);

    const other = setup({ kind: 'modes', params: {}, createdAt: NOW });
    await other.service.record('u1', query);
    expect(other.repository.insertEntry).toHaveBeenCalledWith(
      expect.objectContaining({ createdAt: new Date(NOW.getTime() + 1) }),
    );
  });

  it('adds an entry otherwise, or when the newest was deleted meanwhile', async () => {
    const other = setup({ kind: 'modes', params: {}, createdAt: ago(5_000) });
    await other.service.record('u1', query);
    expect(other.repository.touchEntry).not.toHaveBeenCalled();
    expect(other.repository.insertEntry).toHaveBeenCalledWith(
      expect.objectContaining({
        userId: 'u1',
        kind: 'operators',
        params: query.params,
        resultCount: 3,
        createdAt: NOW,
      }),
    );

    const gone = setup({ kind: 'operators', params: query.params, createdAt: ago(5_000) }, false);
    await gone.service.record('u1', query);
    expect(gone.repository.insertEntry).toHaveBeenCalledTimes(1);
  });
});
