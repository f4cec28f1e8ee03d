import type { Response as InjectResponse } from 'light-my-request';
import { DataSource } from 'typeorm';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { Purchase } from '../../../src/modules/customers/entities/purchase.entity';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import { otiValidators } from '../operators/support/operator-fixtures';
import {
  concessionRow,
  createCustomerWorld,
  CustomerWorld,
  insertRecords,
  purchaseRow,
  usageRow,
} from './support/customer-fixtures';

/**
 * Who reaches which customers, by every route and parameter, and hostile input everywhere (docs/customers-api.md,
 * "Who may see what"). A and B are two hosted operators; their users and API clients must never cross over.
 */
describe('customer scoping and hostile input', () => {
  let t: TestApp;
  let w: CustomerWorld;
  const errorBody = otiValidators().error;

  beforeAll(async () => {
    t = await createAuthTestApp();
    w = await createCustomerWorld(t);
    for (const c of [w.customerA, w.customerB]) {
      await insertRecords(t, [purchaseRow(c, '2026-04-01T00:00:00.000Z', '2026-04-01T23:59:59.000Z')]);
      await insertRecords(t, [concessionRow(c, '2026-04-01T00:00:00.000Z', '2026-04-30T23:59:59.000Z')]);
      await insertRecords(t, [usageRow(c, '2026-04-01T08:00:00.000Z', '2026-04-01T08:30:00.000Z')]);
    }
  });

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string>) => t.inject({ method: 'GET', url, headers });

  /** Every customer read, for one (operator, customer) pair. */
  const readsOf = (operatorId: string, customerId: string): string[] => {
    const id = encodeURIComponent(customerId);
    return [
      `/api/v1/operators/${operatorId}/customers/${id}`,
      `/api/v1/operators/${operatorId}/customers/${id}/purchases`,
      `/api/v1/operators/${operatorId}/customers/${id}/concessions`,
      `/api/v1/operators/${operatorId}/customers/${id}/usages`,
      `/api/oti/v1/accounts/${operatorId}/purchase?filterString=${id}`,
      `/api/oti/v1/accounts/${operatorId}/concession?filterString=${id}`,
      `/api/oti/v1/accounts/${operatorId}/usage?filterString=${id}`,
    ];
  };
  const status = (res: InjectResponse) => `${res.statusCode} ${res.json<{ code?: string }>().code ?? 'ok'}`;

  it('callers bound to an operator read its customers by every route', async () => {
    for (const [headers, c] of [
      [w.userA.headers, w.customerA],
      [w.clientA, w.customerA],
      [w.clientAPii, w.customerA],
      [w.userB.headers, w.customerB],
      [w.clientB, w.customerB],
    ] as const) {
      for (const url of readsOf(c.operatorId, c.customerId))
        expect({ url, status: status(await get(url, headers)) }).toEqual({ url, status: '200 ok' });
    }
  });

  it('admins read every hosted operator’s customers', async () => {
    for (const c of [w.customerA, w.customerB]) {
      for (const url of readsOf(c.operatorId, c.customerId))
        expect(status(await get(url, w.admin.headers))).toBe('200 ok');
    }
  });

  it("another operator's customer: 403 CUSTOMER_ACCESS_DENIED by every route, whether it exists or not", async () => {
    const callersOfA = { userA: w.userA.headers, clientA: w.clientA, clientAPii: w.clientAPii };
    for (const [caller, headers] of Object.entries(callersOfA)) {
      for (const customerId of [w.customerB.customerId, 'NO-SUCH-CUSTOMER', w.customerA.customerId]) {
        for (const url of readsOf(w.b, customerId)) {
          const res = await get(url, headers);
          expect({ caller, url, status: status(res) }).toEqual({ caller, url, status: '403 CUSTOMER_ACCESS_DENIED' });
          expect(errorBody(res.json())).toBe(true);
          expect(res.body).not.toContain(w.customerB.email);
        }
      }
      // Operators that are not hosted, and ids that exist nowhere, are refused the same way.
      for (const operatorId of [w.notHosted, '998', '029']) {
        for (const url of readsOf(operatorId, 'C000001')) {
          expect({ caller, url, status: status(await get(url, headers)) }).toEqual({
            caller,
            url,
            status: '403 CUSTOMER_ACCESS_DENIED',
          });
        }
      }
    }
  });

  it("B's customer id under A's operator finds nothing of B's (404, scoped lookup)", async () => {
    for (const url of readsOf(w.a, w.customerB.customerId)) {
      const res = await get(url, w.userA.headers);
      expect(status(res)).toBe('404 CUSTOMER_NOT_FOUND');
      expect(res.body).not.toContain(w.customerB.email);
    }
  });

  it('viewers get 403 FORBIDDEN on every customer route, search included', async () => {
    for (const url of [...readsOf(w.a, w.customerA.customerId), `/api/v1/customers?q=person&operatorId=${w.a}`]) {
      expect({ url, status: status(await get(url, w.viewer.headers)) }).toEqual({ url, status: '403 FORBIDDEN' });
    }
  });

  it('API keys without customer-account:read get 403 FORBIDDEN; no credentials 401', async () => {
    for (const url of readsOf(w.a, w.customerA.customerId)) {
      expect(status(await get(url, w.clientInfo))).toBe('403 FORBIDDEN');
      expect((await get(url, {})).statusCode).toBe(401);
    }
  });

  it('an operator user moved to another operator (by an admin) loses the old one at once', async () => {
    const bind = async (operatorId: string) => {
      const res = await t.inject({
        method: 'PATCH',
        url: `/api/v1/users/${w.userA.user.id}`,
        headers: w.admin.headers,
        payload: { operatorId },
      });
      expect(res.statusCode).toBe(200);
    };
    await bind(w.b);
    try {
      const [profileA] = readsOf(w.a, w.customerA.customerId);
      const [profileB] = readsOf(w.b, w.customerB.customerId);
      expect(status(await get(profileA, w.userA.headers))).toBe('403 CUSTOMER_ACCESS_DENIED');
      expect(status(await get(profileB, w.userA.headers))).toBe('200 ok');
    } finally {
      await bind(w.a);
    }
  });

  describe('search: operatorId is the only way to name operators, and it is checked', () => {
    const search = (query: string, headers: Record<string, string>) => get(`/api/v1/customers?${query}`, headers);

    it("never returns another operator's customers, even searched by their exact id or email", async () => {
      for (const headers of [w.userA.headers, w.clientA, w.clientAPii]) {
        for (const q of [w.customerB.customerId, w.customerB.email, w.customerB.name]) {
          const res = await search(`operatorId=${w.a}&q=${encodeURIComponent(q)}`, headers);
          expect(res.statusCode).toBe(200);
          expect(res.json<{ items: unknown[] }>().items).toEqual([]);
        }
      }
    });

    it.each([
      ['another operator', (w: CustomerWorld) => `operatorId=${w.b}&q=person`, 403, 'CUSTOMER_ACCESS_DENIED'],
      ['no operator (all)', () => 'q=person', 403, 'CUSTOMER_ACCESS_DENIED'],
      [
        'a non-hosted operator',
        (w: CustomerWorld) => `operatorId=${w.notHosted}&q=person`,
        403,
        'CUSTOMER_ACCESS_DENIED',
      ],
      [
        'own and another, repeated',
        (w: CustomerWorld) => `operatorId=${w.a}&operatorId=${w.b}&q=person`,
        400,
        'VALIDATION_FAILED',
      ],
      ['an array-style name', (w: CustomerWorld) => `operatorId[]=${w.b}&q=person`, 400, 'VALIDATION_FAILED'],
      [
        'a second operator parameter',
        (w: CustomerWorld) => `operatorId=${w.a}&operatorIds=${w.b}&q=person`,
        400,
        'VALIDATION_FAILED',
      ],
      [
        'an id with extra characters',
        (w: CustomerWorld) => `operatorId=${w.a},${w.b}&q=person`,
        400,
        'VALIDATION_FAILED',
      ],
    ])('%s: refused with the stated status and code', async (_name, query, expectedStatus, code) => {
      for (const headers of [w.userA.headers, w.clientA]) {
        const res = await search(query(w), headers);
        expect(status(res)).toBe(`${expectedStatus} ${code}`);
      }
    });

    it("a cursor made from another operator's row does not widen the scope", async () => {
      const admin = await search(
        `q=${encodeURIComponent('Test Person')}&pageSize=1&operatorId=${w.b}`,
        w.admin.headers,
      );
      const cursor = admin.json<{ nextCursor: string | null }>().nextCursor;
      const page = await search(
        `q=${encodeURIComponent('Test Person')}&operatorId=${w.a}${cursor ? `&cursor=${cursor}` : ''}`,
        w.userA.headers,
      );
      expect(page.statusCode).toBe(200);
      for (const item of page.json<{ items: { operatorId: string }[] }>().items) expect(item.operatorId).toBe(w.a);
    });
  });

  describe('hostile input in every parameter: 200, or 400/403/404 (414 for an over-long path segment) with the error body, never 500, nothing leaked', () => {
    const payloads = [
      "' OR '1'='1",
      "' OR 1=1 --",
      "'; DROP TABLE customers; --",
      '" OR ""="',
      "1' UNION SELECT email, name FROM customers --",
      "C000001' --",
      '%',
      '%%%',
      '_',
      '___',
      '\\',
      '\\%',
      '*',
      '../../../etc/passwd',
      '<script>alert(1)</script>',
      'Zürich 東京 🚆',
      '\u0000',
      'C000001\u0000',
      '\u0007bell',
      "2026-01-01'; DELETE FROM purchases; --",
      '9999999999999999999999',
      '-1',
      'NaN',
      'a'.repeat(600),
    ];
    let counts: { customers: number; purchases: number };
    beforeAll(async () => {
      const ds = t.app.get(DataSource);
      counts = {
        customers: await ds.getRepository(Customer).count(),
        purchases: await ds.getRepository(Purchase).count(),
      };
    });

    const expectSafe = (label: string, res: InjectResponse) => {
      expect({ label, expected: [200, 400, 403, 404, 414].includes(res.statusCode), status: res.statusCode }).toEqual({
        label,
        expected: true,
        status: res.statusCode,
      });
      // 414 comes from Fastify's router (maxParamLength) before Nest, in Fastify's own error body.
      if (res.statusCode !== 200 && res.statusCode !== 414) expect(errorBody(res.json())).toBe(true);
      expect(res.body).not.toContain(w.customerB.email);
      expect(res.body).not.toMatch(/QueryFailedError|SQLITE_|syntax error|stack/i);
    };

    it.each(payloads)('%p', async (payload) => {
      const v = encodeURIComponent(payload);
      const a = w.a;
      const c = encodeURIComponent(w.customerA.customerId);
      const urls = [
        // OTI: every parameter, and the path.
        `/api/oti/v1/accounts/${a}/purchase?filterString=${v}`,
        `/api/oti/v1/accounts/${a}/purchase?filterString=${c}&limit=${v}`,
        `/api/oti/v1/accounts/${a}/purchase?filterString=${c}&skip=${v}`,
        `/api/oti/v1/accounts/${a}/purchase?filterString=${c}&travel-valid-during-from=${v}`,
        `/api/oti/v1/accounts/${a}/purchase?filterString=${c}&travel-valid-during-to=${v}`,
        `/api/oti/v1/accounts/${a}/concession?filterString=${c}&concession-valid-during-from=${v}`,
        `/api/oti/v1/accounts/${a}/concession?filterString=${c}&concession-valid-during-to=${v}`,
        `/api/oti/v1/accounts/${a}/usage?filterString=${c}&usage-occurred-during-from=${v}`,
        `/api/oti/v1/accounts/${a}/usage?filterString=${c}&usage-occured-during-to=${v}`,
        `/api/oti/v1/accounts/${a}/usage?filterString=${c}&${v}=1`,
        `/api/oti/v1/accounts/${v}/usage?filterString=${c}`,
        // Staff: path parameters, record queries, search parameters.
        `/api/v1/operators/${a}/customers/${v}`,
        `/api/v1/operators/${v}/customers/${c}`,
        `/api/v1/operators/${a}/customers/${v}/purchases`,
        `/api/v1/operators/${a}/customers/${c}/purchases?from=${v}`,
        `/api/v1/operators/${a}/customers/${c}/concessions?to=${v}`,
        `/api/v1/operators/${a}/customers/${c}/usages?page=${v}`,
        `/api/v1/operators/${a}/customers/${c}/usages?pageSize=${v}`,
        `/api/v1/customers?q=${v}`,
        `/api/v1/customers?q=${v}&operatorId=${a}`,
        `/api/v1/customers?q=person&operatorId=${v}`,
        `/api/v1/customers?q=person&pageSize=${v}`,
        `/api/v1/customers?q=person&cursor=${v}`,
      ];
      for (const url of urls) {
        expectSafe(`admin ${url}`, await get(url, w.admin.headers));
        expectSafe(`client ${url}`, await get(url, w.clientA));
      }
    });

    it('search matches hostile text literally (wildcards are characters), and the tables are intact', async () => {
      for (const q of ['%%%', '___', "' OR '1'='1", '\\\\\\']) {
        const res = await get(`/api/v1/customers?q=${encodeURIComponent(q)}`, w.admin.headers);
        expect(res.statusCode).toBe(200);
        for (const item of res.json<{ items: { name: string; email: string; customerId: string }[] }>().items) {
          const text = `${item.name} ${item.email}`.toLowerCase();
          expect(text.includes(q.toLowerCase()) || item.customerId.toLowerCase() === q.toLowerCase()).toBe(true);
        }
      }
      const ds = t.app.get(DataSource);
      expect(await ds.getRepository(Customer).count()).toBe(counts.customers);
      expect(await ds.getRepository(Purchase).count()).toBe(counts.purchases);
    });
  });
});
