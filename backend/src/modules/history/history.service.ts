import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../common/time/clock';
import type { HistoryEntryDto, HistoryPageDto, HistoryQueryDto } from './dto/history.dto';
import { QueryHistoryEntry } from './entities/query-history-entry.entity';
import { HistoryErrors } from './history.errors';
import { HistoryRepository } from './history.repository';
import type { QueryKind, QueryParams } from './query-kinds';
import { normaliseParams, sameQuery } from './query-params';

const DEFAULT_PAGE_SIZE = 20;

/** A repeat of the newest entry's exact query within this long updates that entry instead of adding one. */
export const COALESCE_WINDOW_MS = 60_000;

/** A query that just ran, to be recorded. */
export interface RanQuery {
  kind: QueryKind;
  params: QueryParams;
  resultCount: number | null;
}

/**
 * Whether `query`, run at `now`, is a repeat of the user's newest entry: the same kind and params, run again less
 * than a minute from that entry's (last) time (either way: instances' clocks may differ a little). Reloads and paging
 * back and forth then keep one entry fresh.
 */
export function isRepeatOf(
  newest: Pick<QueryHistoryEntry, 'kind' | 'params' | 'createdAt'> | null,
  query: RanQuery,
  now: Date,
): boolean {
  if (!newest) return false;
  return Math.abs(now.getTime() - newest.createdAt.getTime()) < COALESCE_WINDOW_MS && sameQuery(newest, query);
}

export function toHistoryEntryDto(entry: QueryHistoryEntry): HistoryEntryDto {
  return {
    id: entry.id,
    kind: entry.kind,
    // PostgreSQL's jsonb keeps keys in its own order: sorted again on the way out.
    params: normaliseParams(entry.params),
    resultCount: entry.resultCount,
    createdAt: entry.createdAt.toISOString(),
  };
}

/** The caller's query history: reading, deleting, and recording the queries they run. */
@Injectable()
export class HistoryService {
  constructor(
    private readonly repository: HistoryRepository,
    private readonly clock: Clock,
  ) {}

  async list(userId: string, query: HistoryQueryDto): Promise<HistoryPageDto> {
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? DEFAULT_PAGE_SIZE;
    const [rows, total] = await this.repository.listEntries(userId, query.kind, {
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { items: rows.map(toHistoryEntryDto), total, page, pageSize };
  }

  async remove(userId: string, id: string): Promise<void> {
    if (!(await this.repository.deleteEntry(userId, id))) throw HistoryErrors.entryNotFound();
  }

  async clear(userId: string): Promise<void> {
    await this.repository.clearEntries(userId);
  }

  /**
   * Records a query the user ran: a repeat of their newest entry updates it, anything else adds an entry. A new
   * entry's time is after the newest one's even when the clock has not moved on (same millisecond, or another
   * instance's clock ahead), so "newest" is always the one recorded last.
   */
  async record(userId: string, query: RanQuery): Promise<void> {
    const now = this.clock.now();
    const newest = await this.repository.newestEntry(userId);
    if (newest && isRepeatOf(newest, query, now)) {
      const at = now > newest.createdAt ? now : newest.createdAt;
      if (await this.repository.touchEntry(userId, newest.id, at, query.resultCount)) return;
    }
    const at = newest && newest.createdAt >= now ? new Date(newest.createdAt.getTime() + 1) : now;
    await this.repository.insertEntry(
      Object.assign(new QueryHistoryEntry(), {
        id: randomUUID(),
        userId,
        kind: query.kind,
        params: query.params,
        resultCount: query.resultCount,
        createdAt: at,
      }),
    );
  }
}
