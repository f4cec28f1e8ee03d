import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { openApiValidators } from '../customers/support/openapi-validators';
import { createFavourite, FavouriteBody, insertFavourites, PageBody, resetHistory } from './support/history-fixtures';

const REF = { operatorId: '029', customerId: 'C000042' };

// Hooks build apps, users and data: generous on a busy machine.
jest.setTimeout(30_000);

/** /api/v1/me/favourites (docs/history-api.md, "Favourites"). */
describe('favourites API (/api/v1/me/favourites)', () => {
  let t: TestApp;
  let me: SignedIn;
  let other: SignedIn;
  let third: SignedIn;

  beforeAll(async () => {
    t = await createAuthTestApp();
    me = await signIn(t, { role: 'admin' });
    other = await signIn(t, { role: 'operator', operatorId: '029' });
    third = await signIn(t, { role: 'viewer' });
  });
  beforeEach(() => resetHistory(t, me, other, third));
  afterAll(() => t?.close());

  const call = (method: 'GET' | 'PATCH' | 'DELETE', url: string, who: SignedIn, payload?: Record<string, unknown>) =>
    t.inject({ method, url: `/api/v1/me/favourites${url}`, headers: who.headers, ...(payload && { payload }) });

  async function list(who: SignedIn, query = ''): Promise<PageBody<FavouriteBody>> {
    const res = await call('GET', query, who);
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  it('creates (201, params normalised), reads, lists by name ignoring case, renames and deletes', async () => {
    const schemas = await openApiValidators(t, ['FavouriteDto', 'FavouritePageDto']);
    const created = await createFavourite(t, me, {
      name: '  banana ferries ',
      kind: 'operators',
      params: { sort: '-name', mode: ['012', '011', '012'], q: 'ferr', email: '', page: '02' },
    });
    expect(created.statusCode).toBe(201);
    const favourite = created.json<FavouriteBody>();
    expect(schemas.FavouriteDto(favourite)).toBe(true);
    expect(favourite).toMatchObject({
      name: 'banana ferries',
      kind: 'operators',
      params: { mode: ['011', '012'], page: '2', q: 'ferr', sort: '-name' },
    });
    expect(favourite.createdAt).toBe(favourite.updatedAt);
    expect((await call('GET', `/${favourite.id}`, me)).json()).toEqual(favourite);

    for (const name of ['Apple modes', 'cherry modes'])
      expect((await createFavourite(t, me, { name })).statusCode).toBe(201);
    const page = await list(me);
    expect(schemas.FavouritePageDto(page)).toBe(true);
    expect(page).toMatchObject({ total: 3, page: 1, pageSize: 50 });
    expect(page.items.map((f) => f.name)).toEqual(['Apple modes', 'banana ferries', 'cherry modes']);
    expect((await list(me, '?page=2&pageSize=2')).items.map((f) => f.name)).toEqual(['cherry modes']);

    const renamed = await call('PATCH', `/${favourite.id}`, me, { name: 'Banana Ferries' });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json()).toMatchObject({ id: favourite.id, name: 'Banana Ferries', params: favourite.params });

    expect((await call('DELETE', `/${favourite.id}`, me)).statusCode).toBe(204);
    const gone = await call('GET', `/${favourite.id}`, me);
    expect(gone.statusCode).toBe(404);
    expect(gone.json()).toMatchObject({ code: 'FAVOURITE_NOT_FOUND' });
    expect((await call('DELETE', `/${favourite.id}`, me)).statusCode).toBe(404);
  });

  it('keeps names unique per user ignoring case (409 FAVOURITE_NAME_TAKEN); other users may use them', async () => {
    expect((await createFavourite(t, me, { name: 'Ferries' })).statusCode).toBe(201);
    for (const name of ['FERRIES', ' ferries ', 'Ferries']) {
      const res = await createFavourite(t, me, { name });
      expect({ name, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
        name,
        status: 409,
        code: 'FAVOURITE_NAME_TAKEN',
      });
    }
    // "é" typed precomposed and as e + combining accent is one name.
    expect((await createFavourite(t, me, { name: 'Caf\u00e9 trams' })).statusCode).toBe(201);
    expect((await createFavourite(t, me, { name: 'CAFE\u0301 TRAMS' })).statusCode).toBe(409);
    expect((await createFavourite(t, other, { name: 'ferries' })).statusCode).toBe(201);

    const buses = (await createFavourite(t, me, { name: 'Buses' })).json<FavouriteBody>();
    const clash = await call('PATCH', `/${buses.id}`, me, { name: 'fErRiEs' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json()).toMatchObject({ code: 'FAVOURITE_NAME_TAKEN' });
    expect((await call('PATCH', `/${buses.id}`, me, { name: 'BUSES' })).statusCode).toBe(200);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['operators', { mode: ['01x'] }, 'params.mode'],
    ['operators', { nope: '1' }, 'params.nope'],
    ['operators', { pageSize: '101' }, 'params.pageSize'],
    ['operators', { q: 'x'.repeat(201) }, 'params.q'],
    ['operators', { q: 'a\u0000b' }, 'params.q'],
    ['operators', { q: 7 }, 'params.q'],
    ['modes', { q: 'x' }, 'params.q'],
    ['customers', { q: 'ab' }, 'params.q'],
    ['customers', {}, 'params.q'],
    ['customers', { q: 'smith', cursor: 'abc' }, 'params.cursor'],
    ['customers', { q: 'smith', operatorId: '29' }, 'params.operatorId'],
    ['customer', { operatorId: '029' }, 'params.customerId'],
    ['customer', { ...REF, from: '2026-01-01' }, 'params.from'],
    ['purchases', { ...REF, from: '2026-02-30' }, 'params.from'],
    ['concessions', { ...REF, from: '2026-03-02', to: '2026-03-01' }, 'params.from'],
    ['usages', { ...REF, to: 'yesterday' }, 'params.to'],
    ['usages', { ...REF, page: '0' }, 'params.page'],
    ['usages', { customerId: 'C\u0001' }, 'params.customerId'],
  ])('checks %s params %j by the query’s own rules: 400 naming %s', async (kind, params, field) => {
    const res = await createFavourite(t, me, { kind, params });
    expect(res.statusCode).toBe(400);
    const body = res.json<{ code: string; details: { field: string }[] }>();
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.details.map((d) => d.field)).toContain(field);
    expect((await list(me)).total).toBe(0);
  });

  it.each<[string, Record<string, unknown>]>([
    ['modes', {}],
    ['customers', { q: 'smith', operatorId: '029', pageSize: '20' }],
    ['customer', REF],
    ['purchases', { ...REF, from: '2026-01-01', to: '2026-03-31T23:59:59Z', page: '2', pageSize: '50' }],
    ['concessions', REF],
    ['usages', { ...REF, from: '2026-01-01T08:30+01:00' }],
  ])('accepts valid %s params %j as they are', async (kind, params) => {
    const res = await createFavourite(t, me, { kind, params });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind, params });
  });

  it.each<[Record<string, unknown>, string]>([
    [{ name: '' }, 'name'],
    [{ name: '   ' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: 'tab\there' }, 'name'],
    [{ name: 42 }, 'name'],
    [{ kind: 'bogus' }, 'kind'],
    [{ params: undefined }, 'params'],
    [{ params: 'q=rail' }, 'params'],
    [{ params: ['q'] }, 'params'],
    [{ extra: true }, 'extra'],
  ])('refuses the body %j with 400 naming %s', async (body, field) => {
    const res = await createFavourite(t, me, body);
    expect(res.statusCode).toBe(400);
    const json = res.json<{ code: string; details: { field: string }[] }>();
    expect(json.code).toBe('VALIDATION_FAILED');
    expect(json.details.map((d) => d.field)).toContain(field);
  });

  it('refuses a bad rename, page or id with 400', async () => {
    const favourite = (await createFavourite(t, me)).json<FavouriteBody>();
    for (const [method, url, payload] of [
      ['PATCH', `/${favourite.id}`, { name: '' }],
      ['PATCH', `/${favourite.id}`, { name: 'ok', kind: 'modes' }],
      ['GET', '?pageSize=101', undefined],
      ['GET', '?page=0', undefined],
      ['GET', '/123', undefined],
      ['PATCH', '/123', { name: 'ok' }],
    ] as const) {
      const res = await call(method, url, me, payload);
      expect({ method, url, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
        method,
        url,
        status: 400,
        code: 'VALIDATION_FAILED',
      });
    }
  });

  it('allows at most 200 favourites per user (409 FAVOURITE_LIMIT)', async () => {
    await insertFavourites(t, me.user.id, 199);
    expect((await createFavourite(t, me, { name: 'The 200th' })).statusCode).toBe(201);
    const full = await createFavourite(t, me, { name: 'One too many' });
    expect(full.statusCode).toBe(409);
    expect(full.json()).toMatchObject({ code: 'FAVOURITE_LIMIT' });
    expect((await list(me, '?pageSize=1')).total).toBe(200);
    expect((await createFavourite(t, other, { name: 'One too many' })).statusCode).toBe(201);
  });

  it("never shows, renames or deletes another user's favourite: their ids are unknown ids (404)", async () => {
    const [a, b] = [me, third];
    const mine = (await createFavourite(t, a, { name: 'Mine' })).json<FavouriteBody>();
    await createFavourite(t, b, { name: 'Theirs' });
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'Stolen' }],
      ['PATCH', { name: 'Theirs' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(method, `/${mine.id}`, b, payload);
      expect({ method, status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({
        method,
        status: 404,
        code: 'FAVOURITE_NOT_FOUND',
      });
    }
    expect((await list(b)).items.map((f) => f.name)).toEqual(['Theirs']);
    expect((await call('GET', `/${mine.id}`, a)).json()).toEqual(mine);
  });
});
