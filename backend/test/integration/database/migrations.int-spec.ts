import { DataSource } from 'typeorm';
import { ENTITIES } from '../../../src/database/entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from '../../../src/database/migrations';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource } from './fresh-database';

/**
 * Entities and migrations must describe the same schema: after all migrations on an empty database, TypeORM's
 * schema builder must find nothing to change. Fails when an entity changed without `npm run migration:generate`.
 */
describe(`migrations (${testDbKind()})`, () => {
  let db: FreshDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    db = await freshDatabase('migrations');
    dataSource = await openDataSource(db.env);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  const pendingSchemaChanges = async () =>
    (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);

  const appTables = async () => {
    const runner = dataSource.createQueryRunner();
    try {
      const present: string[] = [];
      for (const { tableName } of dataSource.entityMetadatas)
        if (await runner.hasTable(tableName)) present.push(tableName);
      return present;
    } finally {
      await runner.release();
    }
  };

  it('applies every migration of this driver, in order, on an empty database', async () => {
    const expected = (testDbKind() === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS).map((m) => new m().name);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('leaves nothing for the schema builder to do (entities and migrations agree)', async () => {
    expect(await pendingSchemaChanges()).toEqual([]);
    expect((await appTables()).length).toBe(ENTITIES.length);
  });

  it('reverts every migration and applies them again', async () => {
    const count = await dataSource.query<{ n: number | string }[]>(`SELECT COUNT(*) AS n FROM "migrations"`);
    for (let i = 0; i < Number(count[0].n); i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await appTables()).toEqual([]);
    expect(await dataSource.showMigrations()).toBe(true);

    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
    expect(await pendingSchemaChanges()).toEqual([]);
  });
});
