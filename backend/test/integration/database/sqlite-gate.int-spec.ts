import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, EntityManager } from 'typeorm';
import { main as seedCli } from '../../../src/cli/seed';
import { hasSqliteGate } from '../../../src/database/sqlite-gate';
import { Customer } from '../../../src/modules/customers/entities/customer.entity';
import { Mode } from '../../../src/modules/operators/entities/mode.entity';
import { testDbKind } from '../../setup/test-database';
import { FreshDatabase, freshDatabase, openDataSource } from './fresh-database';

/**
 * Concurrent transactions and statements on one DataSource, as concurrent requests issue them. On SQLite they share
 * TypeORM's single connection and the connection gate (src/database/sqlite-gate.ts) keeps them apart; on PostgreSQL
 * each transaction has a pooled connection of its own and the same assertions hold without a gate.
 */
describe(`SQLite connection gate: concurrent transactions (${testDbKind()})`, () => {
  const postgres = testDbKind() === 'postgres';
  let db: FreshDatabase;
  let dataSource: DataSource;

  /** `?` placeholders become `$1, $2…` on PostgreSQL. */
  const sql = (text: string) =>
    postgres
      ? text.replace(
          /\?/g,
          (
            (n) => () =>
              `$${++n}`
          )(0),
        )
      : text;
  const insert = (label: string, manager: EntityManager = dataSource.manager) =>
    manager.query(sql('INSERT INTO gate_probe (label) VALUES (?)'), [label]);
  const count = async (label: string, manager: EntityManager = dataSource.manager) => {
    const [row] = await manager.query<{ n: string | number }[]>(
      sql('SELECT COUNT(*) AS n FROM gate_probe WHERE label = ?'),
      [label],
    );
    return Number(row.n);
  };
  const labels = (prefix: string) => `${prefix}-${Math.random().toString(36).slice(2, 8)}`;

  /** A promise and the function that resolves it: a step one "request" waits for in another. */
  function signal(): { promise: Promise<void>; fire: () => void } {
    let fire!: () => void;
    const promise = new Promise<void>((resolve) => (fire = resolve));
    return { promise, fire };
  }

  beforeAll(async () => {
    db = await freshDatabase('gate');
    dataSource = await openDataSource(db.env);
    await dataSource.runMigrations({ transaction: 'each' });
    await dataSource.query(
      postgres
        ? 'CREATE TABLE gate_probe (id serial PRIMARY KEY, label varchar(100) NOT NULL)'
        : 'CREATE TABLE gate_probe (id integer PRIMARY KEY AUTOINCREMENT, label varchar(100) NOT NULL)',
    );
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('is installed on SQLite only', () => {
    expect(hasSqliteGate(dataSource)).toBe(!postgres);
  });

  it('runs 20 concurrent transactions, each inserting a row, without an error', async () => {
    const label = labels('many');
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          await sleep(i % 3);
          await insert(label, manager);
          await sleep(1);
          return count(label, manager);
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await count(label)).toBe(20);
  });

  it('keeps a plain insert made while another transaction is open when that transaction rolls back', async () => {
    const [kept, lost] = [labels('plain'), labels('rolled-back')];
    const inserted = signal();
    const failing = dataSource.transaction(async (manager) => {
      await insert(lost, manager);
      inserted.fire();
      await sleep(50);
      throw new Error('rollback, please');
    });
    await inserted.promise;
    const plain = (async () => {
      await insert(kept);
      return count(lost);
    })();

    await expect(failing).rejects.toThrow('rollback, please');
    expect(await plain).toBe(0); // the plain request never saw the other transaction's row
    expect(await count(kept)).toBe(1);
    expect(await count(lost)).toBe(0);
  });

  it('never shows a read from outside the uncommitted row of an open transaction', async () => {
    const label = labels('uncommitted');
    const inserted = signal();
    const proceed = signal();
    let callbackDone = false;
    const tx = dataSource.transaction(async (manager) => {
      await insert(label, manager);
      inserted.fire();
      await proceed.promise;
      const seen = await count(label, manager);
      callbackDone = true;
      return seen;
    });
    await inserted.promise;
    const outside = count(label).then((n) => ({ n, callbackDone }));
    await sleep(20);
    proceed.fire();
    expect(await tx).toBe(1);
    const read = await outside;
    // A read that ran while the transaction was open saw nothing; PostgreSQL answers at once (0), the SQLite gate
    // makes it wait for the commit (then 1).
    expect(read.n === 0 || read.callbackDone).toBe(true);
    expect(read.n).toBe(postgres ? 0 : 1);
    expect(await count(label)).toBe(1);
  });

  it('keeps repository.save() from outside (which opens a transaction of its own) out of an open transaction', async () => {
    const label = labels('save');
    const inserted = signal();
    const failing = dataSource.transaction(async (manager) => {
      await insert(label, manager);
      inserted.fire();
      await sleep(30);
      throw new Error('rollback');
    });
    await inserted.promise;
    const id = `g${Math.floor(Math.random() * 90 + 10)}`;
    const saved = dataSource.getRepository(Mode).save({ id, shortDesc: 'gate', longDesc: label });
    await expect(failing).rejects.toThrow('rollback');
    await saved;
    expect(await dataSource.getRepository(Mode).findOneBy({ id })).toMatchObject({ longDesc: label });
    expect(await count(label)).toBe(0);
    await dataSource.getRepository(Mode).delete({ id });
  });

  it('serialises a transaction driven by hand (queryRunner.startTransaction) with others', async () => {
    const label = labels('manual');
    const byHand = async () => {
      const runner = dataSource.createQueryRunner();
      await runner.startTransaction();
      try {
        await runner.query(sql('INSERT INTO gate_probe (label) VALUES (?)'), [label]);
        await sleep(5);
        await runner.query(sql('INSERT INTO gate_probe (label) VALUES (?)'), [label]);
        await runner.commitTransaction();
      } catch (error) {
        await runner.rollbackTransaction();
        throw error;
      } finally {
        await runner.release();
      }
    };
    const withCallback = () => dataSource.transaction((manager) => insert(label, manager));
    const results = await Promise.allSettled([byHand(), withCallback(), byHand(), withCallback(), insert(label)]);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(await count(label)).toBe(7);
  });

  it('nests transactions: savepoints on the manager, and dataSource.transaction inside one does not deadlock', async () => {
    const [outer, inner, undone, independent] = [labels('outer'), labels('inner'), labels('undone'), labels('ds')];
    await dataSource.transaction(async (manager) => {
      await insert(outer, manager);
      await manager.transaction((nested) => insert(inner, nested));
      await expect(
        manager.transaction(async (nested) => {
          await insert(undone, nested);
          throw new Error('undo the savepoint only');
        }),
      ).rejects.toThrow('undo the savepoint only');
      // On SQLite a savepoint of this transaction; on PostgreSQL a transaction on another pooled connection.
      await dataSource.transaction((other) => insert(independent, other));
      expect(await count(undone, manager)).toBe(0);
    });
    expect([await count(outer), await count(inner), await count(undone), await count(independent)]).toEqual([
      1, 1, 0, 1,
    ]);
  });

  it('lets the seed CLI run on its DataSource (migrations, catalogue, batched transactions)', async () => {
    const seedDb = await freshDatabase('gate_seed');
    // The CLI reads its configuration from the environment, as `npm run seed` does.
    const saved = Object.fromEntries(Object.keys(seedDb.env).map((key) => [key, process.env[key]]));
    const write = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      Object.assign(process.env, seedDb.env);
      await seedCli(['--customers', '50', '--batch', '10']);
      const output = write.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(output).toMatch(/Done: 50 customers/);
    } finally {
      write.mockRestore();
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
    const check = await openDataSource(seedDb.env);
    try {
      expect(await check.getRepository(Customer).count()).toBe(50);
    } finally {
      await check.destroy();
      await seedDb.drop();
    }
  });
});
