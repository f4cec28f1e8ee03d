import { EventEmitter2 } from '@nestjs/event-emitter';
import type { Response as InjectResponse } from 'light-my-request';
import type { CustomerAccessedEvent } from '../../../src/modules/events/domain-events';
import type { Customer } from '../../../src/modules/customers/entities/customer.entity';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp } from '../auth/support/auth-fixtures';
import { otiValidators, uniqueTag } from '../operators/support/operator-fixtures';
import {
  concessionRow,
  createCustomerWorld,
  CustomerWorld,
  insertCustomer,
  insertRecords,
  purchaseRow,
  usageRow,
} from './support/customer-fixtures';
import { openApiValidators } from './support/openapi-validators';

interface Page {
  items: Record<string, unknown>[];
  total: number;
  page: number;
  pageSize: number;
}
interface SearchPage {
  items: { operatorId: string; operatorName: string; customerId: string; name: string; email: string }[];
  pageSize: number;
  nextCursor: string | null;
}

const SCHEMAS = [
  'CustomerDto',
  'CustomerSearchPageDto',
  'PurchasePageDto',
  'ConcessionPageDto',
  'UsagePageDto',
] as const;

describe('customers staff API (/api/v1)', () => {
  let t: TestApp;
  let w: CustomerWorld;
  let schemas: Awaited<ReturnType<typeof openApiValidators<(typeof SCHEMAS)[number]>>>;
  const errorBody = otiValidators().error;
  /** A's customer with three purchases (days 1, 2, 3 of March 2026), one concession and one usage. */
  let rich: Customer;
  /** Five customers whose names share `tag`: three at A, two at B. */
  const tag = uniqueTag('Zed');
  let tagged: Customer[];

  beforeAll(async () => {
    t = await createAuthTestApp();
    w = await createCustomerWorld(t);
    schemas = await openApiValidators(t, SCHEMAS);
    rich = await insertCustomer(t, w.a, { phone: '07700 900461', email: 'rich.person@example.net' });
    await insertRecords(
      t,
      [1, 2, 3].map((d) => purchaseRow(rich, `2026-03-0${d}T00:00:00.000Z`, `2026-03-0${d}T23:59:59.000Z`)),
    );
    await insertRecords(t, [concessionRow(rich, '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.000Z')]);
    await insertRecords(t, [usageRow(rich, '2026-03-02T07:45:00.000Z', '2026-03-02T08:05:00.000Z')]);
    tagged = [];
    for (const [operatorId, name] of [
      [w.a, `${tag} Alpha`],
      [w.a, `${tag} Bravo`],
      [w.a, `${tag} Charlie`],
      [w.b, `${tag} Delta`],
      [w.b, `${tag} Echo`],
    ]) {
      tagged.push(await insertCustomer(t, operatorId, { name }));
    }
  });

  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
  });

  const get = (url: string, headers: Record<string, string> = w.admin.headers) =>
    t.inject({ method: 'GET', url: `/api/v1${url}`, headers });
  const ok = <T>(res: InjectResponse): T => {
    expect({ status: res.statusCode, body: res.statusCode === 200 ? 'ok' : res.body }).toEqual({
      status: 200,
      body: 'ok',
    });
    return res.json<T>();
  };
  const expectError = (res: InjectResponse, status: number, code: string, field?: string) => {
    expect({ status: res.statusCode, code: res.json<{ code: string }>().code }).toEqual({ status, code });
    expect(errorBody(res.json())).toBe(true);
    if (field)
      expect(res.json()).toMatchObject({ details: expect.arrayContaining([expect.objectContaining({ field })]) });
  };
  const profileUrl = (c: Customer) => `/operators/${c.operatorId}/customers/${c.customerId}`;

  describe('GET /operators/{operatorId}/customers/{customerId}', () => {
    it('admins and the operator’s users see the whole profile', async () => {
      for (const headers of [w.admin.headers, w.userA.headers]) {
        const dto = ok<Record<string, unknown>>(await get(profileUrl(rich), headers));
        expect(schemas.CustomerDto(dto)).toBe(true);
        expect(dto).toEqual({
          operatorId: w.a,
          operatorName: `Test Operator ${w.a}`,
          customerId: rich.customerId,
          name: rich.name,
          email: 'rich.person@example.net',
          phone: '07700 900461',
          dateOfBirth: '1984-06-30',
          address: { line1: '1 High Street', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
          createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/),
          piiMasked: false,
        });
      }
    });

    it('API clients: masked without customer-account:pii, whole with it', async () => {
      const masked = ok<Record<string, unknown>>(await get(profileUrl(rich), w.clientA));
      expect(schemas.CustomerDto(masked)).toBe(true);
      expect(masked).toMatchObject({
        name: rich.name,
        email: 'r***@example.net',
        phone: '***61',
        dateOfBirth: null,
        address: null,
        piiMasked: true,
      });
      expect(JSON.stringify(masked)).not.toMatch(/rich\.person|900461|1984|High Street|EX1/);
      expect(ok(await get(profileUrl(rich), w.clientAPii))).toMatchObject({
        email: 'rich.person@example.net',
        piiMasked: false,
      });
    });

    it('unknown customer → 404 CUSTOMER_NOT_FOUND; operator not hosted → 404 OPERATOR_NOT_FOUND', async () => {
      expectError(await get(`/operators/${w.a}/customers/NOPE${rich.customerId}`), 404, 'CUSTOMER_NOT_FOUND');
      expectError(await get(profileUrl(w.customerNotHosted)), 404, 'OPERATOR_NOT_FOUND');
      expectError(await get(`/operators/998/customers/C000001`), 404, 'OPERATOR_NOT_FOUND');
    });

    it('malformed ids → 400 VALIDATION_FAILED', async () => {
      expectError(await get(`/operators/29/customers/C1`), 400, 'VALIDATION_FAILED', 'operatorId');
      expectError(await get(`/operators/${w.a}/customers/${'C'.repeat(33)}`), 400, 'VALIDATION_FAILED', 'customerId');
      expectError(await get(`/operators/${w.a}/customers/C%00`), 400, 'VALIDATION_FAILED', 'customerId');
    });

    it('any query parameter → 400 VALIDATION_FAILED', async () => {
      expectError(await get(`${profileUrl(rich)}?fields=all`), 400, 'VALIDATION_FAILED');
    });
  });

  describe('records: /purchases, /concessions, /usages', () => {
    it('pages of staff records, newest first, with a total, as documented', async () => {
      const purchases = ok<Page>(await get(`${profileUrl(rich)}/purchases`));
      expect(schemas.PurchasePageDto(purchases)).toBe(true);
      expect(purchases).toMatchObject({ total: 3, page: 1, pageSize: 20 });
      expect(purchases.items.map((p) => p.travelValidFrom)).toEqual([
        '2026-03-03T00:00:00.000Z',
        '2026-03-02T00:00:00.000Z',
        '2026-03-01T00:00:00.000Z',
      ]);
      expect(purchases.items[0]).toMatchObject({
        mode: { id: '007', name: 'bus' },
        operator: { id: w.a, name: `Test Operator ${w.a}` },
        transaction: { price: { amount: '8.70', currency: 'GBP' }, paymentType: 'purchase' },
      });
      const concessions = ok<Page>(await get(`${profileUrl(rich)}/concessions`));
      expect(schemas.ConcessionPageDto(concessions)).toBe(true);
      expect(concessions.items[0]).toMatchObject({ discount: { type: 'percentage', value: '25' } });
      const usages = ok<Page>(await get(`${profileUrl(rich)}/usages`));
      expect(schemas.UsagePageDto(usages)).toBe(true);
      expect(usages.items[0]).toMatchObject({ travelFrom: { time: '2026-03-02T07:45:00.000Z' }, prePaid: false });
    });

    it('from/to: overlap with the edges included; dates and date-times', async () => {
      const count = async (query: string) => ok<Page>(await get(`${profileUrl(rich)}/purchases?${query}`)).total;
      expect(await count('from=2026-03-02&to=2026-03-02')).toBe(1);
      expect(await count('from=2026-03-02')).toBe(2);
      expect(await count('to=2026-03-01T23:59:59Z')).toBe(1);
      expect(await count('to=2026-02-28')).toBe(0);
      expect(await count(`from=${encodeURIComponent('2026-03-03T01:00:00+01:00')}`)).toBe(1);
      expect(await count('from=2026-03-03T23:59:59.001Z')).toBe(0);
      expect(ok<Page>(await get(`${profileUrl(rich)}/usages?from=2026-03-02T08:05:00Z`)).total).toBe(1);
      expect(ok<Page>(await get(`${profileUrl(rich)}/usages?from=2026-03-02T08:05:00.001Z`)).total).toBe(0);
      expect(ok<Page>(await get(`${profileUrl(rich)}/concessions?from=2026-12-31&to=2027-01-01`)).total).toBe(1);
    });

    it('page and pageSize: an offset page, with the total over all pages', async () => {
      const page = ok<Page>(await get(`${profileUrl(rich)}/purchases?page=2&pageSize=2`));
      expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.items.map((p) => p.travelValidFrom)).toEqual(['2026-03-01T00:00:00.000Z']);
      expect(ok<Page>(await get(`${profileUrl(rich)}/purchases?page=9&pageSize=2`))).toMatchObject({
        items: [],
        total: 3,
      });
    });

    it.each([
      ['from=2026-02-30', 'from'],
      ['to=tomorrow', 'to'],
      ['from=2026-03-02&to=2026-03-01', 'from'],
      ['from=2026-03-02T10:00:00', 'from'],
      ['page=0', 'page'],
      ['pageSize=101', 'pageSize'],
      ['pageSize=1.5', 'pageSize'],
      ['page=1&page=2', 'page'],
      ['from=2026-03-01&from=2026-03-02', 'from'],
      ['filterString=x', 'filterString'],
    ])('%s → 400 VALIDATION_FAILED naming %s', async (query, field) => {
      expectError(await get(`${profileUrl(rich)}/purchases?${query}`), 400, 'VALIDATION_FAILED', field);
    });

    it('unknown customer → 404 on every kind', async () => {
      for (const kind of ['purchases', 'concessions', 'usages']) {
        expectError(await get(`/operators/${w.a}/customers/NOPE${rich.customerId}/${kind}`), 404, 'CUSTOMER_NOT_FOUND');
      }
    });
  });

  describe('GET /customers (search)', () => {
    const search = (query: string, headers: Record<string, string> = w.admin.headers) =>
      get(`/customers?${query}`, headers);
    const keys = (page: SearchPage) => page.items.map((i) => `${i.operatorId}/${i.customerId}`);
    const key = (c: Customer) => `${c.operatorId}/${c.customerId}`;

    it('admins: every hosted operator without operatorId, or the one given; ordered by name', async () => {
      const all = ok<SearchPage>(await search(`q=${tag}`));
      expect(schemas.CustomerSearchPageDto(all)).toBe(true);
      expect(keys(all)).toEqual(tagged.map(key));
      expect(all.items[3]).toEqual({
        operatorId: w.b,
        operatorName: `Test Operator ${w.b}`,
        customerId: tagged[3].customerId,
        name: `${tag} Delta`,
        email: tagged[3].email,
      });
      expect(keys(ok<SearchPage>(await search(`q=${tag}&operatorId=${w.b}`)))).toEqual(tagged.slice(3).map(key));
    });

    it('matches email and the exact customer id, case-insensitively', async () => {
      expect(keys(ok<SearchPage>(await search(`q=${encodeURIComponent('RICH.PERSON@')}`)))).toEqual([key(rich)]);
      expect(keys(ok<SearchPage>(await search(`q=${rich.customerId.toLowerCase()}`)))).toEqual([key(rich)]);
    });

    it('pages with a cursor; a bad cursor → 400 INVALID_CURSOR', async () => {
      const first = ok<SearchPage>(await search(`q=${tag}&pageSize=2`));
      expect(first.pageSize).toBe(2);
      expect(keys(first)).toEqual(tagged.slice(0, 2).map(key));
      const second = ok<SearchPage>(await search(`q=${tag}&pageSize=2&cursor=${first.nextCursor}`));
      expect(keys(second)).toEqual(tagged.slice(2, 4).map(key));
      const third = ok<SearchPage>(await search(`q=${tag}&pageSize=2&cursor=${second.nextCursor}`));
      expect(keys(third)).toEqual(tagged.slice(4).map(key));
      expect(third.nextCursor).toBeNull();
      expectError(await search(`q=${tag}&cursor=not-a-cursor`), 400, 'INVALID_CURSOR');
    });

    it('operator users: their own operator, which they must name', async () => {
      expect(keys(ok<SearchPage>(await search(`q=${tag}&operatorId=${w.a}`, w.userA.headers)))).toEqual(
        tagged.slice(0, 3).map(key),
      );
      expectError(await search(`q=${tag}`, w.userA.headers), 403, 'CUSTOMER_ACCESS_DENIED');
      expectError(await search(`q=${tag}&operatorId=${w.b}`, w.userA.headers), 403, 'CUSTOMER_ACCESS_DENIED');
    });

    it('API clients: their operator, emails masked unless customer-account:pii', async () => {
      const masked = ok<SearchPage>(await search(`q=${tag}&operatorId=${w.a}`, w.clientA));
      expect(masked.items.map((i) => i.email)).toEqual(tagged.slice(0, 3).map(() => 'p***@example.org'));
      const whole = ok<SearchPage>(await search(`q=${tag}&operatorId=${w.a}`, w.clientAPii));
      expect(whole.items.map((i) => i.email)).toEqual(tagged.slice(0, 3).map((c) => c.email));
      expectError(await search(`q=${tag}`, w.clientA), 403, 'CUSTOMER_ACCESS_DENIED');
    });

    it.each([
      ['', 'q'],
      ['q=ab', 'q'],
      [`q=${encodeURIComponent('  ab  ')}`, 'q'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=abc&q=def', 'q'],
      ['q=abc&pageSize=0', 'pageSize'],
      ['q=abc&pageSize=101', 'pageSize'],
      ['q=abc&operatorId=29', 'operatorId'],
      ['q=abc&sort=name', 'sort'],
    ])('%p → 400 VALIDATION_FAILED naming %s', async (query, field) => {
      expectError(await search(query), 400, 'VALIDATION_FAILED', field);
    });

    it('an operator not hosted here → 404 OPERATOR_NOT_FOUND (admins)', async () => {
      expectError(await search(`q=${tag}&operatorId=${w.notHosted}`), 404, 'OPERATOR_NOT_FOUND');
    });
  });

  it('publishes customer.accessed for profile, records and search reads', async () => {
    const events: CustomerAccessedEvent[] = [];
    const emitter = t.app.get(EventEmitter2);
    const listener = (event: CustomerAccessedEvent) => events.push(event);
    emitter.on('customer.accessed', listener);
    try {
      await get(profileUrl(rich), w.clientA);
      await get(`${profileUrl(rich)}/usages`, w.userA.headers);
      await get(`/customers?q=${tag}&operatorId=${w.b}`);
      await get(`${profileUrl(rich)}/usages`, w.userB.headers);
    } finally {
      emitter.off('customer.accessed', listener);
    }
    const base = { type: 'customer.accessed', channel: 'staff', at: expect.stringMatching(/Z$/) };
    expect(events).toEqual([
      {
        ...base,
        actor: { kind: 'apiClient', id: expect.any(String), role: null },
        operatorId: w.a,
        customerId: rich.customerId,
        what: 'profile',
        fields: ['operatorId', 'operatorName', 'customerId', 'name', 'email', 'phone', 'createdAt'],
        piiMasked: true,
        count: 1,
      },
      {
        ...base,
        actor: { kind: 'user', id: w.userA.user.id, role: 'operator' },
        operatorId: w.a,
        customerId: rich.customerId,
        what: 'usages',
        fields: expect.arrayContaining(['travelFrom', 'services']),
        piiMasked: false,
        count: 1,
      },
      {
        ...base,
        actor: { kind: 'user', id: w.admin.user.id, role: 'admin' },
        operatorId: w.b,
        customerId: null,
        what: 'search',
        fields: ['operatorId', 'operatorName', 'customerId', 'name', 'email'],
        piiMasked: false,
        count: 2,
        customers: tagged.slice(3).map((c) => ({ operatorId: c.operatorId, customerId: c.customerId })),
      },
    ]);
  });
});
