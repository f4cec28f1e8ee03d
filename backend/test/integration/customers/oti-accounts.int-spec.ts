import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Response as InjectResponse } from 'light-my-request';
import type { CustomerAccessedEvent } from '../../../src/modules/events/domain-events';
import type { Customer } from '../../../src/modules/customers/entities/customer.entity';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import { otiValidators } from '../operators/support/operator-fixtures';
import {
  concessionRow,
  createCustomerWorld,
  CustomerWorld,
  insertCustomer,
  insertRecords,
  purchaseRow,
  usageRow,
} from './support/customer-fixtures';
import { keysDeep, openApiValidators } from './support/openapi-validators';

type Row = Record<string, unknown> & { id: number };
const KEBAB = /^[a-z]+(-[a-z]+)*$/;

describe('OTI customer-account API (/api/oti/v1/accounts/{operatorId})', () => {
  let t: TestApp;
  let w: CustomerWorld;
  let schemas: Awaited<ReturnType<typeof openApiValidators<'OtiPurchaseDto' | 'OtiConcessionDto' | 'OtiUsageDto'>>>;
  const errorBody = otiValidators().error;
  /** A's customer with one record of each kind in a known period: 2026-05-10 00:00:00Z – 23:59:59Z. */
  let edge: Customer;
  /** A's customer with 7 purchases on 7 days (newest first: day 7 … day 1), two sharing a start time. */
  let paged: Customer;
  let pagedIds: number[];
  /** A's customer with 55 usages (more than the default limit). */
  let many: Customer;

  beforeAll(async () => {
    t = await createAuthTestApp();
    w = await createCustomerWorld(t);
    schemas = await openApiValidators(t, ['OtiPurchaseDto', 'OtiConcessionDto', 'OtiUsageDto'] as const);

    edge = await insertCustomer(t, w.a);
    const from = '2026-05-10T00:00:00.000Z';
    const to = '2026-05-10T23:59:59.000Z';
    await insertRecords(t, [purchaseRow(edge, from, to, { accountBalance: { amount: 1250, currency: 'GBP' } })]);
    await insertRecords(t, [
      concessionRow(edge, from, to, {
        discount: { type: 'amount', value: 250, description: '£2.50 off each single crossing' },
      }),
    ]);
    await insertRecords(t, [usageRow(edge, from, to)]);

    paged = await insertCustomer(t, w.a);
    const days = [1, 2, 3, 4, 5, 6, 6].map((d) => `2026-02-0${d}T08:00:00.000Z`);
    const rows = await insertRecords(
      t,
      days.map((d) => purchaseRow(paged, d, d.replace('08:00', '20:00'))),
    );
    // Newest start first; the two on day 6 by id, higher first.
    pagedIds = [rows[6].id, rows[5].id, rows[4].id, rows[3].id, rows[2].id, rows[1].id, rows[0].id];

    many = await insertCustomer(t, w.a);
    await insertRecords(
      t,
      Array.from({ length: 55 }, (_, i) => {
        const start = new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
        return usageRow(many, start, start);
      }),
    );
  });

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = w.admin.headers) =>
    t.inject({ method: 'GET', url: `/api/oti/v1/accounts${url}`, headers });
  const rowsOf = (res: InjectResponse) => {
    expect(res.statusCode).toBe(200);
    return res.json<Row[]>();
  };
  const expectError = (res: InjectResponse, status: number, code: string) => {
    expect({ status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({ status, code });
    expect(errorBody(res.json())).toBe(true);
  };

  describe('shapes', () => {
    it('purchase: a JSON array of kebab-case records, as documented in Swagger; decimal strings, UTC times', async () => {
      const rows = rowsOf(await get(`/${w.a}/purchase?filterString=${edge.customerId}`));
      expect(rows).toHaveLength(1);
      const [p] = rows;
      expect(schemas.OtiPurchaseDto(p)).toBe(true);
      // The validators are strict: undocumented or missing keys fail.
      expect(schemas.OtiPurchaseDto({ ...p, customerPk: 1 })).toBe(false);
      expect(schemas.OtiPurchaseDto({ ...p, 'travel-valid-to': undefined })).toBe(false);
      expect(schemas.OtiPurchaseDto({ ...p, transaction: { ...(p.transaction as object), extra: 1 } })).toBe(false);
      for (const key of keysDeep(rows)) expect(key).toMatch(KEBAB);
      expect(p).toMatchObject({
        mode: { id: '007', name: 'bus' },
        operator: { id: w.a },
        'travel-valid-from': '2026-05-10T00:00:00.000Z',
        'travel-valid-to': '2026-05-10T23:59:59.000Z',
        'booking-time': '2026-05-10T00:00:00.000Z',
        transaction: { price: { amount: '8.70', currency: 'GBP' }, 'payment-type': 'purchase' },
        'account-balance': { amount: '12.50', currency: 'GBP' },
        ticket: { 'number-of-usages': null, 'reference-type': 'barcode' },
        'location-from': { naptan: '1100DEA12345', 'lat-long': { latitude: 50.72, longitude: -3.53 }, accuracy: 10 },
        'location-to': { other: 'Exeter St Davids' },
      });
      expect(JSON.stringify(p)).not.toMatch(/customerPk|customer_pk|customer-pk/);
    });

    it('concession and usage: documented kebab-case records', async () => {
      const [c] = rowsOf(await get(`/${w.a}/concession?filterString=${edge.customerId}`));
      expect(schemas.OtiConcessionDto(c)).toBe(true);
      expect(c).toMatchObject({
        'valid-from': '2026-05-10T00:00:00.000Z',
        price: { amount: '10.00', currency: 'GBP' },
        discount: { type: 'amount', value: '2.50' },
      });
      const [u] = rowsOf(await get(`/${w.a}/usage?filterString=${edge.customerId}`));
      expect(schemas.OtiUsageDto(u)).toBe(true);
      expect(u).toMatchObject({
        'travel-from': { time: '2026-05-10T00:00:00.000Z', location: { naptan: '1100DEA12345' }, reference: 'S1' },
        'travel-to': { time: '2026-05-10T23:59:59.000Z', location: null },
        'purchase-id': null,
        'pre-paid': false,
        price: { amount: '2.50', currency: 'GBP' },
        services: [{ type: 'bike space', unit: 'bike', amount: 1, price: { amount: '1.00', currency: 'GBP' } }],
      });
      for (const key of keysDeep([c, u])) expect(key).toMatch(KEBAB);
    });

    it('serves the demo data: PSD Buses (029) and PSD Ferries (030) customer C000001', async () => {
      for (const operatorId of ['029', '030']) {
        for (const [path, schema] of [
          ['purchase', schemas.OtiPurchaseDto],
          ['concession', schemas.OtiConcessionDto],
          ['usage', schemas.OtiUsageDto],
        ] as const) {
          const rows = rowsOf(await get(`/${operatorId}/${path}?filterString=C000001`));
          expect(rows.length).toBeGreaterThan(0);
          for (const row of rows)
            expect({ path, valid: schema(row), errors: schema.errors }).toMatchObject({ valid: true });
        }
      }
    });

    it('a known customer without records in the window: 200 []', async () => {
      expect(rowsOf(await get(`/${w.a}/purchase?filterString=${w.customerA.customerId}`))).toEqual([]);
    });

    it('is documented in Swagger under "OTI customer-account", read-only', async () => {
      const doc = (await t.inject({ method: 'GET', url: '/api/docs-json' })).json<{
        paths: Record<string, Record<string, { tags?: string[]; parameters?: { name: string; required?: boolean }[] }>>;
      }>();
      for (const path of ['purchase', 'concession', 'usage']) {
        const item = doc.paths[`/api/oti/v1/accounts/{operatorId}/${path}`];
        expect(Object.keys(item)).toEqual(['get']);
        expect(item.get.tags).toContain('OTI customer-account');
        expect(item.get.parameters).toContainEqual(expect.objectContaining({ name: 'filterString', required: true }));
      }
      const usage = doc.paths['/api/oti/v1/accounts/{operatorId}/usage'].get.parameters!.map((p) => p.name);
      expect(usage).toEqual(expect.arrayContaining(['usage-occurred-during-from', 'usage-occured-during-to']));
    });

    it.each(['POST', 'PUT', 'PATCH', 'DELETE'] as const)(
      '%s on a record path is no route (404), never a write',
      async (method) => {
        const res = await t.inject({
          method,
          url: `/api/oti/v1/accounts/${w.a}/purchase?filterString=${edge.customerId}`,
          headers: w.admin.headers,
          payload: {},
        });
        expectError(res, 404, 'ROUTE_NOT_FOUND');
        expect(rowsOf(await get(`/${w.a}/purchase?filterString=${edge.customerId}`))).toHaveLength(1);
      },
    );
  });

  describe('statuses', () => {
    it('no credentials → 401; viewer → 403 FORBIDDEN; a key without customer-account:read → 403 FORBIDDEN', async () => {
      expectError(await get(`/${w.a}/purchase?filterString=${edge.customerId}`, {}), 401, 'UNAUTHENTICATED');
      expectError(await get(`/${w.a}/purchase?filterString=${edge.customerId}`, w.viewer.headers), 403, 'FORBIDDEN');
      expectError(await get(`/${w.a}/usage?filterString=${edge.customerId}`, w.clientInfo), 403, 'FORBIDDEN');
    });

    it('unknown customer → 404 CUSTOMER_NOT_FOUND (never 500), for every kind', async () => {
      for (const path of ['purchase', 'concession', 'usage']) {
        expectError(await get(`/${w.a}/${path}?filterString=NOPE-${edge.customerId}`), 404, 'CUSTOMER_NOT_FOUND');
      }
    });

    it('an operator not hosted here → 404 OPERATOR_NOT_FOUND for admins (unknown id too), 403 for others', async () => {
      expectError(
        await get(`/${w.notHosted}/purchase?filterString=${w.customerNotHosted.customerId}`),
        404,
        'OPERATOR_NOT_FOUND',
      );
      expectError(await get(`/998/purchase?filterString=C000001`), 404, 'OPERATOR_NOT_FOUND');
      expectError(
        await get(`/${w.notHosted}/purchase?filterString=${w.customerNotHosted.customerId}`, w.userA.headers),
        403,
        'CUSTOMER_ACCESS_DENIED',
      );
    });

    it('filterString is required: missing or blank → 400 BAD_INPUT_PARAMETER (no dump of every customer)', async () => {
      for (const path of ['purchase', 'concession', 'usage']) {
        expectError(await get(`/${w.a}/${path}`), 400, 'BAD_INPUT_PARAMETER');
        expectError(await get(`/${w.a}/${path}?filterString=`), 400, 'BAD_INPUT_PARAMETER');
      }
    });

    it.each([
      ['unknown parameter', 'filterString=X&customer=1'],
      ['wrong case', 'filterstring=X'],
      ['repeated filterString', 'filterString=X&filterString=Y'],
      ['repeated limit', 'filterString=X&limit=1&limit=2'],
      ['another kind’s window', 'filterString=X&usage-occurred-during-from=2026-01-01'],
      ['limit 0', 'filterString=X&limit=0'],
      ['limit 501', 'filterString=X&limit=501'],
      ['limit not a number', 'filterString=X&limit=ten'],
      ['negative skip', 'filterString=X&skip=-1'],
      ['fractional skip', 'filterString=X&skip=1.5'],
      ['bad date', 'filterString=X&travel-valid-during-from=2026-02-30'],
      ['date-time without offset', 'filterString=X&travel-valid-during-to=2026-02-01T10:00:00'],
      ['from after to', 'filterString=X&travel-valid-during-from=2026-02-02&travel-valid-during-to=2026-02-01'],
    ])('%s → 400 BAD_INPUT_PARAMETER', async (_name, query) => {
      expectError(await get(`/${w.a}/purchase?${query}`), 400, 'BAD_INPUT_PARAMETER');
    });

    it('a malformed operator id in the path → 400 BAD_INPUT_PARAMETER', async () => {
      expectError(await get(`/29/purchase?filterString=C000001`), 400, 'BAD_INPUT_PARAMETER');
      expectError(await get(`/abc/usage?filterString=C000001`), 400, 'BAD_INPUT_PARAMETER');
    });
  });

  describe('date windows: a record is returned when its period overlaps the window, edges included', () => {
    // The records of `edge` run 2026-05-10T00:00:00Z – 2026-05-10T23:59:59Z.
    const cases: [string, string, string | undefined, boolean][] = [
      ['to: the day before (ends 23:59:59.999Z)', 'to', '2026-05-09', false],
      ['to: one millisecond before the start', 'to', '2026-05-09T23:59:59.999Z', false],
      ['to: exactly the start', 'to', '2026-05-10T00:00:00Z', true],
      ['to: the start given with an offset', 'to', '2026-05-10T01:00:00+01:00', true],
      ['to: the start day', 'to', '2026-05-10', true],
      ['from: the end day', 'from', '2026-05-10', true],
      ['from: exactly the end', 'from', '2026-05-10T23:59:59Z', true],
      ['from: one millisecond after the end', 'from', '2026-05-10T23:59:59.001Z', false],
      ['from: the end, with an offset', 'from', '2026-05-11T00:59:59+01:00', true],
      ['from: the day after', 'from', '2026-05-11', false],
    ];
    const windowParams: Record<string, { from: string[]; to: string[] }> = {
      purchase: { from: ['travel-valid-during-from'], to: ['travel-valid-during-to'] },
      concession: { from: ['concession-valid-during-from'], to: ['concession-valid-during-to'] },
      usage: {
        from: ['usage-occurred-during-from', 'usage-occured-during-from'],
        to: ['usage-occurred-during-to', 'usage-occured-during-to'],
      },
    };

    it.each(cases)('%s', async (_name, edgeName, value, expected) => {
      for (const [path, params] of Object.entries(windowParams)) {
        for (const param of params[edgeName as 'from' | 'to']) {
          const rows = rowsOf(
            await get(`/${w.a}/${path}?filterString=${edge.customerId}&${param}=${encodeURIComponent(value!)}`),
          );
          expect({ path, param, value, found: rows.length }).toEqual({ path, param, value, found: expected ? 1 : 0 });
        }
      }
    });

    it('a window inside the period, and a one-day window on it, find the record', async () => {
      for (const [path, params] of Object.entries(windowParams)) {
        const inside = `${params.from[0]}=2026-05-10T12:00:00Z&${params.to[0]}=2026-05-10T12:00:00Z`;
        expect(rowsOf(await get(`/${w.a}/${path}?filterString=${edge.customerId}&${inside}`))).toHaveLength(1);
        const day = `${params.from.at(-1)}=2026-05-10&${params.to.at(-1)}=2026-05-10`;
        expect(rowsOf(await get(`/${w.a}/${path}?filterString=${edge.customerId}&${day}`))).toHaveLength(1);
      }
    });

    it('an unencoded + in the offset (a space on arrival) is read as +', async () => {
      const rows = rowsOf(
        await get(
          `/${w.a}/purchase?filterString=${edge.customerId}&travel-valid-during-from=2026-05-11T00:59:59+01:00`,
        ),
      );
      expect(rows).toHaveLength(1);
    });

    it('both spellings for one edge → 400', async () => {
      expectError(
        await get(
          `/${w.a}/usage?filterString=${edge.customerId}&usage-occurred-during-to=2026-05-10&usage-occured-during-to=2026-05-10`,
        ),
        400,
        'BAD_INPUT_PARAMETER',
      );
    });
  });

  describe('limit and skip', () => {
    const ids = async (query: string) =>
      rowsOf(await get(`/${w.a}/purchase?filterString=${paged.customerId}${query}`)).map((r) => r.id);

    it('newest first by start time, then id; skip is a real offset', async () => {
      expect(await ids('')).toEqual(pagedIds);
      expect(await ids('&limit=3')).toEqual(pagedIds.slice(0, 3));
      expect(await ids('&limit=3&skip=3')).toEqual(pagedIds.slice(3, 6));
      expect(await ids('&limit=3&skip=6')).toEqual(pagedIds.slice(6));
      expect(await ids('&skip=7')).toEqual([]);
      expect(await ids('&skip=2147483647')).toEqual([]);
      expect(await ids('&limit=1&skip=1')).toEqual([pagedIds[1]]);
    });

    it('applies after the window', async () => {
      const window = '&travel-valid-during-from=2026-02-03&travel-valid-during-to=2026-02-05';
      expect(await ids(window)).toEqual(pagedIds.slice(2, 5));
      expect(await ids(`${window}&skip=1&limit=1`)).toEqual([pagedIds[3]]);
    });

    it('limit defaults to 50 and goes up to 500', async () => {
      const url = `/${w.a}/usage?filterString=${many.customerId}`;
      expect(rowsOf(await get(url))).toHaveLength(50);
      expect(rowsOf(await get(`${url}&limit=500`))).toHaveLength(55);
      expect(rowsOf(await get(`${url}&skip=50`))).toHaveLength(5);
      const all = rowsOf(await get(`${url}&limit=500`)).map((u) => (u['travel-from'] as { time: string }).time);
      expect(all).toEqual([...all].sort().reverse());
    });
  });

  it('publishes customer.accessed for each read (who, which customer, which fields, via oti)', async () => {
    const events: CustomerAccessedEvent[] = [];
    const emitter = t.app.get(EventEmitter2);
    const listener = (event: CustomerAccessedEvent) => events.push(event);
    emitter.on('customer.accessed', listener);
    try {
      await get(`/${w.a}/purchase?filterString=${edge.customerId}`, w.clientA);
      await get(`/${w.a}/usage?filterString=NOPE`, w.clientA);
      await get(`/${w.b}/usage?filterString=${w.customerB.customerId}`, w.clientA);
    } finally {
      emitter.off('customer.accessed', listener);
    }
    // Refused and not-found reads return nothing, so they are no access.
    expect(events).toEqual([
      {
        type: 'customer.accessed',
        actor: { kind: 'apiClient', id: expect.any(String), role: null },
        operatorId: w.a,
        customerId: edge.customerId,
        what: 'purchases',
        fields: expect.arrayContaining(['travel-valid-from', 'transaction', 'location-from']),
        piiMasked: false,
        channel: 'oti',
        count: 1,
        at: expect.stringMatching(/Z$/),
      },
    ]);
  });
});
