import { DataSource } from 'typeorm';
import { Favourite } from '../../../src/modules/history/entities/favourite.entity';
import { QueryHistoryEntry } from '../../../src/modules/history/entities/query-history-entry.entity';
import { User } from '../../../src/modules/users/entities/user.entity';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { customerApiKey } from '../customers/support/customer-fixtures';
import { openApiValidators } from '../customers/support/openapi-validators';
import { createFavourite, historyOf, insertEntries, insertFavourites, resetHistory } from './support/history-fixtures';

const MINUTE = 60_000;

// Hooks build apps, users and data: generous on a busy machine.
jest.setTimeout(30_000);

/** GET/DELETE /api/v1/me/history, and what every /me route refuses (docs/history-api.md). */
describe('history API (/api/v1/me/history)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let a: SignedIn;
  let b: SignedIn;

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    a = await signIn(t, { role: 'operator', operatorId: '029' });
    b = await signIn(t, { role: 'viewer' });
  });
  beforeEach(() => resetHistory(t, a, b));
  afterAll(() => t?.close());

  const request = (method: 'GET' | 'DELETE', url: string, who: { headers: Record<string, string> }) =>
    t.inject({ method, url, headers: who.headers });

  /** `n` entries a minute apart, the last one newest; kinds alternate operators/modes. */
  async function seed(who: SignedIn, n: number) {
    const start = Date.now() - n * MINUTE;
    return insertEntries(
      t,
      who.user.id,
      Array.from({ length: n }, (_, i): Partial<QueryHistoryEntry> => ({
        kind: i % 2 === 0 ? ('operators' as const) : ('modes' as const),
        params: i % 2 === 0 ? { q: `q${i}` } : {},
        createdAt: new Date(start + i * MINUTE),
      })),
    );
  }

  it('lists newest first, in pages, filtered by kind, in the documented shape', async () => {
    const me = a;
    const rows = await seed(me, 25);
    const newestFirst = [...rows].reverse().map((r) => r.id);
    const schemas = await openApiValidators(t, ['HistoryPageDto']);

    const first = await historyOf(t, me);
    expect(schemas.HistoryPageDto(first)).toBe(true);
    expect(first).toMatchObject({ total: 25, page: 1, pageSize: 20 });
    expect(first.items.map((e) => e.id)).toEqual(newestFirst.slice(0, 20));
    expect(first.items[0]).toEqual({
      id: rows[24].id,
      kind: 'operators',
      params: { q: 'q24' },
      resultCount: 1,
      createdAt: rows[24].createdAt.toISOString(),
    });
    const second = await historyOf(t, me, '?page=2&pageSize=20');
    expect(second.items.map((e) => e.id)).toEqual(newestFirst.slice(20));
    expect((await historyOf(t, me, '?page=9')).items).toEqual([]);

    const modes = await historyOf(t, me, '?kind=modes&pageSize=100');
    expect(modes.total).toBe(12);
    expect(modes.items.every((e) => e.kind === 'modes')).toBe(true);
    expect((await historyOf(t, me, '?kind=customers')).total).toBe(0);
  });

  it.each(['?kind=bogus', '?page=0', '?pageSize=101', '?pageSize=x', '?other=1'])(
    'refuses %s with 400 VALIDATION_FAILED',
    async (query) => {
      const res = await request('GET', `/api/v1/me/history${query}`, admin);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    },
  );

  it('deletes one entry (204), then answers 404 HISTORY_ENTRY_NOT_FOUND; a malformed id is 400', async () => {
    const me = a;
    const [keep, gone] = await seed(me, 2);
    const url = `/api/v1/me/history/${gone.id.toUpperCase()}`;
    expect((await request('DELETE', url, me)).statusCode).toBe(204);
    expect((await historyOf(t, me)).items.map((e) => e.id)).toEqual([keep.id]);
    const again = await request('DELETE', url, me);
    expect(again.statusCode).toBe(404);
    expect(again.json()).toMatchObject({ code: 'HISTORY_ENTRY_NOT_FOUND' });
    const bad = await request('DELETE', '/api/v1/me/history/not-a-uuid', me);
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      details: [expect.objectContaining({ field: 'id' })],
    });
  });

  it("clears all of the caller's entries and no one else's", async () => {
    const [me, other] = [a, b];
    await seed(me, 3);
    await seed(other, 2);
    expect((await request('DELETE', '/api/v1/me/history', me)).statusCode).toBe(204);
    expect((await historyOf(t, me)).total).toBe(0);
    expect((await historyOf(t, other)).total).toBe(2);
    expect((await request('DELETE', '/api/v1/me/history', me)).statusCode).toBe(204);
  });

  it("never shows or deletes another user's entry: their ids are unknown ids (404)", async () => {
    const [entry] = await seed(a, 1);
    expect((await historyOf(t, b)).items).toEqual([]);
    const res = await request('DELETE', `/api/v1/me/history/${entry.id}`, b);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'HISTORY_ENTRY_NOT_FOUND' });
    expect((await historyOf(t, a)).items.map((e) => e.id)).toEqual([entry.id]);
  });

  describe('who may call the /me routes', () => {
    const routes: ['GET' | 'DELETE', string][] = [
      ['GET', '/api/v1/me/history'],
      ['DELETE', '/api/v1/me/history'],
      ['DELETE', '/api/v1/me/history/00000000-0000-4000-8000-000000000000'],
      ['GET', '/api/v1/me/favourites'],
      ['GET', '/api/v1/me/favourites/00000000-0000-4000-8000-000000000000'],
      ['DELETE', '/api/v1/me/favourites/00000000-0000-4000-8000-000000000000'],
    ];

    it('refuses API keys (403) and callers without a token (401)', async () => {
      const key = await customerApiKey(t, admin, ['operator-info:read'], null);
      for (const [method, url] of routes) {
        const byKey = await request(method, url, { headers: key });
        expect({ url, status: byKey.statusCode, code: byKey.json<{ code: string }>().code }).toEqual({
          url,
          status: 403,
          code: 'FORBIDDEN',
        });
        expect({ url, status: (await request(method, url, { headers: {} })).statusCode }).toEqual({ url, status: 401 });
      }
    });

    it('refuses a disabled user and a revoked session on the next request (401)', async () => {
      const disabled = await signIn(t);
      const loggedOut = await signIn(t);
      await seed(disabled, 1);
      await seed(loggedOut, 1);
      expect((await historyOf(t, disabled)).total).toBe(1);

      const patch = await t.inject({
        method: 'PATCH',
        url: `/api/v1/users/${disabled.user.id}`,
        headers: admin.headers,
        payload: { status: 'disabled' },
      });
      expect(patch.statusCode).toBe(200);
      const out = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: loggedOut.headers });
      expect(out.statusCode).toBeLessThan(300);

      for (const who of [disabled, loggedOut]) {
        for (const [method, url] of routes) {
          const res = await request(method, url, who);
          expect({ url, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
            url,
            status: 401,
            code: 'SESSION_EXPIRED',
          });
        }
        const post = await createFavourite(t, who);
        expect(post.statusCode).toBe(401);
      }
    });
  });

  it('deleting a user deletes their history and favourites (ON DELETE CASCADE)', async () => {
    const { user: gone } = await createUser(t);
    await insertEntries(t, gone.id, [{}, {}]);
    await insertFavourites(t, gone.id, 2);
    const db = t.app.get(DataSource);
    await db.getRepository(User).delete({ id: gone.id });
    expect(await db.getRepository(QueryHistoryEntry).countBy({ userId: gone.id })).toBe(0);
    expect(await db.getRepository(Favourite).countBy({ userId: gone.id })).toBe(0);
  });
});
