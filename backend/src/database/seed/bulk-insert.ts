import { Driver, EntityMetadata, EntityTarget, ObjectLiteral, QueryRunner } from 'typeorm';

type ColumnMetadata = EntityMetadata['columns'][number];

/**
 * Fast multi-row inserts for seeding, driven by the entity metadata (so they follow the entities' columns) and fully
 * parameterised (values never enter the SQL text).
 *
 * - SQLite: TypeORM's query builder, `INSERT … VALUES (…), (…)` in chunks that stay under SQLite's 32766 bound
 *   parameters per statement.
 * - PostgreSQL: one `INSERT … SELECT * FROM unnest($1::type[], $2::type[], …)` per batch: one array parameter per
 *   column, whatever the number of rows, so a 5000-row batch is one short statement that the server parses once
 *   (no 65535-parameter limit, no per-row SQL text).
 *
 * Rows are entity-shaped objects (embedded values nested, e.g. `{ transaction: { price: { amount } } }`) of one shape:
 * the columns the first row gives a value are written (`undefined` in a later row becomes NULL), the others get the
 * database default.
 */
export interface BulkInserter {
  insert<T extends ObjectLiteral>(runner: QueryRunner, target: EntityTarget<T>, rows: ObjectLiteral[]): Promise<void>;
  /** Reserves `count` values of an integer generated primary key, for rows that other rows must reference. */
  allocateIds(runner: QueryRunner, target: EntityTarget<ObjectLiteral>, count: number): Promise<number[]>;
}

const SQLITE_MAX_PARAMETERS = 32766;

export function createBulkInserter(driver: 'postgres' | 'sqlite'): BulkInserter {
  return driver === 'postgres' ? postgresInserter : sqliteInserter;
}

/** The columns to write: those the first row gives a value (rows of one batch share a shape). */
function insertedColumns(metadata: EntityMetadata, rows: ObjectLiteral[]): ColumnMetadata[] {
  return metadata.columns.filter((column) => !column.isVirtual && column.getEntityValue(rows[0]) !== undefined);
}

function singleGeneratedKey(metadata: EntityMetadata): ColumnMetadata {
  const [key] = metadata.primaryColumns;
  if (metadata.primaryColumns.length !== 1 || key.generationStrategy !== 'increment') {
    throw new Error(`${metadata.tableName}: allocateIds needs a single generated integer primary key`);
  }
  return key;
}

const range = (first: number, count: number) => Array.from({ length: count }, (_, i) => first + i);

const sqliteInserter: BulkInserter = {
  async insert<T extends ObjectLiteral>(runner: QueryRunner, target: EntityTarget<T>, rows: ObjectLiteral[]) {
    if (rows.length === 0) return;
    const metadata = runner.connection.getMetadata(target);
    const perStatement = Math.max(1, Math.floor(SQLITE_MAX_PARAMETERS / insertedColumns(metadata, rows).length) - 1);
    for (let i = 0; i < rows.length; i += perStatement) {
      await runner.manager
        .createQueryBuilder()
        .insert()
        .into(target)
        .values(rows.slice(i, i + perStatement) as T[])
        .updateEntity(false)
        .callListeners(false)
        .execute();
    }
  },

  async allocateIds(runner, target, count) {
    // SQLite has one writer at a time; inside the caller's transaction the next ids are free to take. AUTOINCREMENT
    // never reuses an id, so start above both the highest row and the table's sqlite_sequence entry.
    const metadata = runner.connection.getMetadata(target);
    const key = singleGeneratedKey(metadata);
    const table = runner.connection.driver.escape(metadata.tableName);
    const [{ highest }] = (await runner.query(
      `SELECT MAX(${runner.connection.driver.escape(key.databaseName)}) AS highest FROM ${table}`,
    )) as { highest: number | null }[];
    const sequence = (await runner.query(`SELECT seq FROM sqlite_sequence WHERE name = ?`, [metadata.tableName])) as {
      seq: number;
    }[];
    return range(Math.max(highest ?? 0, sequence[0]?.seq ?? 0) + 1, count);
  },
};

interface ColumnReader {
  column: ColumnMetadata;
  /** Element type of the array parameter. */
  arrayType: string;
  /** Turns the unnested value `u.cN` into the column value. */
  select: (alias: string) => string;
  /** Reads the column's value from an entity-shaped row, in the form node-postgres sends. */
  read: (row: ObjectLiteral) => unknown;
}

const readers = new WeakMap<EntityMetadata, ColumnReader[]>();

/**
 * Per-column readers, built once per entity: a direct property walk instead of TypeORM's generic getEntityValue, and
 * the driver's conversion only where one is needed (JSON, transformers). Instants travel as epoch seconds
 * (`float8`, turned back with `to_timestamp`): cheaper to produce and to parse than ISO strings, same microseconds.
 */
function columnReaders(driver: Driver, metadata: EntityMetadata): ColumnReader[] {
  let cached = readers.get(metadata);
  if (cached) return cached;
  cached = metadata.columns
    .filter((c) => !c.isVirtual)
    .map((column): ColumnReader => {
      const path = column.propertyPath.split('.');
      const get = (row: ObjectLiteral): unknown => {
        let value: unknown = row;
        for (const key of path)
          value = value === null || value === undefined ? undefined : (value as ObjectLiteral)[key];
        return value;
      };
      const type = driver.normalizeType(column);
      const plain = !column.transformer && ['integer', 'character varying', 'text', 'boolean', 'uuid'].includes(type);
      if (plain) return { column, arrayType: type, select: (u) => u, read: (row) => get(row) ?? null };
      if (!column.transformer && type === 'timestamp with time zone') {
        return {
          column,
          arrayType: 'float8',
          select: (u) => `to_timestamp(${u})`,
          read: (row) => {
            const value = get(row);
            return value instanceof Date
              ? value.getTime() / 1000
              : value === null || value === undefined
                ? null
                : new Date(value as string).getTime() / 1000;
          },
        };
      }
      return {
        column,
        arrayType: type,
        select: (u) => u,
        read: (row) => (driver.preparePersistentValue(get(row), column) as unknown) ?? null,
      };
    });
  readers.set(metadata, cached);
  return cached;
}

const postgresInserter: BulkInserter = {
  async insert(runner, target, rows) {
    if (rows.length === 0) return;
    const { driver } = runner.connection;
    const metadata = runner.connection.getMetadata(target);
    const columns = columnReaders(driver, metadata).filter(
      ({ column }) => column.getEntityValue(rows[0]) !== undefined,
    );
    const parameters = columns.map(({ read }) => rows.map(read));
    const names = columns.map(({ column }) => driver.escape(column.databaseName)).join(', ');
    const selects = columns.map(({ select }, i) => select(`u.c${i}`)).join(', ');
    const arrays = columns.map(({ arrayType }, i) => `$${i + 1}::${arrayType}[]`).join(', ');
    const aliases = columns.map((_, i) => `c${i}`).join(', ');
    await runner.query(
      `INSERT INTO ${driver.escape(metadata.tableName)} (${names}) ` +
        `SELECT ${selects} FROM unnest(${arrays}) AS u(${aliases})`,
      parameters,
    );
  },

  async allocateIds(runner, target, count) {
    if (count === 0) return [];
    const metadata = runner.connection.getMetadata(target);
    const key = singleGeneratedKey(metadata);
    const rows = (await runner.query(
      `SELECT nextval(pg_get_serial_sequence($1, $2))::integer AS id FROM generate_series(1, $3)`,
      [runner.connection.driver.escape(metadata.tableName), key.databaseName, count],
    )) as { id: number }[];
    return rows.map((r) => r.id);
  },
};
