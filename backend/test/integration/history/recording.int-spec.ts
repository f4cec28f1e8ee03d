import { Clock } from '../../../src/common/time/clock';
import type { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { HistoryService } from '../../../src/modules/history/history.service';
import { DirectorySnapshotService } from '../../../src/modules/operators/directory-snapshot.service';
import { OperatorsService } from '../../../src/modules/operators/operators.service';
import type { TestApp } from '../../support/test-app';
import { createAuthTestApp, SignedIn } from '../auth/support/auth-fixtures';
import {
  concessionRow,
  createCustomerWorld,
  CustomerWorld,
  insertCustomer,
  insertRecords,
  purchaseRow,
  usageRow,
} from '../customers/support/customer-fixtures';
import { countAllEntries, historyOf, QUERY_TOOL, resetHistory, runQuery } from './support/history-fixtures';

// Hooks build apps, users and data: generous on a busy machine.
jest.setTimeout(30_000);

/** Recording of the query tool's queries (docs/history-api.md, "Recording"), through the real routes. */
describe('query history recording', () => {
  let t: TestApp;
  let w: CustomerWorld;
  /** A's customer with two purchases in March 2026, one concession and one usage. */
  let customer: Customer;
  let base: string;

  beforeAll(async () => {
    t = await createAuthTestApp();
    w = await createCustomerWorld(t);
    customer = await insertCustomer(t, w.a);
    await insertRecords(t, [
      purchaseRow(customer, '2026-03-01T00:00:00.000Z', '2026-03-01T23:59:59.000Z'),
      purchaseRow(customer, '2026-03-02T00:00:00.000Z', '2026-03-02T23:59:59.000Z'),
    ]);
    await insertRecords(t, [concessionRow(customer, '2026-01-01T00:00:00.000Z', '2026-12-31T23:59:59.000Z')]);
    await insertRecords(t, [usageRow(customer, '2026-03-02T07:45:00.000Z', '2026-03-02T08:05:00.000Z')]);
    base = `/api/v1/operators/${w.a}/customers/${customer.customerId}`;
  });
  beforeEach(() => resetHistory(t, w.admin, w.viewer, w.userA));
  afterEach(() => jest.restoreAllMocks());
  afterAll(async () => {
    await w?.cleanup();
    await t?.close();
  });

  /** Moves the app's clock to `ms` after `start` (repeats within a minute coalesce). */
  const clockAt = (start: Date, ms: number) =>
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(start.getTime() + ms));

  it('records each kind with its normalised params and result count', async () => {
    const me = w.admin;
    const start = new Date();
    const urls = [
      '/api/v1/operators?sort=name&mode=010&q=&mode=007&mode=010',
      '/api/v1/modes',
      `/api/v1/customers?q=${customer.customerId}&operatorId=${w.a}&pageSize=5`,
      base,
      `${base}/purchases?from=2026-03-01&to=2026-03-31&pageSize=1`,
      `${base}/concessions`,
      `${base}/usages?page=1`,
    ];
    const answers: unknown[] = [];
    for (const [i, url] of urls.entries()) {
      clockAt(start, i * 1000);
      const res = await runQuery(t, me, url);
      expect(res.statusCode).toBe(200);
      answers.push(res.json());
    }
    const { items, total } = await historyOf(t, me);
    expect(total).toBe(7);
    const ref = { operatorId: w.a, customerId: customer.customerId };
    const operators = answers[0] as { total: number };
    expect(items.map(({ kind, params, resultCount }) => ({ kind, params, resultCount })).reverse()).toEqual([
      { kind: 'operators', params: { mode: ['007', '010'], sort: 'name' }, resultCount: operators.total },
      { kind: 'modes', params: {}, resultCount: (answers[1] as unknown[]).length },
      {
        kind: 'customers',
        params: { operatorId: w.a, pageSize: '5', q: customer.customerId },
        resultCount: 1,
      },
      { kind: 'customer', params: ref, resultCount: 1 },
      {
        kind: 'purchases',
        params: { ...ref, from: '2026-03-01', pageSize: '1', to: '2026-03-31' },
        resultCount: 2,
      },
      { kind: 'concessions', params: ref, resultCount: 1 },
      { kind: 'usages', params: { ...ref, page: '1' }, resultCount: 1 },
    ]);
    expect(Object.keys(items[items.length - 1].params)).toEqual(['mode', 'sort']);
  });

  it('records repeats the directory cache answers without the handler, and coalesces them within a minute', async () => {
    const me = w.viewer;
    // Keep the directory snapshot current for the test, so the cache answers every repeat whatever the timing.
    const snapshots = t.app.get(DirectorySnapshotService);
    jest.spyOn(snapshots, 'peek').mockReturnValue(await snapshots.get());
    const url = `/api/v1/operators?q=rail&pageSize=7&page=1`;
    // Warm the cache (without the header: not recorded).
    const first = await runQuery(t, me, url, {});
    const firstModes = await runQuery(t, me, '/api/v1/modes', {});
    const search = jest.spyOn(t.app.get(OperatorsService), 'search');
    const modes = jest.spyOn(t.app.get(OperatorsService), 'listModes');
    const start = new Date();

    clockAt(start, 0);
    await runQuery(t, me, url);
    clockAt(start, 30_000);
    const gzipped = await runQuery(t, me, url, { ...QUERY_TOOL, 'accept-encoding': 'gzip' });
    clockAt(start, 31_000);
    await runQuery(t, me, '/api/v1/modes');
    clockAt(start, 120_000);
    const last = await runQuery(t, me, url);
    clockAt(start, 121_000);
    const lastModes = await runQuery(t, me, '/api/v1/modes');

    // Every recorded request was answered from the cache: the handlers never ran.
    expect(search).not.toHaveBeenCalled();
    expect(modes).not.toHaveBeenCalled();
    expect(last.body).toBe(first.body);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(lastModes.body).toBe(firstModes.body);

    const { items } = await historyOf(t, me);
    const total = first.json<{ total: number }>().total;
    const modeCount = firstModes.json<unknown[]>().length;
    const at = (ms: number) => new Date(start.getTime() + ms).toISOString();
    expect(items.map(({ kind, resultCount, createdAt }) => ({ kind, resultCount, createdAt }))).toEqual([
      { kind: 'modes', resultCount: modeCount, createdAt: at(121_000) },
      { kind: 'operators', resultCount: total, createdAt: at(120_000) },
      { kind: 'modes', resultCount: modeCount, createdAt: at(31_000) },
      // The first run, updated by its (gzip) repeat 30 s later: one entry, the repeat's time.
      { kind: 'operators', resultCount: total, createdAt: at(30_000) },
    ]);
    expect(items[1].params).toEqual({ page: '1', pageSize: '7', q: 'rail' });
  });

  it("coalesces only a repeat of the user's newest entry; keyset paging is the same query (no cursor kept)", async () => {
    const me = w.admin;
    // One clock reading for all: entries recorded in the same millisecond still keep their order.
    clockAt(new Date(), 0);
    await runQuery(t, me, '/api/v1/operators?q=rail');
    await runQuery(t, me, '/api/v1/operators?q=ferry');
    await runQuery(t, me, '/api/v1/operators?q=rail');
    expect((await historyOf(t, me)).total).toBe(3);

    // Two customers at A match "Test Person": one per page.
    const search = `/api/v1/customers?q=Test%20Person&operatorId=${w.a}&pageSize=1`;
    const cursor = (await runQuery(t, me, search)).json<{ nextCursor: string | null }>().nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const page2 = await runQuery(t, me, `${search}&cursor=${encodeURIComponent(cursor!)}`);
    expect(page2.statusCode).toBe(200);
    const { items, total } = await historyOf(t, me);
    expect(total).toBe(4);
    expect(items[0]).toMatchObject({
      kind: 'customers',
      params: { operatorId: w.a, pageSize: '1', q: 'Test Person' },
      resultCount: 1,
    });
  });

  it('records nothing without the header, with another source, for failed requests and for API clients', async () => {
    const me = w.userA;
    const before = await countAllEntries(t);
    const cases: [SignedIn | { headers: Record<string, string> }, string, Record<string, string>, number][] = [
      [me, '/api/v1/operators?q=rail', {}, 200],
      [me, '/api/v1/operators?q=rail', { 'x-query-source': 'operator-picker' }, 200],
      [me, '/api/v1/operators?mode=01x', QUERY_TOOL, 400],
      [me, '/api/v1/customers?q=ab', QUERY_TOOL, 400],
      [me, `/api/v1/operators/${w.b}/customers/${w.customerB.customerId}`, QUERY_TOOL, 403],
      [me, `/api/v1/operators/${w.a}/customers/NOPE404`, QUERY_TOOL, 404],
      [me, `${base}/purchases?from=2026-04-01&to=2026-03-01`, QUERY_TOOL, 400],
      [w.viewer, `${base}/usages`, QUERY_TOOL, 403],
      [{ headers: w.clientA }, `${base}/purchases`, QUERY_TOOL, 200],
      [{ headers: w.clientA }, `/api/v1/customers?q=${customer.customerId}&operatorId=${w.a}`, QUERY_TOOL, 200],
      [{ headers: w.clientInfo }, '/api/v1/operators?q=rail', QUERY_TOOL, 200],
    ];
    for (const [who, url, headers, status] of cases) {
      expect({ url, status: (await runQuery(t, who, url, headers)).statusCode }).toEqual({ url, status });
    }
    expect(await countAllEntries(t)).toBe(before);
    expect((await historyOf(t, me)).total).toBe(0);
  });

  it('answers the query even when recording fails (the error is logged, not returned)', async () => {
    const me = w.admin;
    jest.spyOn(t.app.get(HistoryService), 'record').mockRejectedValue(new Error('database unavailable'));
    const res = await runQuery(t, me, '/api/v1/operators?q=rail');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toHaveProperty('total');
    jest.restoreAllMocks();
    expect((await historyOf(t, me)).total).toBe(0);
  });
});
