import { randomUUID } from 'node:crypto';
import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { Favourite, favouriteNameKey } from '../../../../src/modules/history/entities/favourite.entity';
import { QueryHistoryEntry } from '../../../../src/modules/history/entities/query-history-entry.entity';
import { HistoryRecorder } from '../../../../src/modules/history/history-recorder';
import type { TestApp } from '../../../support/test-app';
import type { SignedIn } from '../../auth/support/auth-fixtures';

/** The header the query tool sends on the queries a person runs. */
export const QUERY_TOOL = { 'x-query-source': 'query-tool' } as const;

export interface HistoryEntryBody {
  id: string;
  kind: string;
  params: Record<string, string | string[]>;
  resultCount: number | null;
  createdAt: string;
}
export interface FavouriteBody {
  id: string;
  name: string;
  kind: string;
  params: Record<string, string | string[]>;
  createdAt: string;
  updatedAt: string;
}
export interface PageBody<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Runs a GET as `who` (with the query tool's header unless told otherwise) and waits until recording is done. */
export async function runQuery(
  t: TestApp,
  who: { headers: Record<string, string> },
  url: string,
  extraHeaders: Record<string, string> = QUERY_TOOL,
): Promise<InjectResponse> {
  const res = await t.inject({ method: 'GET', url, headers: { ...who.headers, ...extraHeaders } });
  await t.app.get(HistoryRecorder).idle();
  return res;
}

export async function historyOf(t: TestApp, who: SignedIn, query = ''): Promise<PageBody<HistoryEntryBody>> {
  const res = await t.inject({ method: 'GET', url: `/api/v1/me/history${query}`, headers: who.headers });
  if (res.statusCode !== 200) throw new Error(`history: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** Inserts history entries for a user directly (a factory with overridable defaults: an operators query, now). */
export async function insertEntries(
  t: TestApp,
  userId: string,
  rows: Partial<QueryHistoryEntry>[],
): Promise<QueryHistoryEntry[]> {
  const entries = rows.map((row) =>
    Object.assign(new QueryHistoryEntry(), {
      id: randomUUID(),
      userId,
      kind: 'operators' as const,
      params: { q: 'rail' },
      resultCount: 1,
      createdAt: new Date(),
      ...row,
    }),
  );
  if (entries.length) await t.app.get(DataSource).getRepository(QueryHistoryEntry).insert(entries);
  return entries;
}

/** Inserts favourites for a user directly (names `Favourite 1…n` unless given). */
export async function insertFavourites(t: TestApp, userId: string, count: number): Promise<void> {
  const now = new Date();
  const rows = Array.from({ length: count }, (_, i) =>
    Object.assign(new Favourite(), {
      id: randomUUID(),
      userId,
      name: `Favourite ${i + 1}`,
      nameKey: favouriteNameKey(`Favourite ${i + 1}`),
      kind: 'modes' as const,
      params: {},
      createdAt: now,
      updatedAt: now,
    }),
  );
  await t.app.get(DataSource).getRepository(Favourite).insert(rows);
}

export function createFavourite(
  t: TestApp,
  who: SignedIn,
  body: Record<string, unknown> = {},
): Promise<InjectResponse> {
  return t.inject({
    method: 'POST',
    url: '/api/v1/me/favourites',
    headers: who.headers,
    payload: { name: `Favourite ${randomUUID().slice(0, 8)}`, kind: 'modes', params: {}, ...body },
  });
}

/** Empties the users' history and favourites (tests share a few signed-in users: sign-ins are rate-limited). */
export async function resetHistory(t: TestApp, ...users: SignedIn[]): Promise<void> {
  const db = t.app.get(DataSource);
  for (const { user } of users) {
    await db.getRepository(QueryHistoryEntry).delete({ userId: user.id });
    await db.getRepository(Favourite).delete({ userId: user.id });
  }
}

/** How many history rows exist in the whole table (to see that nothing at all was recorded). */
export function countAllEntries(t: TestApp): Promise<number> {
  return t.app.get(DataSource).getRepository(QueryHistoryEntry).count();
}
