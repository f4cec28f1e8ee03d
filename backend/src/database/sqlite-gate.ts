import { AsyncLocalStorage } from 'node:async_hooks';
import { DataSource, DataSourceOptions, EntityManager, QueryRunner, ReplicationMode } from 'typeorm';

/**
 * SQLite connection gate: concurrent requests get transactions of their own on TypeORM's better-sqlite3 driver.
 *
 * That driver has one connection and one shared query runner (`createQueryRunner()` always returns the same object),
 * so, unguarded, two `dataSource.transaction(...)` calls at once interleave BEGIN/COMMIT on that connection and fail
 * ("cannot start a transaction within a transaction"), and any statement another request issues while a transaction
 * is open (between its awaits) runs inside it: lost if it rolls back, and able to read its uncommitted rows.
 *
 * The gate makes the shared runner behave like a connection taken from a pool of one:
 * - transactions take turns (FIFO) — `EntityManager.transaction()` (hence `dataSource.transaction()`) and
 *   hand-driven ones (`queryRunner.startTransaction()`, which `repository.save()`, migrations and the seeder use);
 * - the transaction runs in an AsyncLocalStorage context carrying its id; a statement from that context runs at once,
 *   a statement from any other context waits, in the same queue, until the transaction has committed or rolled back.
 *   (better-sqlite3 runs each statement synchronously, so a statement outside a transaction is atomic by itself.)
 * - seen from outside that context, `queryRunner.isTransactionActive` is false, so TypeORM's own "open a transaction
 *   unless one is active" (`save()`, `remove()`) opens one of its own instead of joining another request's;
 * - `transaction()` or `startTransaction()` inside an open transaction's context nest as TypeORM savepoints (never
 *   waiting for themselves); sibling nested transactions of one context take turns.
 * - transactions begin IMMEDIATE (they take the file's write lock at BEGIN), so a commit on another connection to the
 *   same file (the audit writer thread's) never makes a transaction's later write fail with SQLITE_BUSY.
 * With no transaction open, a statement costs one null check and a counter. PostgreSQL is not gated: its pool gives
 * each transaction a connection of its own.
 *
 * Limits. A transaction opened with `startTransaction()` outside `transaction()` binds its caller's async context
 * with `AsyncLocalStorage.enterWith`: what continues from that call is its own — including other work started in the
 * same synchronous stretch right after the call, which shares that context (TypeORM's own callers, `save()` and
 * migrations, always await before they open one; application code should use `transaction(cb)`). A transaction's
 * callback must not await work another request started meanwhile (that work waits for the transaction: deadlock).
 */

/** The async context of a transaction (or one of its nested transactions). */
interface GateContext {
  readonly txId: number;
  /** The context `transaction()` runs its transaction in: its first `startTransaction()` is the BEGIN. */
  readonly begins?: boolean;
  /** The last nested transaction started from this context: siblings run one after another. */
  nestedTail?: Promise<unknown>;
}

/** TypeORM's shared SQLite query runner, with the BaseQueryRunner members the gate reads. */
interface SharedRunner extends QueryRunner {
  isTransactionActive: boolean;
  transactionDepth: number;
}

interface SqliteDriver {
  createQueryRunner(mode: ReplicationMode): QueryRunner;
  databaseConnection?: { inTransaction: boolean; exec(sql: string): unknown };
}

type Method = (...args: unknown[]) => Promise<unknown>;

const GATES = new WeakMap<DataSource, SqliteConnectionGate>();

/** A DataSource (not yet initialised) with the SQLite connection gate installed when the driver is better-sqlite3. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  installSqliteGate(dataSource);
  return dataSource;
}

/**
 * Installs the SQLite connection gate on a better-sqlite3 DataSource (no-op for other drivers, idempotent). Install it
 * before the first query, ideally before `initialize()` (as `createDataSource` does), so migrations run gated too.
 */
export function installSqliteGate(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3' || GATES.has(dataSource)) return;
  GATES.set(dataSource, new SqliteConnectionGate(dataSource));
}

/** Whether the gate is installed on a DataSource (for tests and diagnostics). */
export function hasSqliteGate(dataSource: DataSource): boolean {
  return GATES.has(dataSource);
}

class SqliteConnectionGate {
  private readonly context = new AsyncLocalStorage<GateContext>();
  /** The transaction holding the connection, null when none. */
  private owner: number | null = null;
  /** Whether the owner opened with `startTransaction()` (released at its COMMIT/ROLLBACK) or `transaction()`. */
  private ownerIsManual = false;
  /** Statements from outside any transaction between their admission and their end. */
  private outside = 0;
  private onDrained: (() => void) | null = null;
  /** Transactions (txId) and outside statements (null) waiting for the connection, first come first served. */
  private readonly waiting: { txId: number | null; grant: () => void }[] = [];
  private lastTxId = 0;
  /** The runner's own "in a transaction" flag (TypeORM's property becomes a context-aware view of it). */
  private transactionOpen = false;
  private runner: SharedRunner | null = null;
  private readonly gatedManagers = new WeakSet<EntityManager>();

  constructor(private readonly dataSource: DataSource) {
    const driver = dataSource.driver as unknown as SqliteDriver;
    const createQueryRunner = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode) => this.adoptRunner(createQueryRunner(mode) as SharedRunner);
    this.guardManager(dataSource.manager);
    const createEntityManager = dataSource.createEntityManager.bind(dataSource);
    dataSource.createEntityManager = (queryRunner?: QueryRunner) => this.guardManager(createEntityManager(queryRunner));
  }

  /** True in the async context of the transaction holding the connection. */
  private insideOwner(): boolean {
    return this.owner !== null && this.context.getStore()?.txId === this.owner;
  }

  /** True in that context once its BEGIN has run: a transaction started there nests (savepoint). */
  private insideOpenTransaction(): boolean {
    return this.transactionOpen && this.insideOwner();
  }

  private guardManager(manager: EntityManager): EntityManager {
    if (this.gatedManagers.has(manager)) return manager;
    this.gatedManagers.add(manager);
    const transaction = manager.transaction.bind(manager) as Method;
    (manager as unknown as { transaction: Method }).transaction = (...args) =>
      this.transaction(() => transaction(...args));
    return manager;
  }

  /** `EntityManager.transaction()`: takes its turn, then runs (callback included) in a context of its own. */
  private async transaction(run: () => Promise<unknown>): Promise<unknown> {
    const current = this.context.getStore();
    if (current && this.insideOpenTransaction()) return this.nested(current, run);
    const txId = ++this.lastTxId;
    await this.acquire(txId, false);
    try {
      return await this.context.run({ txId, begins: true }, run);
    } finally {
      if (this.transactionOpen) this.forceIdle();
      this.release();
    }
  }

  /** A transaction inside the open one: a savepoint on the same runner; siblings of one context take turns. */
  private nested(parent: GateContext, run: () => Promise<unknown>): Promise<unknown> {
    const result = (parent.nestedTail ?? Promise.resolve()).then(() => this.context.run({ txId: parent.txId }, run));
    parent.nestedTail = result.catch(() => undefined);
    return result;
  }

  private adoptRunner(runner: SharedRunner): SharedRunner {
    if (this.runner === runner) return runner;
    this.runner = runner;
    this.transactionOpen = runner.isTransactionActive;
    Object.defineProperty(runner, 'isTransactionActive', {
      configurable: true,
      enumerable: true,
      get: () => this.transactionOpen && (this.owner === null || this.insideOwner()),
      set: (open: boolean) => {
        this.transactionOpen = open;
      },
    });

    const query = runner.query.bind(runner) as Method;
    runner.query = ((...args: unknown[]) => {
      // Transactions take the write lock when they begin. Another connection to the file (the audit writer thread
      // has one) may commit while a deferred transaction is open; that transaction's first write would then fail
      // at once with SQLITE_BUSY (its snapshot is stale) instead of waiting. IMMEDIATE waits, at BEGIN, for up to
      // busy_timeout, and the transaction then runs to its end without that failure.
      if (args[0] === 'BEGIN TRANSACTION') args[0] = 'BEGIN IMMEDIATE TRANSACTION';
      return this.statement(() => query(...args));
    }) as QueryRunner['query'];

    const start = runner.startTransaction.bind(runner);
    runner.startTransaction = (isolationLevel) => {
      // A savepoint inside the open transaction, or the BEGIN of the transaction `transaction()` runs.
      if (this.insideOpenTransaction() || (this.context.getStore()?.begins && this.insideOwner())) {
        return start(isolationLevel);
      }
      // A transaction opened by hand from outside: the caller's context (synchronously, before any await) becomes it.
      const txId = ++this.lastTxId;
      this.context.enterWith({ txId });
      return this.acquire(txId, true)
        .then(() => start(isolationLevel))
        .catch((error: unknown) => {
          if (this.owner === txId && !this.transactionOpen) this.release();
          throw error;
        });
    };

    const commit = runner.commitTransaction.bind(runner);
    runner.commitTransaction = async () => {
      try {
        await commit();
      } finally {
        this.afterManualEnd();
      }
    };

    const rollback = runner.rollbackTransaction.bind(runner);
    runner.rollbackTransaction = async () => {
      const inside = this.insideOwner();
      try {
        await rollback();
      } finally {
        // SQLite may already have rolled the whole transaction back (then ROLLBACK fails): catch TypeORM up.
        if (inside && this.transactionOpen && !this.driverConnection()?.inTransaction) this.resetRunner();
        this.afterManualEnd();
      }
    };
    return runner;
  }

  /** A statement: at once from the owner's context or when the connection is free, else after its turn. */
  private statement(run: () => Promise<unknown>): Promise<unknown> {
    if (this.owner === null) {
      this.outside++;
      return run().finally(() => this.outsideDone());
    }
    if (this.insideOwner()) return run();
    return new Promise<void>((grant) => this.waiting.push({ txId: null, grant })).then(() =>
      // Counted as outside by release(), which admitted it.
      run().finally(() => this.outsideDone()),
    );
  }

  private outsideDone(): void {
    this.outside--;
    if (this.outside === 0 && this.onDrained) {
      const drained = this.onDrained;
      this.onDrained = null;
      drained();
    }
  }

  /** Waits for the connection, then for outside statements already admitted (so none lands in the transaction). */
  private async acquire(txId: number, manual: boolean): Promise<void> {
    if (this.owner === null) this.owner = txId;
    else await new Promise<void>((grant) => this.waiting.push({ txId, grant }));
    this.ownerIsManual = manual;
    if (this.outside > 0) await new Promise<void>((drained) => (this.onDrained = drained));
  }

  /** Frees the connection: admits the outside statements queued up to the next transaction, which becomes owner. */
  private release(): void {
    this.owner = null;
    this.ownerIsManual = false;
    for (let next = this.waiting.shift(); next; next = this.waiting.shift()) {
      if (next.txId === null) {
        this.outside++;
        next.grant();
      } else {
        this.owner = next.txId;
        next.grant();
        return;
      }
    }
  }

  /** After a COMMIT/ROLLBACK: a transaction opened by hand frees the connection once it is over (not a savepoint). */
  private afterManualEnd(): void {
    if (this.ownerIsManual && this.insideOwner() && !this.transactionOpen) this.release();
  }

  /** A `transaction()` whose COMMIT and ROLLBACK both failed: the connection must not stay in it. */
  private forceIdle(): void {
    const connection = this.driverConnection();
    try {
      if (connection?.inTransaction) connection.exec('ROLLBACK');
    } catch (error) {
      this.dataSource.logger.log('warn', `SQLite gate: forced ROLLBACK failed: ${String(error)}`);
    }
    this.resetRunner();
  }

  private resetRunner(): void {
    this.transactionOpen = false;
    if (this.runner) this.runner.transactionDepth = 0;
  }

  private driverConnection(): SqliteDriver['databaseConnection'] {
    return (this.dataSource.driver as unknown as SqliteDriver).databaseConnection;
  }
}
