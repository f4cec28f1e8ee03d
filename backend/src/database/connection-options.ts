import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
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
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
      // A connection waits up to 5 s for another one's write to end (the audit writer thread has a connection of its
      // own; transactions begin IMMEDIATE, see sqlite-gate.ts, so a wait happens at BEGIN, never half-way).
      db.pragma('busy_timeout = 5000');
      // With WAL, NORMAL syncs the log at checkpoints instead of on every commit (FULL, the default): commits
      // survive a crash of the process, the file never corrupts, and only a power loss or OS crash may undo the
      // last commits. SQLite's recommended setting for WAL; it makes every write transaction cheaper.
      db.pragma('synchronous = NORMAL');
    },
  };
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
