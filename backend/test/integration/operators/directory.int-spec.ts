import { EventEmitter2 } from '@nestjs/event-emitter';
import { DataSource } from 'typeorm';
import { Operator } from '../../../src/modules/operators/entities/operator.entity';
import type { DomainEvent } from '../../../src/modules/events/domain-events';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import {
  apiKey,
  createOperator,
  deleteOperators,
  freeModeId,
  freeOperatorId,
  INTERNALS,
  OperatorPayload,
  operatorPayload,
  otiValidators,
  uniqueTag,
} from './support/operator-fixtures';

interface OperatorDto extends Omit<OperatorPayload, 'modeIds'> {
  modes: { id: string; shortDesc: string }[];
  updatedAt: string;
}
interface Page {
  items: OperatorDto[];
  total: number;
  page: number;
  pageSize: number;
}

describe('operator directory API (/api/v1)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;
  const tag = uniqueTag('Dir');
  /** Four operators only this file creates; every filter test narrows to them with q=tag. */
  let ops: OperatorPayload[];
  const created: string[] = [];

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    viewer = await signIn(t, { role: 'viewer' });
    const make = async (overrides: Partial<OperatorPayload>) => {
      const op = await createOperator(t, admin.headers, overrides);
      created.push(op.id);
      return op;
    };
    ops = [
      await make({ name: `${tag} Alpha Rail`, modeIds: ['010', '007'], defaultLanguage: 'en', phone: '0123 456789' }),
      await make({ name: `${tag} beta Buses`, modeIds: ['007'], defaultLanguage: 'cy', email: '' }),
      await make({ name: `${tag} Gamma 50%_off\\`, modeIds: ['010'], defaultLanguage: 'en', kind: 'maas' }),
      await make({ name: `${tag} delta Ferries`, modeIds: ['012', '010', '007'], defaultLanguage: 'gd' }),
    ];
  });
  afterAll(async () => {
    await deleteOperators(t, admin.headers, created);
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = viewer.headers) =>
    t.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const search = async (query: string) => {
    const res = await get(`/operators?q=${encodeURIComponent(tag)}&sort=id${query ? `&${query}` : ''}`);
    expect(res.statusCode).toBe(200);
    return res.json<Page>();
  };
  const ids = (page: Page) => page.items.map((o) => o.id);
  const idsOf = (...indexes: number[]) => indexes.map((i) => ops[i].id).sort();

  describe('reads', () => {
    it('GET /modes: ModeDto[] ordered by id', async () => {
      const modes = (await get('/modes')).json<{ id: string; shortDesc: string; longDesc: string }[]>();
      expect(modes.length).toBeGreaterThanOrEqual(16);
      expect(modes[0]).toEqual({ id: '001', shortDesc: expect.any(String), longDesc: expect.any(String) });
      expect(modes.map((m) => m.id)).toEqual([...modes.map((m) => m.id)].sort());
    });

    it('GET /operators/{id}: the OperatorDto with modes in order and MIPTA URLs', async () => {
      const op = ops[3];
      const res = await get(`/operators/${op.id}`);
      expect(res.statusCode).toBe(200);
      const { modeIds, ...rest } = op;
      expect(res.json()).toEqual({
        ...rest,
        accountsHosted: false,
        modes: modeIds.map((id) => ({ id, shortDesc: expect.any(String) })),
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      expect((await get('/operators/998')).json()).toMatchObject({ statusCode: 404, code: 'OPERATOR_NOT_FOUND' });
      expect((await get('/operators/abc')).json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    });

    it('is open to API clients with operator-info:read, not to anonymous callers', async () => {
      const key = await apiKey(t, admin.headers, ['operator-info:read']);
      expect((await get('/operators', { 'x-api-key': key })).statusCode).toBe(200);
      expect((await get('/modes', { 'x-api-key': key })).statusCode).toBe(200);
      expect((await get('/operators', {})).statusCode).toBe(401);
    });

    it.each<[string, (tagged: string) => string, number[]]>([
      ['q (name contains, case-insensitive)', () => `q=${encodeURIComponent(`${tag} BETA`)}`, [1]],
      ['id (exact 3 digits)', () => '', [0, 1, 2, 3]],
      ['mode (one)', () => 'mode=012', [3]],
      ['mode (all given)', () => 'mode=010&mode=007', [0, 3]],
      ['email', () => 'email=', [0, 1, 2, 3]],
      ['phone', () => 'phone=456789', [0]],
      ['language', () => 'language=CY', [1]],
    ])('filter %s', async (name, query, expected) => {
      // search() narrows to this file's operators with q=tag; the q case sends its own q instead.
      const page = name.startsWith('q ')
        ? (await get(`/operators?${query(tag)}`)).json<Page>()
        : await search(query(tag));
      expect(ids(page)).toEqual(idsOf(...expected));
    });

    it('filters id, email, homepage and mipta each alone', async () => {
      expect(ids(await search(`id=${ops[2].id}`))).toEqual([ops[2].id]);
      expect(ids(await search(`email=${encodeURIComponent(ops[3].email.toUpperCase())}`))).toEqual([ops[3].id]);
      expect(ids(await search(`homepage=${encodeURIComponent(`op${ops[1].id}.example`)}`))).toEqual([ops[1].id]);
      expect(ids(await search(`mipta=${encodeURIComponent(`MIPTA.op${ops[0].id}`)}`))).toEqual([ops[0].id]);
    });

    it('combines every given filter (AND)', async () => {
      expect(ids(await search('mode=010&language=en'))).toEqual(idsOf(0, 2));
      expect(ids(await search('mode=010&language=en&phone=0123'))).toEqual(idsOf(0));
      expect(ids(await search(`mode=007&language=en&id=${ops[3].id}`))).toEqual([]);
    });

    it('LIKE wildcards in input match literally', async () => {
      const names = async (q: string) =>
        (await get(`/operators?pageSize=100&q=${encodeURIComponent(q)}`)).json<Page>().items.map((o) => o.name);
      expect(await names(`${tag} Gamma 50%_off\\`)).toEqual([ops[2].name]);
      for (const wildcard of ['%', '_', '\\']) {
        const found = await names(wildcard);
        expect(found).toContain(ops[2].name);
        for (const name of found) expect(name).toContain(wildcard);
      }
    });

    it('sorts by name (case-insensitive) and id, both directions', async () => {
      const byName = [...ops].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1)).map((o) => o.id);
      const sorted = async (sort: string) =>
        ids((await get(`/operators?q=${encodeURIComponent(tag)}&sort=${sort}`)).json<Page>());
      expect(await sorted('name')).toEqual(byName);
      expect(await sorted('-name')).toEqual([...byName].reverse());
      expect(await sorted('id')).toEqual(idsOf(0, 1, 2, 3));
      expect(await sorted('-id')).toEqual(idsOf(0, 1, 2, 3).reverse());
      expect(ids((await get(`/operators?q=${encodeURIComponent(tag)}`)).json<Page>())).toEqual(byName);
    });

    it('pages with a total; a page beyond the end is empty with the total', async () => {
      const first = await search('pageSize=3');
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3 });
      expect(ids(first)).toEqual(idsOf(0, 1, 2));
      expect(ids(await search('pageSize=3&page=2'))).toEqual(idsOf(3));
      const beyond = await search('pageSize=3&page=9');
      expect(beyond).toEqual({ items: [], total: 4, page: 9, pageSize: 3 });
      const all = (await get('/operators')).json<Page>();
      expect(all.pageSize).toBe(20);
      expect(all.total).toBeGreaterThanOrEqual(35);
    });

    it.each([
      'pageSize=0',
      'pageSize=101',
      'page=0',
      'page=x',
      'sort=name;drop',
      'mode=10',
      'id=abcd',
      'language=eng',
      'color=red',
    ])('bad query %s → 400 VALIDATION_FAILED', async (query) => {
      const res = await get(`/operators?${query}`);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
    });
  });

  describe('export', () => {
    it('CSV: content type, attachment, a header and one row per match, in the requested order', async () => {
      const res = await get(`/operators/export?format=csv&q=${encodeURIComponent(tag)}&sort=-id`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="operators-\d{4}-\d\d-\d\d\.csv"$/);
      const lines = res.body.trim().split('\r\n');
      expect(lines[0]).toBe(
        'id,name,kind,homepage,customerAccountUrl,email,phone,defaultLanguage,modes,miptaUrls,updatedAt',
      );
      expect(lines.slice(1).map((l) => l.slice(0, 3))).toEqual(idsOf(0, 1, 2, 3).reverse());
      expect(lines[4]).toContain('010 train; 007 bus');
    });

    it('JSON: every match (no paging), the same filters as the search', async () => {
      const res = await get(`/operators/export?format=json&q=${encodeURIComponent(tag)}&mode=010&sort=id`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toMatch(/^attachment; filename="operators-.*\.json"$/);
      const body = res.json<OperatorDto[]>();
      expect(body.map((o) => o.id)).toEqual(ids(await search('mode=010')));
      expect(body[0]).toEqual((await get(`/operators/${body[0].id}`)).json());
      const everything = (await get('/operators/export?format=json')).json<OperatorDto[]>();
      expect(everything.length).toBe((await get('/operators')).json<Page>().total);
    });

    it('export filters give the same answers as the search (SQL and in-memory agree, non-ASCII case too)', async () => {
      // Non-ASCII capitals and lower-case letters: the export's SQL LOWER() must fold them as the search does.
      const other = uniqueTag('Obb');
      const obb = await createOperator(t, admin.headers, { name: `ÖBB ${other}` });
      const elodie = await createOperator(t, admin.headers, { name: `élodie Ferries ${other}` });
      created.push(obb.id, elodie.id);
      for (const query of [
        'mode=010&mode=007',
        'language=EN',
        `mipta=op${ops[2].id}`,
        'phone=0123',
        'q=ALPHA',
        'id=9',
        `q=${encodeURIComponent('öbb')}`,
      ]) {
        const fromSql = (await get(`/operators/export?format=json&sort=id&${query}`)).json<OperatorDto[]>();
        const page = (await get(`/operators?pageSize=100&sort=id&${query}`)).json<Page>();
        expect(fromSql.map((o) => o.id)).toEqual(ids(page));
      }
      // Each found by a query in another case, in two orders, in CSV as well as JSON.
      for (const [q, expected] of [
        [`öbb ${other}`, [obb.id]],
        [`ÉLODIE FERRIES ${other}`, [elodie.id]],
        ['öbb', [obb.id]],
      ] as const) {
        for (const sort of ['name', '-id']) {
          const query = `q=${encodeURIComponent(q)}&sort=${sort}`;
          const page = ids((await get(`/operators?pageSize=100&${query}`)).json<Page>());
          const json = (await get(`/operators/export?format=json&${query}`)).json<OperatorDto[]>().map((o) => o.id);
          const csv = (await get(`/operators/export?format=csv&${query}`)).body
            .trim()
            .split('\r\n')
            .slice(1)
            .map((line) => line.slice(0, 3));
          expect(page).toEqual(expect.arrayContaining([...expected]));
          expect({ q, sort, json, csv }).toEqual({ q, sort, json: page, csv: page });
        }
      }
    });

    it('requires a known format', async () => {
      expect((await get('/operators/export')).statusCode).toBe(400);
      expect((await get('/operators/export?format=xml')).statusCode).toBe(400);
    });
  });

  describe('hostile input', () => {
    const payloads = [
      `' OR 1=1 --`,
      '%',
      '_',
      '\\',
      '"; DROP TABLE operators; --',
      'Zürich 東京 🚆',
      "'; DELETE FROM modes; --",
    ];
    const params = ['q', 'id', 'mode', 'email', 'phone', 'homepage', 'language', 'mipta', 'sort', 'page', 'pageSize'];

    it('every query parameter of search and export: 200 or 400 (our error body, no internals), never 500', async () => {
      const errorBody = otiValidators().error;
      const repo = t.app.get(DataSource).getRepository(Operator);
      const before = await repo.count();
      for (const payload of payloads) {
        for (const param of params) {
          for (const path of ['/operators?', '/operators/export?format=json&', '/operators/export?format=csv&']) {
            const res = await get(`${path}${param}=${encodeURIComponent(payload)}`);
            expect({ param, payload, path, status: [200, 400].includes(res.statusCode) }).toEqual({
              param,
              payload,
              path,
              status: true,
            });
            if (res.statusCode !== 200) {
              expect({ param, payload, path, errorBody: errorBody(res.json()) }).toEqual({
                param,
                payload,
                path,
                errorBody: true,
              });
              expect(res.body).not.toMatch(INTERNALS);
            }
            if (
              res.statusCode === 200 &&
              path === '/operators?' &&
              ['q', 'email', 'homepage', 'mipta', 'phone'].includes(param)
            ) {
              const page = res.json<Page>();
              if (payload !== '%' && payload !== '_') expect(page.total).toBe(payload === '\\' ? page.total : 0);
            }
          }
        }
      }
      expect(await repo.count()).toBe(before);
      expect((await get('/modes')).json<unknown[]>().length).toBeGreaterThanOrEqual(16);
    });
  });

  describe('writes', () => {
    it('admin creates, updates and deletes an operator; viewers and API clients cannot write', async () => {
      const payload = operatorPayload(await freeOperatorId(t), { name: uniqueTag('New') });
      const post = (headers: Record<string, string>) =>
        t.inject({ method: 'POST', url: '/api/v1/operators', headers, payload });
      expect((await post(viewer.headers)).json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const key = await apiKey(t, admin.headers, ['operator-info:read']);
      expect((await post({ 'x-api-key': key })).statusCode).toBe(403);
      const res = await post(admin.headers);
      expect(res.statusCode).toBe(201);
      created.push(payload.id);
      expect(res.json()).toMatchObject({ id: payload.id, name: payload.name, miptaUrls: payload.miptaUrls });
      expect((await post(admin.headers)).json()).toMatchObject({ statusCode: 409, code: 'OPERATOR_EXISTS' });

      const patch = await t.inject({
        method: 'PATCH',
        url: `/api/v1/operators/${payload.id}`,
        headers: admin.headers,
        payload: { name: 'Renamed', kind: 'maas', modeIds: ['011', '012'] },
      });
      expect(patch.statusCode).toBe(200);
      expect(patch.json()).toMatchObject({ name: 'Renamed', kind: 'maas', modes: [{ id: '011' }, { id: '012' }] });
      expect((await get(`/operators/${payload.id}`)).json()).toMatchObject({ name: 'Renamed' });
      const viewerPatch = await t.inject({
        method: 'PATCH',
        url: `/api/v1/operators/${payload.id}`,
        headers: viewer.headers,
        payload: { phone: '0123456789' },
      });
      expect(viewerPatch.json()).toMatchObject({ statusCode: 403, code: 'FORBIDDEN' });
      const idChange = await t.inject({
        method: 'PATCH',
        url: `/api/v1/operators/${payload.id}`,
        headers: admin.headers,
        payload: { id: '777' },
      });
      expect(idChange.json()).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });

      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/operators/${payload.id}`, headers: viewer.headers }))
          .statusCode,
      ).toBe(403);
      const del = await t.inject({ method: 'DELETE', url: `/api/v1/operators/${payload.id}`, headers: admin.headers });
      expect(del.statusCode).toBe(204);
      expect((await get(`/operators/${payload.id}`)).statusCode).toBe(404);
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/operators/${payload.id}`, headers: admin.headers })).json(),
      ).toMatchObject({ code: 'OPERATOR_NOT_FOUND' });
    });

    it('an operator user changes only its own operator, and only the allowed fields', async () => {
      const own = ops[1];
      const user = await signIn(t, { role: 'operator', operatorId: own.id });
      const patch = (id: string, payload: object) =>
        t.inject({ method: 'PATCH', url: `/api/v1/operators/${id}`, headers: user.headers, payload });
      const allowed = {
        homepage: 'https://new.example.org/',
        customerAccountUrl: 'https://api.new.example.org/',
        email: 'desk@new.example.org',
        phone: '+44 (0)20 7946-0001',
        defaultLanguage: 'fr',
        modeIds: ['008'],
        miptaUrls: ['https://mipta.new.example.org/', 'https://mipta2.new.example.org/'],
      };
      const ok = await patch(own.id, allowed);
      expect(ok.statusCode).toBe(200);
      const { modeIds: _modes, ...scalars } = allowed;
      expect(ok.json()).toMatchObject({ ...scalars, modes: [{ id: '008', shortDesc: 'tram' }] });

      expect((await patch(own.id, { name: 'Mine now' })).json()).toMatchObject({
        statusCode: 403,
        code: 'FIELD_NOT_ALLOWED',
        details: [expect.objectContaining({ field: 'name' })],
      });
      expect((await patch(own.id, { kind: 'maas', phone: '0123456789' })).json()).toMatchObject({
        code: 'FIELD_NOT_ALLOWED',
      });
      expect((await patch(own.id, { accountsHosted: true })).json()).toMatchObject({
        statusCode: 403,
        code: 'FIELD_NOT_ALLOWED',
        details: [expect.objectContaining({ field: 'accountsHosted' })],
      });
      const other = ops[0];
      expect((await patch(other.id, { phone: '0123456789' })).json()).toMatchObject({
        statusCode: 403,
        code: 'FORBIDDEN',
      });
      expect((await get(`/operators/${other.id}`)).json()).toMatchObject({ phone: other.phone, name: other.name });
      const del = await t.inject({ method: 'DELETE', url: `/api/v1/operators/${own.id}`, headers: user.headers });
      expect(del.statusCode).toBe(403);
    });

    it.each<[string, object]>([
      ['homepage', { homepage: 'javascript:alert(1)' }],
      ['customerAccountUrl', { customerAccountUrl: 'not a url' }],
      ['email', { email: 'nobody@' }],
      ['phone', { phone: '12345' }],
      ['phone', { phone: '0123 456789 ext' }],
      ['defaultLanguage', { defaultLanguage: 'xx' }],
      ['defaultLanguage', { defaultLanguage: 'eng' }],
      ['modeIds', { modeIds: ['10'] }],
      ['modeIds', { modeIds: ['010', '010'] }],
      ['miptaUrls', { miptaUrls: ['ftp://mipta.example.org/'] }],
      ['name', { name: '   ' }],
      ['name', { name: null }],
      ['accountsHosted', { accountsHosted: 'yes' }],
      ['accountsHosted', { accountsHosted: null }],
    ])('validation: bad %s → 400 VALIDATION_FAILED', async (field, body) => {
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/operators/${ops[2].id}`,
        headers: admin.headers,
        payload: body,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: expect.stringContaining(field) })],
      });
    });

    it('validation: 3-digit ids, existing modes', async () => {
      const post = (payload: object) =>
        t.inject({ method: 'POST', url: '/api/v1/operators', headers: admin.headers, payload });
      expect((await post(operatorPayload('12'))).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect((await post(operatorPayload('1234'))).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      const unknownMode = await post(operatorPayload(await freeOperatorId(t), { modeIds: ['999'] }));
      expect(unknownMode.json()).toMatchObject({ statusCode: 400, code: 'UNKNOWN_MODE' });
      expect((await post({ ...operatorPayload(await freeOperatorId(t)), extra: 1 })).json()).toMatchObject({
        code: 'VALIDATION_FAILED',
      });
    });

    describe('mode validation', () => {
      /** A mode only these tests use, so a PATCH that wrongly passed could not change a seed mode. */
      let modeId: string;
      const valid = { shortDesc: 'hovercraft', longDesc: 'air cushion' };
      beforeAll(async () => {
        modeId = await freeModeId(t);
        const res = await t.inject({
          method: 'POST',
          url: '/api/v1/modes',
          headers: admin.headers,
          payload: { id: modeId, ...valid },
        });
        expect(res.statusCode).toBe(201);
      });
      afterAll(async () => {
        await t.inject({ method: 'DELETE', url: `/api/v1/modes/${modeId}`, headers: admin.headers });
      });

      const expectNamed = async (res: Awaited<ReturnType<typeof get>>, field: string) => {
        const body = res.json<{ statusCode: number; code: string; details?: { field?: string }[] }>();
        expect(body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
        // Every detail names the bad field (a wrong type fails more than one of its rules).
        expect(new Set(body.details?.map((d) => d.field))).toEqual(new Set([field]));
        // Nothing was stored: the mode keeps its values, and no mode with a bad id appeared.
        expect((await get('/modes')).json<{ id: string }[]>().filter((m) => !/^\d{3}$/.test(m.id))).toEqual([]);
        expect((await get('/modes')).json()).toContainEqual({ id: modeId, ...valid });
      };

      it.each<[string, string, object]>([
        ['id', "'1'", { id: '1' }],
        ['id', "'0001'", { id: '0001' }],
        ['id', "'abc'", { id: 'abc' }],
        ['id', 'a number', { id: 17 }],
        ['id', 'missing', { id: undefined }],
        ['shortDesc', 'blank', { shortDesc: '   ' }],
        ['shortDesc', 'empty', { shortDesc: '' }],
        ['shortDesc', '101 characters', { shortDesc: 'x'.repeat(101) }],
        ['shortDesc', 'missing', { shortDesc: undefined }],
        ['longDesc', 'blank', { longDesc: ' ' }],
        ['longDesc', '501 characters', { longDesc: 'x'.repeat(501) }],
        ['longDesc', 'a number', { longDesc: 42 }],
      ])('POST /modes: %s %s → 400 VALIDATION_FAILED naming it', async (field, _label, body) => {
        const payload = { id: await freeModeId(t), ...valid, ...body };
        const res = await t.inject({ method: 'POST', url: '/api/v1/modes', headers: admin.headers, payload });
        await expectNamed(res, field);
        if (typeof payload.id === 'string' && /^\d{3}$/.test(payload.id))
          expect((await get('/modes')).json<{ id: string }[]>().map((m) => m.id)).not.toContain(payload.id);
      });

      it.each<[string, string, object]>([
        ['shortDesc', 'empty', { shortDesc: '' }],
        ['shortDesc', 'blank', { shortDesc: '  ' }],
        ['shortDesc', '101 characters', { shortDesc: 'x'.repeat(101) }],
        ['shortDesc', 'a number', { shortDesc: 7 }],
        ['shortDesc', 'null', { shortDesc: null }],
        ['longDesc', 'null', { longDesc: null }],
        ['longDesc', 'a tab only', { longDesc: '\t' }],
        ['longDesc', '501 characters', { longDesc: 'x'.repeat(501) }],
        ['id', 'given (ids never change)', { id: '017' }],
      ])('PATCH /modes/{id}: %s %s → 400 VALIDATION_FAILED naming it', async (field, _label, payload) => {
        const res = await t.inject({
          method: 'PATCH',
          url: `/api/v1/modes/${modeId}`,
          headers: admin.headers,
          payload,
        });
        await expectNamed(res, field);
      });

      it('accepts the longest values and trims them', async () => {
        const longest = { shortDesc: 's'.repeat(100), longDesc: 'l'.repeat(500) };
        const res = await t.inject({
          method: 'PATCH',
          url: `/api/v1/modes/${modeId}`,
          headers: admin.headers,
          payload: { shortDesc: ` ${longest.shortDesc} `, longDesc: longest.longDesc },
        });
        expect(res.json()).toEqual({ id: modeId, ...longest });
        const back = await t.inject({
          method: 'PATCH',
          url: `/api/v1/modes/${modeId}`,
          headers: admin.headers,
          payload: valid,
        });
        expect(back.statusCode).toBe(200);
      });
    });

    it('modes: admin creates, updates and deletes; a mode in use cannot be deleted', async () => {
      const id = '0' + String(50 + Math.floor(Math.random() * 49));
      const post = (headers: Record<string, string>) =>
        t.inject({
          method: 'POST',
          url: '/api/v1/modes',
          headers,
          payload: { id, shortDesc: 'hovercraft', longDesc: 'air cushion' },
        });
      expect((await post(viewer.headers)).statusCode).toBe(403);
      expect((await post(admin.headers)).statusCode).toBe(201);
      expect((await post(admin.headers)).json()).toMatchObject({ code: 'MODE_EXISTS' });
      const patch = await t.inject({
        method: 'PATCH',
        url: `/api/v1/modes/${id}`,
        headers: admin.headers,
        payload: { shortDesc: 'hover' },
      });
      expect(patch.json()).toEqual({ id, shortDesc: 'hover', longDesc: 'air cushion' });
      const user = await createOperator(t, admin.headers, { modeIds: [id] });
      created.push(user.id);
      expect((await get(`/operators/${user.id}`)).json()).toMatchObject({ modes: [{ id, shortDesc: 'hover' }] });
      const inUse = await t.inject({ method: 'DELETE', url: `/api/v1/modes/${id}`, headers: admin.headers });
      expect(inUse.json()).toMatchObject({ statusCode: 409, code: 'MODE_IN_USE' });
      await deleteOperators(t, admin.headers, [user.id]);
      expect(
        (await t.inject({ method: 'DELETE', url: `/api/v1/modes/${id}`, headers: admin.headers })).statusCode,
      ).toBe(204);
      expect(
        (await t.inject({ method: 'PATCH', url: `/api/v1/modes/${id}`, headers: admin.headers, payload: {} })).json(),
      ).toMatchObject({
        code: 'MODE_NOT_FOUND',
      });
    });

    it('every change emits a domain event with actor, before, after and time (operators and modes)', async () => {
      const events: DomainEvent<Record<string, unknown>>[] = [];
      const emitter = t.app.get(EventEmitter2);
      const listener = (event: DomainEvent<Record<string, unknown>>) => events.push(event);
      const types = ['created', 'updated', 'deleted'].flatMap((change) => [`operator.${change}`, `mode.${change}`]);
      for (const type of types) emitter.on(type, listener);
      try {
        const op = await createOperator(t, admin.headers, { name: uniqueTag('Evt') });
        await t.inject({
          method: 'PATCH',
          url: `/api/v1/operators/${op.id}`,
          headers: admin.headers,
          payload: { phone: '0999 111222' },
        });
        await deleteOperators(t, admin.headers, [op.id]);
        const actor = { kind: 'user', id: admin.user.id, role: 'admin' };
        expect(events).toEqual([
          {
            type: 'operator.created',
            actor,
            entity: 'operator',
            entityId: op.id,
            before: null,
            after: expect.objectContaining({ id: op.id, name: op.name }),
            at: expect.any(String),
          },
          {
            type: 'operator.updated',
            actor,
            entity: 'operator',
            entityId: op.id,
            before: expect.objectContaining({ phone: op.phone }),
            after: expect.objectContaining({ phone: '0999 111222' }),
            at: expect.any(String),
          },
          {
            type: 'operator.deleted',
            actor,
            entity: 'operator',
            entityId: op.id,
            before: expect.objectContaining({ phone: '0999 111222' }),
            after: null,
            at: expect.any(String),
          },
        ]);
        expect(new Date(events[0].at).toISOString()).toBe(events[0].at);

        events.length = 0;
        const mode = { id: await freeModeId(t), shortDesc: 'funicular', longDesc: 'cable-hauled railway' };
        const write = (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
          t.inject({ method, url: `/api/v1${url}`, headers: admin.headers, payload });
        expect((await write('POST', '/modes', mode)).statusCode).toBe(201);
        expect((await write('PATCH', `/modes/${mode.id}`, { longDesc: 'rope-hauled railway' })).statusCode).toBe(200);
        expect((await write('DELETE', `/modes/${mode.id}`)).statusCode).toBe(204);
        const changed = { ...mode, longDesc: 'rope-hauled railway' };
        const modeEvent = (type: string, before: object | null, after: object | null) => ({
          type,
          actor,
          entity: 'mode',
          entityId: mode.id,
          before,
          after,
          at: expect.any(String),
        });
        expect(events).toEqual([
          modeEvent('mode.created', null, mode),
          modeEvent('mode.updated', mode, changed),
          modeEvent('mode.deleted', changed, null),
        ]);
        expect(new Date(events[2].at).toISOString()).toBe(events[2].at);
      } finally {
        for (const type of types) emitter.off(type, listener);
      }
    });
  });
});
