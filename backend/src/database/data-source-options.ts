import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { COLUMN_DRIVER } from './columns';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';
import { SnakeNamingStrategy } from './naming-strategy';

/**
 * TypeORM options for the configured database. Schema changes happen only through migrations
 * (one generated set per driver, see docs/architecture.md); `synchronize` is never on.
 */
export function buildDataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  assertColumnDriver(config.database.type);
  const namingStrategy = new SnakeNamingStrategy();
  if (config.database.type === 'postgres') {
    return {
      type: 'postgres',
      url: config.database.url,
      entities: ENTITIES,
      namingStrategy,
      migrations: POSTGRES_MIGRATIONS,
      migrationsTableName: 'migrations',
      synchronize: false,
      extra: { max: 20 },
    };
  }
  const path = resolve(config.database.path);
  mkdirSync(dirname(path), { recursive: true });
  return {
    type: 'better-sqlite3',
    database: path,
    entities: ENTITIES,
    namingStrategy,
    migrations: SQLITE_MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    // WAL lets readers run during writes; foreign keys are off by default in SQLite.
    enableWAL: true,
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('foreign_keys = ON');
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
