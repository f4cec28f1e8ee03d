import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { DataSourceOptions } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { COLUMN_DRIVER } from './columns';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * How to reach the configured database, without entities or migrations (buildDataSourceOptions adds the app's; the
 * audit writer thread adds its three tables only). Schema changes happen only through migrations; `synchronize` is
 * never on.
 */
export function connectionOptions(
  database: AppConfig['database'],
  { poolSize = 20 }: { poolSize?: number } = {},
): DataSourceOptions {
  assertColumnDriver(database.type);
  const namingStrategy = new SnakeNamingStrategy();
  if (database.type === 'postgres') {
    return {
      type: 'postgres',
      url: database.url,
      namingStrategy,
      migrationsTableName: 'migrations',
      synchronize: false,
      extra: { max: poolSize },
    };
  }
  const path = resolve(database.path);
  mkdirSync(dirname(path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: path,
    namingStrategy,
    migrationsTableName: 'migrations',
    synchronize: false,
    // WAL lets readers run during writes; foreign keys are off by default in SQLite.
    enableWAL: true,
    prepareDatabase: (db: Database.Database) => {
      db.pragma('foreign_keys = ON');
      // A connection waits up to 5 s for another one's write to end (the audit writer thread has a connection of its
      // own; transactions begin IMMEDIATE, see sqlite-gate.ts, so a wait happens at BEGIN, never half-way).
      db.pragma('busy_timeout = 5000');
      // With WAL, NORMAL syncs the log at checkpoints instead of on every commit (FULL, the default): commits
      // survive a crash of the process, the file never corrupts, and only a power loss or OS crash may undo the
      // last commits. SQLite's recommended setting for WAL; it makes every write transaction cheaper.
      db.pragma('synchronous = NORMAL');
      registerUnicodeCaseFunctions(db);
    },
  };
}

/**
 * Replaces SQLite's `lower()` and `upper()` with Unicode-aware ones. The built-ins fold ASCII only (`lower('ÖBB')` is
 * `'Öbb'`), while PostgreSQL's follow the database's locale (C.UTF-8 and the usual UTF-8 locales fold every letter) and
 * the in-memory searches use JavaScript's `toLowerCase()`. Without this, SQL filters such as `LOWER(col) LIKE
 * LOWER(:p)` (the operators export, customer search, user and audit filters) would miss "ÖBB" for `öbb` or "Élodie"
 * for `élodie` on SQLite only. No SQLite index, view or constraint uses either function, so nothing stored depends on
 * the ASCII-only result. Other values behave as the built-ins': NULL stays NULL; a number or blob is folded in its
 * text form (`lower(12)` is `'12'`, `upper(1e20)` is `'1.0E+20'`).
 */
function registerUnicodeCaseFunctions(db: Database.Database): void {
  // safeIntegers: INTEGER arguments arrive as exact bigints, REAL ones as numbers, so the two can be told apart.
  const options = { deterministic: true, safeIntegers: true };
  db.function('lower', options, (value: unknown) => (value === null ? null : sqliteText(value).toLowerCase()));
  db.function('upper', options, (value: unknown) => (value === null ? null : sqliteText(value).toUpperCase()));
}

let textConverter: Database.Statement<[unknown], string> | undefined;

/**
 * The text SQLite makes of a value, as its built-ins do before folding. A REAL's text (`'1.0'`, `'1.0e+20'`,
 * `'0.33333333333333332'`) is SQLite's own format, so reals and blobs go through a private in-memory database (a
 * function cannot run statements on the connection that is calling it); it opens only if such a value ever comes.
 */
function sqliteText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  textConverter ??= new Database(':memory:').prepare<[unknown], string>('SELECT CAST(? AS TEXT)').pluck();
  return textConverter.get(value) ?? '';
}

/**
 * Entity column types were fixed from DATABASE_URL when the entity files were imported (see columns.ts); a DataSource
 * for the other driver would get wrong types, so it is refused with a clear message.
 */
function assertColumnDriver(type: AppConfig['database']['type']): void {
  if (type !== COLUMN_DRIVER) {
    throw new Error(
      `Database driver mismatch: the configuration selects ${type} but the entities were loaded for ${COLUMN_DRIVER} ` +
        '(decided from process.env.DATABASE_URL at import time). Set DATABASE_URL in the environment before start-up.',
    );
  }
}
