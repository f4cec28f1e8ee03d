import { DataSource } from 'typeorm';
import { ensureCatalogue } from '../../../src/database/seed/catalogue-seeder';
import {
  CustomerSearchParams,
  CustomerSearchRow,
  CustomerSearchTuning,
  customerSearchQueries,
  encodeCursor,
  searchCustomers,
} from '../../../src/modules/customers/customer-search';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource } from '../database/fresh-database';

/** A customer row with overridable defaults; `n` keeps ids and emails unique. */
let serial = 0;
function customerRow(overrides: Partial<Customer> = {}): Partial<Customer> {
  const n = ++serial;
  return {
    operatorId: '029',
    customerId: `T${String(n).padStart(6, '0')}`,
    name: `Person ${n}`,
    email: `person${n}@example.org`,
    phone: '07700 900123',
    dateOfBirth: '1980-01-01',
    address: { line1: '1 High Street', line2: null, city: 'Exeter', postcode: 'EX1 1AA', country: 'GB' },
    ...overrides,
  };
}

const key = (r: CustomerSearchRow) => `${r.operatorId}/${r.customerId}`;

describe(`customer search (${testDbKind()})`, () => {
  let db: FreshDatabase;
  let dataSource: DataSource;

  const search = (params: Partial<CustomerSearchParams> & { q: string }, tuning?: CustomerSearchTuning) =>
    searchCustomers(dataSource.manager, { operatorIds: null, pageSize: 100, ...params }, tuning);

  /** Every page of a search, following nextCursor. */
  async function allPages(
    params: Partial<CustomerSearchParams> & { q: string },
    tuning?: CustomerSearchTuning,
  ): Promise<CustomerSearchRow[][]> {
    const pages: CustomerSearchRow[][] = [];
    let cursor: string | undefined;
    for (;;) {
      const page = await search({ ...params, cursor }, tuning);
      pages.push(page.items);
      if (!page.nextCursor) return pages;
      cursor = page.nextCursor;
      if (pages.length > 1000) throw new Error('pagination does not end');
    }
  }

  /** The expected order (name, operator id, customer id) computed by the database itself, so collation agrees. */
  async function orderedByDatabase(ids: string[]): Promise<string[]> {
    const rows = await dataSource
      .getRepository(Customer)
      .createQueryBuilder('c')
      .select(['c.operatorId', 'c.customerId'])
      .orderBy('c.name', 'ASC')
      .addOrderBy('c.operatorId', 'ASC')
      .addOrderBy('c.customerId', 'ASC')
      .getMany();
    const wanted = new Set(ids);
    return rows.map((r) => `${r.operatorId}/${r.customerId}`).filter((k) => wanted.has(k));
  }

  beforeAll(async () => {
    db = await freshDatabase('customer_search');
    dataSource = await openDataSource(db.env);
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.transaction((m) => ensureCatalogue(m));
    await dataSource.getRepository(Customer).insert([
      customerRow({ customerId: 'C000123', name: 'Anna Smithson', email: 'anna.s@example.com' }),
      customerRow({ customerId: 'C000124', name: 'Brian Jones', email: 'bj.smith@example.net' }),
      customerRow({ customerId: 'C000125', name: 'Carol King', email: 'carol@example.org', operatorId: '030' }),
      customerRow({ customerId: 'c000126', name: 'Dan Brown', email: 'dan@example.org', operatorId: '000' }),
      customerRow({ customerId: 'C000127', name: 'Eve SMITH', email: 'eve@example.org', operatorId: '030' }),
      // Literal wildcard and quote characters in data.
      customerRow({ name: 'Percent 100% Sure', email: 'pct@example.org' }),
      customerRow({ name: 'Under_Score', email: 'under@example.org' }),
      customerRow({ name: 'Back\\Slash', email: 'back@example.org' }),
      customerRow({ name: "Liam O'Brien", email: 'liam@example.org' }),
      customerRow({ name: 'Underxscore', email: 'underx@example.org' }),
      customerRow({ name: 'Percent 1000 Sure', email: 'pct2@example.org' }),
      // Not an address the hub would get, but it shows the rule: q with whitespace is not looked for in emails.
      customerRow({ name: 'Spacey Person', email: 'has space@example.org' }),
      // Non-ASCII capitals (SQLite's built-in lower() would leave them; the connection's folds them).
      customerRow({ customerId: 'C000130', name: 'Élodie Ørsted', email: 'e.o@example.org', operatorId: '030' }),
    ]);
    // Ties on name: the same name at three operators and several ids each, for the keyset tie-breaks.
    const ties: Partial<Customer>[] = [];
    for (const operatorId of ['030', '000', '029'])
      for (const id of ['K3', 'K1', 'K2', 'K10'])
        ties.push(
          customerRow({ operatorId, customerId: id, name: 'Tied Name', email: `tied.${operatorId}.${id}@x.org` }),
        );
    ties.push(customerRow({ operatorId: '029', customerId: 'K0', name: 'Tied Namf', email: 'tied.after@x.org' }));
    ties.push(customerRow({ operatorId: '030', customerId: 'K0', name: 'Tied Nam', email: 'tied.before@x.org' }));
    await dataSource.getRepository(Customer).insert(ties);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  describe('matching', () => {
    it('finds a name that contains q, case-insensitively', async () => {
      const { items } = await search({ q: 'SMITH' });
      expect(items.map((r) => r.name)).toEqual(['Anna Smithson', 'Brian Jones', 'Eve SMITH']);
      expect(items[0]).toEqual({
        operatorId: '029',
        customerId: 'C000123',
        name: 'Anna Smithson',
        email: 'anna.s@example.com',
      });
    });

    it('finds an email that contains q (Brian Jones above matched on bj.smith@)', async () => {
      expect((await search({ q: 'EXAMPLE.NET' })).items.map(key)).toEqual(['029/C000124']);
      expect((await search({ q: 'carol@' })).items.map(key)).toEqual(['030/C000125']);
    });

    it('finds the exact customer id, case-insensitively, but not a part of it', async () => {
      expect((await search({ q: 'c000123' })).items.map(key)).toEqual(['029/C000123']);
      expect((await search({ q: 'C000126' })).items.map(key)).toEqual(['000/c000126']);
      expect((await search({ q: 'C00012' })).items).toEqual([]);
    });

    it('does not match phone or address fields', async () => {
      expect((await search({ q: '07700' })).items).toEqual([]);
      expect((await search({ q: 'High Street' })).items).toEqual([]);
    });

    it('treats %, _ and \\ in q as literal characters', async () => {
      expect((await search({ q: '100%' })).items.map((r) => r.name)).toEqual(['Percent 100% Sure']);
      expect((await search({ q: '%%%' })).items).toEqual([]);
      expect((await search({ q: 'er_s' })).items.map((r) => r.name)).toEqual(['Under_Score']);
      expect((await search({ q: '___' })).items).toEqual([]);
      expect((await search({ q: 'k\\s' })).items.map((r) => r.name)).toEqual(['Back\\Slash']);
      expect((await search({ q: '\\\\\\' })).items).toEqual([]);
    });

    it.each([
      "' OR '1'='1",
      "'; DROP TABLE customers; --",
      '" OR ""="',
      "o' OR 1=1 --",
      ') OR (1=1',
      "\\' OR 1=1 --",
      'UNION SELECT email FROM users',
    ])('matches the injection payload %p literally', async (q) => {
      expect((await search({ q })).items).toEqual([]);
      expect(await dataSource.getRepository(Customer).count()).toBeGreaterThan(20);
    });

    it('looks for a q with whitespace in names and ids only (an email address has none)', async () => {
      expect((await search({ q: 'spacey person' })).items.map((r) => r.name)).toEqual(['Spacey Person']);
      expect((await search({ q: 'has space' })).items).toEqual([]);
      expect((await search({ q: 'space@' })).items.map((r) => r.name)).toEqual(['Spacey Person']);
    });

    it('folds non-ASCII capitals as well: élodie finds Élodie, ØRSTED finds Ørsted (accents still count)', async () => {
      expect((await search({ q: 'élodie' })).items.map(key)).toEqual(['030/C000130']);
      expect((await search({ q: 'ØRSTED' })).items.map(key)).toEqual(['030/C000130']);
      expect((await search({ q: 'élodie ørsted', operatorIds: ['030'] })).items.map(key)).toEqual(['030/C000130']);
      expect((await search({ q: 'elodie' })).items).toEqual([]);
    });

    it('matches quotes literally', async () => {
      expect((await search({ q: "o'brien" })).items.map((r) => r.name)).toEqual(["Liam O'Brien"]);
    });
  });

  describe('operator filter', () => {
    it('returns only the listed operators', async () => {
      expect((await search({ q: 'smith', operatorIds: ['030'] })).items.map(key)).toEqual(['030/C000127']);
      expect((await search({ q: 'smith', operatorIds: ['029', '000'] })).items.map(key)).toEqual([
        '029/C000123',
        '029/C000124',
      ]);
      expect((await search({ q: 'c000123', operatorIds: ['030'] })).items).toEqual([]);
    });

    it('returns nothing for an empty list, and every operator for null', async () => {
      expect(await search({ q: 'smith', operatorIds: [] })).toEqual({ items: [], nextCursor: null });
      expect((await search({ q: 'smith', operatorIds: null })).items).toHaveLength(3);
    });

    it('keeps the filter on later pages', async () => {
      const pages = await allPages({ q: 'tied', operatorIds: ['029'], pageSize: 2 });
      const rows = pages.flat();
      expect(rows.every((r) => r.operatorId === '029')).toBe(true);
      expect(rows.map((r) => `${r.name}/${r.customerId}`)).toEqual([
        'Tied Name/K1',
        'Tied Name/K10',
        'Tied Name/K2',
        'Tied Name/K3',
        'Tied Namf/K0',
      ]);
    });
  });

  describe('order and keyset pages', () => {
    it('orders by name, then operator id, then customer id', async () => {
      const { items, nextCursor } = await search({ q: 'tied' });
      expect(nextCursor).toBeNull();
      expect(items.map((r) => `${r.name}|${r.operatorId}|${r.customerId}`)).toEqual([
        'Tied Nam|030|K0',
        ...['000', '029', '030'].flatMap((op) => ['K1', 'K10', 'K2', 'K3'].map((id) => `Tied Name|${op}|${id}`)),
        'Tied Namf|029|K0',
      ]);
    });

    it.each([1, 2, 3, 5, 13, 14, 100])(
      'pages of %i concatenate to the whole ordered result, no duplicates or gaps',
      async (pageSize) => {
        for (const q of ['tied', 'example', 'per']) {
          const whole = (await search({ q, pageSize: 100 })).items.map(key);
          expect(whole).toEqual(await orderedByDatabase(whole));
          // probeRows 1: every page from the index query; 6: some pages from the probe, some not; 1000: the probe
          // sees every row.
          for (const probeRows of [1, 6, 1000]) {
            const pages = await allPages({ q, pageSize }, { probeRows });
            expect(pages.flat().map(key)).toEqual(whole);
            expect(new Set(pages.flat().map(key)).size).toBe(whole.length);
            expect(pages.slice(0, -1).every((p) => p.length === pageSize)).toBe(true);
            expect(pages[pages.length - 1].length).toBeGreaterThan(0);
          }
        }
      },
    );

    it('gives no cursor on the last page, even when it is full', async () => {
      const exact = await search({ q: 'tied', pageSize: 14 });
      expect(exact.items).toHaveLength(14);
      expect(exact.nextCursor).toBeNull();
      const short = await search({ q: 'tied', pageSize: 13 });
      expect(short.nextCursor).toEqual(expect.any(String));
    });

    it('continues after any valid position (a cursor is only a position)', async () => {
      const after = encodeCursor(['Tied Name', '029', 'K2']);
      const { items } = await search({ q: 'tied', cursor: after });
      expect(items.map((r) => `${r.operatorId}/${r.customerId}`)).toEqual([
        '029/K3',
        '030/K1',
        '030/K10',
        '030/K2',
        '030/K3',
        '029/K0',
      ]);
    });

    it.each([
      'not-a-cursor!',
      'e30',
      Buffer.from('["a","029"]').toString('base64url'),
      "' OR 1=1 --",
      encodeCursor(['a\u0000', '029', 'C1']),
    ])('refuses the cursor %p with INVALID_CURSOR', async (cursor) => {
      await expect(search({ q: 'tied', cursor })).rejects.toMatchObject({ code: 'INVALID_CURSOR', status: 400 });
    });
  });
  // The plan PostgreSQL picks for a selective term on a moderately sized table: the trigram indexes, not a scan.
  (testDbKind() === 'postgres' ? describe : describe.skip)('PostgreSQL plans', () => {
    type PlanNode = { 'Node Type': string; 'Index Name'?: string; Plans?: PlanNode[] };
    const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

    async function plan(params: CustomerSearchParams, statement: 'probe' | 'indexed') {
      const [sql, parameters] = customerSearchQueries(dataSource.manager, params)[statement].getQueryAndParameters();
      // TypeORM's SQL for the search, with its bound parameters.
      const rows = await dataSource.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
        'EXPLAIN (FORMAT JSON) ' + sql,
        parameters,
      );
      return nodes(rows[0]['QUERY PLAN'][0].Plan);
    }

    beforeAll(async () => {
      // 20 000 generated customers (fixed SQL, no input): ten first names, 2 000 surnames. VACUUM merges the GIN
      // pending lists and gives the planner the index statistics it has after autovacuum in real life; with a plain
      // ANALYZE the trigram indexes look dearer than a scan of so small a table.
      await dataSource.query(
        `INSERT INTO customers (operator_id, customer_id, name, email)
         SELECT (ARRAY['029', '030', '000'])[1 + i % 3], 'G' || lpad(i::text, 6, '0'), first || ' Gensur' || (i / 10),
                lower(first) || '.gensur' || i || '@example.org'
         FROM generate_series(1, 20000) AS i,
              LATERAL (SELECT (ARRAY['Ada', 'Ben', 'Cal', 'Dot', 'Eli', 'Fay', 'Gus', 'Hal', 'Ivy', 'Jon'])[1 + i % 10]) AS f(first)`,
      );
      await dataSource.query('VACUUM ANALYZE customers');
    }, 60_000);

    it('answers a selective term from the trigram and customer-id indexes', async () => {
      const q = 'GENSUR1234';
      const used = await plan({ operatorIds: null, q, pageSize: 20 }, 'indexed');
      const indexes = used.filter((n) => n['Node Type'] === 'Bitmap Index Scan').map((n) => n['Index Name']);
      expect(indexes).toEqual(
        expect.arrayContaining([
          'idx_customers_name_trgm',
          'idx_customers_email_trgm',
          'idx_customers_customer_id_lower',
        ]),
      );
      expect(used.map((n) => n['Node Type'])).not.toContain('Seq Scan');
      const found = await search({ q, operatorIds: null, pageSize: 20 });
      // Ten "… Gensur1234" and the customer whose email is "eli.gensur1234@…".
      expect(found.items).toHaveLength(11);
      expect(found.items.every((r) => `${r.name} ${r.email}`.toLowerCase().includes('gensur1234'))).toBe(true);
    });

    it('leaves the email index out for a q with whitespace', async () => {
      const used = await plan({ operatorIds: null, q: 'Ada Gensur1234', pageSize: 20 }, 'indexed');
      const indexes = used.filter((n) => n['Node Type'] === 'Bitmap Index Scan').map((n) => n['Index Name']);
      expect(indexes.sort()).toEqual(['idx_customers_customer_id_lower', 'idx_customers_name_trgm']);
    });

    it('reads the probe in index order for one operator and for all', async () => {
      const one = await plan({ operatorIds: ['030'], q: 'gen', pageSize: 20 }, 'probe');
      expect(one.map((n) => n['Index Name'])).toContain('idx_customers_operator_name_order');
      const all = await plan({ operatorIds: null, q: 'gen', pageSize: 20 }, 'probe');
      expect(all.map((n) => n['Index Name'])).toContain('idx_customers_name_order');
    });
  });
});
