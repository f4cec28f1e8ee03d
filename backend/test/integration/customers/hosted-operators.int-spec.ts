import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../src/database/migrations';
import { ensureCatalogue } from '../../../src/database/seed/catalogue-seeder';
import { markAccountsHosted, seedDemoCustomers } from '../../../src/database/seed/demo/demo-customer-seeder';
import { createDataSource } from '../../../src/database/sqlite-gate';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { Purchase } from '../../../src/modules/customers/entities/purchase.entity';
import { DirectoryVersion } from '../../../src/modules/operators/entities/directory-version.entity';
import { Operator } from '../../../src/modules/operators/entities/operator.entity';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource, testConfig } from '../database/fresh-database';

const MIGRATIONS = testDbKind() === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
const HOSTED_MIGRATION = 'OperatorAccountsHosted';

/** Rows in the schema before that migration (the entities already have the new column, so plain SQL). */
const SQLITE_SQL = {
  mode: 'INSERT INTO "modes" ("id", "short_desc", "long_desc") VALUES (?, ?, ?)',
  operator: 'INSERT INTO "operators" ("id", "name", "customer_account_url") VALUES (?, ?, ?)',
  customer: 'INSERT INTO "customers" ("operator_id", "customer_id", "name", "email") VALUES (?, ?, ?, ?)',
};
const POSTGRES_SQL = {
  mode: 'INSERT INTO "modes" ("id", "short_desc", "long_desc") VALUES ($1, $2, $3)',
  operator: 'INSERT INTO "operators" ("id", "name", "customer_account_url") VALUES ($1, $2, $3)',
  customer: 'INSERT INTO "customers" ("operator_id", "customer_id", "name", "email") VALUES ($1, $2, $3, $4)',
};

/** `operators.accounts_hosted`: the migration marks operators that already have customers, the demo seeder too. */
describe(`hosted operators (${testDbKind()})`, () => {
  describe('the OperatorAccountsHosted migration on a database that already holds customers', () => {
    let db: FreshDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      db = await freshDatabase('hosted_migration');
      const index = MIGRATIONS.findIndex((m) => (new m().name ?? '').startsWith(HOSTED_MIGRATION));
      expect(index).toBeGreaterThan(0);
      // The schema as it was before the migration, with a customer and a purchase at operator 801.
      const before = createDataSource({
        ...buildDataSourceOptions(testConfig(db.env)),
        migrations: MIGRATIONS.slice(0, index),
      });
      await before.initialize();
      try {
        await before.runMigrations({ transaction: 'each' });
        const sql = testDbKind() === 'postgres' ? POSTGRES_SQL : SQLITE_SQL;
        await before.query(sql.mode, ['007', 'bus', 'bus']);
        for (const id of ['801', '802']) {
          await before.query(sql.operator, [id, `Operator ${id}`, `https://op${id}.example.org/oti/`]);
        }
        await before.query(sql.customer, ['801', 'C000001', 'Jane Doe', 'jane@example.com']);
      } finally {
        await before.destroy();
      }
      dataSource = await openDataSource(db.env);
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    it('keeps every row, and marks the operators with customers as hosted', async () => {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      expect(applied.map((m) => m.name)).toContainEqual(expect.stringMatching(new RegExp(`^${HOSTED_MIGRATION}`)));
      const operators = await dataSource.getRepository(Operator).find({ order: { id: 'ASC' } });
      expect(operators.map((o) => [o.id, o.accountsHosted, o.customerAccountUrl])).toEqual([
        ['801', true, 'https://op801.example.org/oti/'],
        ['802', false, 'https://op802.example.org/oti/'],
      ]);
      expect(await dataSource.getRepository(Customer).countBy({ operatorId: '801' })).toBe(1);
      if (testDbKind() === 'sqlite') expect(await dataSource.query('PRAGMA foreign_key_check')).toEqual([]);
    });
  });

  describe('the demo seeder', () => {
    let db: FreshDatabase;
    let dataSource: DataSource;

    beforeAll(async () => {
      db = await freshDatabase('hosted_seed');
      dataSource = await openDataSource(db.env);
      await dataSource.runMigrations({ transaction: 'each' });
      await dataSource.transaction((manager) => ensureCatalogue(manager));
    });

    afterAll(async () => {
      await dataSource?.destroy();
      await db?.drop();
    });

    const hosted = async () =>
      (await dataSource.getRepository(Operator).find({ where: { accountsHosted: true }, order: { id: 'ASC' } })).map(
        (o) => o.id,
      );
    const version = async () => (await dataSource.getRepository(DirectoryVersion).findOneBy({ id: 1 }))?.version ?? 0;

    it('marks the operators it generated customers for as hosted, and bumps the directory version', async () => {
      expect(await hosted()).toEqual([]);
      const before = await version();
      const result = await seedDemoCustomers(dataSource, { customers: 10, recordsPerKind: { min: 1, max: 1 } });
      expect(await hosted()).toEqual(Object.keys(result.byOperator).sort());
      expect(await hosted()).toEqual(expect.arrayContaining(['029', '030']));
      expect(await version()).toBe(before + 1);
      expect(await dataSource.getRepository(Purchase).count()).toBe(10);
    });

    it('leaves operators already hosted (and the version) alone', async () => {
      const before = await version();
      expect(await markAccountsHosted(dataSource, ['029', '030'])).toEqual([]);
      expect(await markAccountsHosted(dataSource, [])).toEqual([]);
      expect(await version()).toBe(before);
    });
  });
});
