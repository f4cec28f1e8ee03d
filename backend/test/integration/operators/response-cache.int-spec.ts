import { gunzipSync } from 'node:zlib';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import { createOperator, deleteOperators, uniqueTag } from './support/operator-fixtures';

/** Directory reads answered from the snapshot are remembered per snapshot (SnapshotResponseCache). */
describe('directory read answers kept per snapshot', () => {
  let t: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;
  const created: string[] = [];

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    viewer = await signIn(t, { role: 'viewer' });
  });
  afterAll(async () => {
    await deleteOperators(t, admin.headers, created);
    await t.close();
  });

  const get = (url: string, headers: Record<string, string> = viewer.headers) =>
    t.inject({ method: 'GET', url, headers });

  it('answers a repeated read with the same JSON, gzip-compressed for clients that accept it', async () => {
    const first = await get('/api/oti/v1/operator');
    const second = await get('/api/oti/v1/operator');
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(second.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(second.headers['vary']).toBe('accept-encoding');
    expect(second.headers['cache-control']).toBe('no-store');

    const zipped = await get('/api/oti/v1/operator', { ...viewer.headers, 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(first.body);
    expect(zipped.rawPayload.length).toBeLessThan(first.rawPayload.length / 4);

    const refused = await get('/api/oti/v1/operator', { ...viewer.headers, 'accept-encoding': 'gzip;q=0, identity' });
    expect(refused.headers['content-encoding']).toBeUndefined();
    expect(refused.body).toBe(first.body);
  });

  it('never answers a caller the guard refuses, nor an invalid query, from memory', async () => {
    expect((await get('/api/v1/operators?mode=010')).statusCode).toBe(200);
    expect((await get('/api/v1/operators?mode=010', {})).statusCode).toBe(401);
    expect((await get('/api/v1/operators?mode=010', { authorization: 'Bearer nope' })).statusCode).toBe(401);
    expect((await get('/api/v1/operators?mode=01x')).json().code).toBe('VALIDATION_FAILED');
    expect((await get('/api/v1/operators?mode=01x')).json().code).toBe('VALIDATION_FAILED');
    expect((await get('/api/oti/v1/operator?nope=1')).json().code).toBe('BAD_INPUT_PARAMETER');
  });

  it('a write replaces the remembered answers at once', async () => {
    const tag = uniqueTag('Cache');
    const url = `/api/v1/operators?q=${tag}`;
    expect((await get(url)).json()).toMatchObject({ items: [], total: 0 });
    const op = await createOperator(t, admin.headers, { name: `${tag} Tramways` });
    created.push(op.id);
    expect((await get(url)).json()).toMatchObject({ total: 1, items: [{ id: op.id, name: `${tag} Tramways` }] });
    expect((await get(`/api/v1/operators/${op.id}`)).json().name).toBe(`${tag} Tramways`);

    const renamed = await t.inject({
      method: 'PATCH',
      url: `/api/v1/operators/${op.id}`,
      headers: admin.headers,
      payload: { name: `${tag} Light Rail` },
    });
    expect(renamed.statusCode).toBe(200);
    expect((await get(`/api/v1/operators/${op.id}`)).json().name).toBe(`${tag} Light Rail`);
    expect((await get(url)).json().items[0].name).toBe(`${tag} Light Rail`);
    const catalogue = (await get(`/api/oti/v1/operator?filterString=${op.id}`)).json();
    expect(JSON.stringify(catalogue)).toContain(`${tag} Light Rail`);
  });
});
