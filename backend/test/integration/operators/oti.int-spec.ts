import type { ValidateFunction } from 'ajv';
import { RELS } from '../../../src/database/seed/catalogue-importer';
import { seedCatalogue } from '../../../src/database/seed/catalogue';
import { CATALOGUE_METADATA } from '../../../src/modules/operators/oti-catalogue';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, signIn, SignedIn } from '../auth/support/auth-fixtures';
import {
  apiKey,
  createOperator,
  deleteOperators,
  INTERNALS,
  otiValidators,
  uniqueTag,
} from './support/operator-fixtures';

interface RelVal {
  rel: string;
  val: string;
}
interface Catalogue {
  'catalogue-metadata': RelVal[];
  items: { href: string; 'item-metadata': RelVal[] }[];
}

const idOf = (item: Catalogue['items'][number]) => item['item-metadata'].find((m) => m.rel === RELS.id)?.val;

describe('OTI operator-info API 1.1.0 (/api/oti/v1)', () => {
  let t: TestApp;
  let admin: SignedIn;
  let viewer: SignedIn;
  let keyHeaders: Record<string, string>;
  const validate = otiValidators();
  /** The spec's schema for a 200 on each path. */
  const specSchemas: Record<string, ValidateFunction | undefined> = {
    '/mode': validate.mode,
    '/operator': validate.operator,
    '/cat': validate.catalogue,
  };
  const created: string[] = [];

  beforeAll(async () => {
    t = await createAuthTestApp();
    admin = await signIn(t, { role: 'admin' });
    viewer = await signIn(t, { role: 'viewer' });
    keyHeaders = { 'x-api-key': await apiKey(t, admin.headers, ['operator-info:read']) };
  });
  afterAll(async () => {
    await deleteOperators(t, admin.headers, created);
    await t?.close();
  });

  /**
   * A GET whose answer is always checked against the spec: a 200 against the schema of its path (`/mode`, `/operator`,
   * `/cat`), any other status against our error body, which must not show internals either. No answer escapes.
   */
  async function get(url: string, headers: Record<string, string> = viewer.headers) {
    const res = await t.inject({ method: 'GET', url: `/api/oti/v1${url}`, headers });
    const schema = res.statusCode === 200 ? specSchemas[url.split('?')[0]] : validate.error;
    if (!schema) throw new Error(`no schema for a 200 on ${url}`);
    // Ajv leaves `errors` null when the body is valid; on failure the object names the URL, status and errors.
    expect({ url, status: res.statusCode, valid: schema(res.json()), errors: schema.errors }).toEqual({
      url,
      status: res.statusCode,
      valid: true,
      errors: null,
    });
    if (res.statusCode !== 200) expect(res.body).not.toMatch(INTERNALS);
    return res;
  }

  function expectBadInput(res: Awaited<ReturnType<typeof get>>) {
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'BAD_INPUT_PARAMETER', statusCode: 400 });
  }

  describe('auth', () => {
    it.each(['/mode', '/operator', '/cat'])('GET %s without credentials → 401 with WWW-Authenticate', async (path) => {
      const res = await get(path, {});
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
    });

    it('admits staff JWTs and API keys with operator-info:read; refuses keys without it', async () => {
      expect((await get('/mode', admin.headers)).statusCode).toBe(200);
      expect((await get('/operator', keyHeaders)).statusCode).toBe(200);
      const other = { 'x-api-key': await apiKey(t, admin.headers, ['account-linking:write'], '029') };
      const res = await get('/operator', other);
      expect(res.statusCode).toBe(403);
    });
  });

  describe('GET /mode', () => {
    it('answers the modes in the spec shape (kebab-case), ordered by id', async () => {
      const res = await get('/mode');
      expect(res.statusCode).toBe(200);
      const body = res.json<{ id: string; 'short-desc': string; 'long-desc': string }[]>();
      const seedModes = seedCatalogue().modes;
      for (const mode of seedModes) {
        expect(body).toContainEqual({ id: mode.id, 'short-desc': mode.shortDesc, 'long-desc': mode.longDesc });
      }
      expect(body.map((m) => m.id)).toEqual([...body.map((m) => m.id)].sort());
    });

    it('refuses any query parameter', async () => {
      expectBadInput(await get('/mode?x=1'));
    });
  });

  describe('GET /operator', () => {
    it('answers one PAS 212 catalogue valid against the spec, items ordered by id, metadata in order', async () => {
      const res = await get('/operator');
      expect(res.statusCode).toBe(200);
      const body = res.json<Catalogue[]>();
      expect(body).toHaveLength(1);
      expect(body[0]['catalogue-metadata']).toEqual(CATALOGUE_METADATA);
      const ids = body[0].items.map(idOf);
      expect(ids).toEqual([...ids].sort());
      const seed = seedCatalogue().operators;
      expect(ids).toEqual(expect.arrayContaining(seed.map((o) => o.id)));

      const seeded = seed.find((o) => o.modeIds.length > 1)!;
      const item = body[0].items.find((i) => idOf(i) === seeded.id)!;
      // 000 has demo customers, so its accounts are hosted here: the href is this hub's customer-account API.
      expect(seeded.id).toBe('000');
      expect(item.href).toBe(`${t.config.publicUrl}/api/oti/v1/accounts/000`);
      const modes = seedCatalogue().modes;
      expect(item['item-metadata']).toEqual([
        { rel: RELS.name, val: seeded.name },
        { rel: RELS.homepage, val: seeded.homepage },
        { rel: RELS.id, val: seeded.id },
        { rel: RELS.email, val: seeded.email },
        { rel: RELS.phone, val: seeded.phone },
        { rel: RELS.defaultLanguage, val: seeded.defaultLanguage },
        { rel: RELS.numberModes, val: String(seeded.modeIds.length) },
        ...seeded.modeIds.flatMap((code, i) => [
          { rel: `urn:X-opentransport:rels:hasMode${i + 1}#Code`, val: code },
          {
            rel: `urn:X-opentransport:rels:hasMode${i + 1}#Description`,
            val: modes.find((m) => m.id === code)!.shortDesc,
          },
        ]),
        { rel: RELS.numberMiptaUrls, val: String(seeded.miptaUrls.length) },
        ...seeded.miptaUrls.map((url) => ({ rel: RELS.miptaUrl, val: url })),
      ]);
      for (const meta of body[0].items.flatMap((i) => i['item-metadata'])) expect(typeof meta.val).toBe('string');
    });

    it('filterString: a 3-digit id gives exactly that operator', async () => {
      const seed = seedCatalogue().operators[5];
      const body = (await get(`/operator?filterString=${seed.id}`)).json<Catalogue[]>();
      expect(body[0].items.map(idOf)).toEqual([seed.id]);
      expect((await get('/operator?filterString=998')).json<Catalogue[]>()[0].items).toEqual([]);
    });

    it('filterString: other text matches the name or any metadata value, case-insensitively', async () => {
      const tag = uniqueTag('Name');
      const byName = await createOperator(t, admin.headers, { name: `${tag} Rail` });
      const byEmail = await createOperator(t, admin.headers, { email: `${tag.toLowerCase()}@example.org` });
      created.push(byName.id, byEmail.id);
      const body = (await get(`/operator?filterString=${encodeURIComponent(tag.toUpperCase())}`)).json<Catalogue[]>();
      expect(body[0].items.map(idOf)).toEqual([byName.id, byEmail.id].sort());
      expect((await get('/operator?filterString=')).json<Catalogue[]>()[0].items.length).toBeGreaterThan(30);
    });

    it('href: the published URL for other operators, this hub for hosted ones (and follows accountsHosted)', async () => {
      const items = (await get('/operator')).json<Catalogue[]>()[0].items;
      const hrefOf = (id: string) => items.find((i) => idOf(i) === id)?.href;
      const published = seedCatalogue().operators.find((o) => o.id === '005')!;
      expect(hrefOf('005')).toBe(published.customerAccountUrl);
      for (const hosted of ['029', '030']) expect(hrefOf(hosted)).toBe(`http://hub.test/api/oti/v1/accounts/${hosted}`);

      const op = await createOperator(t, admin.headers, { accountsHosted: true });
      created.push(op.id);
      const hubUrl = `http://hub.test/api/oti/v1/accounts/${op.id}`;
      const byHref = await get(`/cat?href=${encodeURIComponent(hubUrl)}`);
      expect(byHref.json<Catalogue>().items.map(idOf)).toEqual([op.id]);
      const patch = await t.inject({
        method: 'PATCH',
        url: `/api/v1/operators/${op.id}`,
        headers: admin.headers,
        payload: { accountsHosted: false },
      });
      expect(patch.json()).toMatchObject({ accountsHosted: false, customerAccountUrl: op.customerAccountUrl });
      const after = (await get(`/operator?filterString=${op.id}`)).json<Catalogue[]>();
      expect(after[0].items[0].href).toBe(op.customerAccountUrl);
    });

    it('unknown or repeated parameters → 400 BAD_INPUT_PARAMETER', async () => {
      expectBadInput(await get('/operator?filterstring=x'));
      expectBadInput(await get('/operator?filterString=a&filterString=b'));
      expectBadInput(await get('/operator?filterString=a&limit=3'));
    });
  });

  describe('GET /cat (Hypercat simple search)', () => {
    it('rel+val match the same pair; each operator once; ordered by id; valid catalogue', async () => {
      const res = await get(`/cat?rel=${encodeURIComponent('urn:X-opentransport:rels:hasMode1#Code')}&val=010`);
      expect(res.statusCode).toBe(200);
      const body = res.json<Catalogue>();
      const expected = seedCatalogue()
        .operators.filter((o) => o.modeIds[0] === '010')
        .map((o) => o.id);
      const ids = body.items.map(idOf);
      expect(ids).toEqual(expect.arrayContaining(expected));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual([...ids].sort());
    });

    it('val alone matches any pair, without duplicates (an operator with the value twice appears once)', async () => {
      const tag = uniqueTag('dup');
      const op = await createOperator(t, admin.headers, {
        name: tag,
        email: `${tag}@example.org`,
        miptaUrls: [`https://mipta.${tag}.example.org/`],
      });
      created.push(op.id);
      const twice = await createOperator(t, admin.headers, { name: '007', modeIds: ['007', '008'] });
      created.push(twice.id);
      const body = (await get('/cat?val=007')).json<Catalogue>();
      const ids = body.items.map(idOf);
      expect(ids.filter((id) => id === twice.id)).toHaveLength(1);
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('rel and val must hold on the same pair; href must match exactly; all given must hold', async () => {
      const seed = seedCatalogue().operators[3];
      // hasId with the operator's phone: no pair has both.
      expect((await get(`/cat?rel=${encodeURIComponent(RELS.id)}&val=${seed.phone}`)).json<Catalogue>().items).toEqual(
        [],
      );
      const byHref = (await get(`/cat?href=${encodeURIComponent(seed.customerAccountUrl)}`)).json<Catalogue>();
      expect(byHref.items.map(idOf)).toEqual([seed.id]);
      const both = await get(
        `/cat?href=${encodeURIComponent(seed.customerAccountUrl)}&rel=${encodeURIComponent(RELS.id)}&val=${seed.id}`,
      );
      expect(both.json<Catalogue>().items.map(idOf)).toEqual([seed.id]);
      const mismatch = await get(`/cat?href=${encodeURIComponent(seed.customerAccountUrl)}&val=nothing-${uniqueTag()}`);
      expect(mismatch.json<Catalogue>().items).toEqual([]);
      expect(
        (await get(`/cat?href=${encodeURIComponent(seed.customerAccountUrl + 'x')}`)).json<Catalogue>().items,
      ).toEqual([]);
    });

    it('unknown or repeated parameters → 400', async () => {
      expectBadInput(await get('/cat?val=1&val=2'));
      expectBadInput(await get('/cat?value=1'));
    });
  });

  it.each([`' OR 1=1 --`, '%', '_', '\\', '"; DROP TABLE operators; --', 'Zürich 東京 🚆', '%00', 'a'.repeat(501)])(
    'hostile input %p in every parameter → 200 or 400 (our error body, no internals), never 500',
    async (payload) => {
      const value = encodeURIComponent(payload);
      for (const url of [
        `/operator?filterString=${value}`,
        `/cat?rel=${value}`,
        `/cat?val=${value}`,
        `/cat?href=${value}`,
      ]) {
        // get() has checked the body against the spec, or against our error body without internals.
        const res = await get(url);
        expect([200, 400]).toContain(res.statusCode);
        if (res.statusCode !== 200) expect(res.body).not.toMatch(INTERNALS);
      }
      expect((await get('/operator')).json<Catalogue[]>()[0].items.length).toBeGreaterThan(30);
    },
  );

  it('is documented in Swagger under "OTI operator-info"', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/docs-json' });
    const doc = res.json<{ paths: Record<string, { get?: { tags?: string[] } }> }>();
    for (const path of ['/api/oti/v1/mode', '/api/oti/v1/operator', '/api/oti/v1/cat']) {
      expect(doc.paths[path]?.get?.tags).toContain('OTI operator-info');
    }
  });
});
