import { Injectable } from '@nestjs/common';
import { DataSource, Repository } from 'typeorm';
import { Favourite } from './entities/favourite.entity';
import { QueryHistoryEntry } from './entities/query-history-entry.entity';
import type { QueryKind } from './query-kinds';

export interface Slice {
  offset: number;
  limit: number;
}

/**
 * Every read and write of `query_history` and `favourites`. Each method that serves a request takes the caller's
 * user id and puts it in the WHERE clause, so no id from a URL can reach another user's rows. The retention methods
 * work across users, one bounded statement at a time.
 */
@Injectable()
export class HistoryRepository {
  constructor(private readonly dataSource: DataSource) {}

  private get entries(): Repository<QueryHistoryEntry> {
    return this.dataSource.getRepository(QueryHistoryEntry);
  }

  private get favourites(): Repository<Favourite> {
    return this.dataSource.getRepository(Favourite);
  }

  // History entries ---------------------------------------------------------------------------------------------

  /** The user's entries, newest first (ties by id), optionally of one kind, with the total. */
  listEntries(userId: string, kind: QueryKind | undefined, slice: Slice): Promise<[QueryHistoryEntry[], number]> {
    return this.entries.findAndCount({
      where: kind ? { userId, kind } : { userId },
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: slice.offset,
      take: slice.limit,
    });
  }

  /** The user's newest entry, if any. */
  newestEntry(userId: string): Promise<QueryHistoryEntry | null> {
    return this.entries.findOne({ where: { userId }, order: { createdAt: 'DESC', id: 'DESC' } });
  }

  async insertEntry(entry: QueryHistoryEntry): Promise<void> {
    await this.entries.insert(entry);
  }

  /** A repeat of the entry: new time and count. False when the entry is gone (deleted meanwhile). */
  async touchEntry(userId: string, id: string, createdAt: Date, resultCount: number | null): Promise<boolean> {
    const result = await this.entries.update({ id, userId }, { createdAt, resultCount });
    return result.affected === 1;
  }

  async deleteEntry(userId: string, id: string): Promise<boolean> {
    const result = await this.entries.delete({ id, userId });
    return result.affected === 1;
  }

  async clearEntries(userId: string): Promise<number> {
    const result = await this.entries.delete({ userId });
    return result.affected ?? 0;
  }

  // Favourites --------------------------------------------------------------------------------------------------

  /** The user's favourites ordered by name ignoring case (ties by id), with the total. */
  listFavourites(userId: string, slice: Slice): Promise<[Favourite[], number]> {
    return this.favourites.findAndCount({
      where: { userId },
      order: { nameKey: 'ASC', id: 'ASC' },
      skip: slice.offset,
      take: slice.limit,
    });
  }

  findFavourite(userId: string, id: string): Promise<Favourite | null> {
    return this.favourites.findOneBy({ id, userId });
  }

  countFavourites(userId: string): Promise<number> {
    return this.favourites.countBy({ userId });
  }

  /** Throws the driver's unique violation when the user already has the name (uq_favourites_user_name). */
  async insertFavourite(favourite: Favourite): Promise<void> {
    await this.favourites.insert(favourite);
  }

  /** False when the favourite is gone; throws the unique violation when the name is taken. */
  async renameFavourite(
    userId: string,
    id: string,
    change: Pick<Favourite, 'name' | 'nameKey' | 'updatedAt'>,
  ): Promise<boolean> {
    const result = await this.favourites.update({ id, userId }, change);
    return result.affected === 1;
  }

  async deleteFavourite(userId: string, id: string): Promise<boolean> {
    const result = await this.favourites.delete({ id, userId });
    return result.affected === 1;
  }

  // Retention ---------------------------------------------------------------------------------------------------

  /** Deletes up to `batch` entries (of any user) last run before `cutoff`. Returns how many. */
  async deleteEntriesOlderThan(cutoff: Date, batch: number): Promise<number> {
    const chosen = this.entries
      .createQueryBuilder('stale')
      .select('stale.id')
      .where('stale.createdAt < :cutoff', { cutoff })
      .orderBy('stale.createdAt', 'ASC')
      .limit(batch);
    return this.deleteChosen(chosen.getQuery(), chosen.getParameters());
  }

  /** Up to `limit` users who have more than `keep` entries. */
  async usersWithMoreThan(keep: number, limit: number): Promise<string[]> {
    const rows = await this.entries
      .createQueryBuilder('entry')
      .select('entry.userId', 'userId')
      .groupBy('entry.userId')
      .having('COUNT(*) > :keep', { keep })
      .orderBy('entry.userId')
      .limit(limit)
      .getRawMany<{ userId: string }>();
    return rows.map((row) => row.userId);
  }

  /** Deletes up to `batch` of the user's entries beyond the newest `keep`. Returns how many. */
  async deleteEntriesBeyond(userId: string, keep: number, batch: number): Promise<number> {
    const chosen = this.entries
      .createQueryBuilder('surplus')
      .select('surplus.id')
      .where('surplus.userId = :userId', { userId })
      .orderBy('surplus.createdAt', 'DESC')
      .addOrderBy('surplus.id', 'DESC')
      .offset(keep)
      .limit(batch);
    return this.deleteChosen(chosen.getQuery(), chosen.getParameters());
  }

  /**
   * `DELETE FROM query_history WHERE id IN (<chosen>)`: the subquery (built by the query builder, values bound as
   * parameters) picks a bounded set of ids; PostgreSQL has no `DELETE … LIMIT`.
   */
  private async deleteChosen(chosen: string, parameters: Record<string, unknown>): Promise<number> {
    const result = await this.entries
      .createQueryBuilder()
      .delete()
      .where(`${this.dataSource.driver.escape('id')} IN (${chosen})`)
      .setParameters(parameters)
      .execute();
    return result.affected ?? 0;
  }
}
