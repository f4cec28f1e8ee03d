import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { connectionOptions } from './connection-options';
import { ENTITIES } from './entities';
import { POSTGRES_MIGRATIONS, SQLITE_MIGRATIONS } from './migrations';

/**
 * TypeORM options for the configured database: its connection (connection-options.ts), every entity, and the
 * migrations of its driver (one generated set per driver, see docs/architecture.md).
 */
export function buildDataSourceOptions(config: Pick<AppConfig, 'database'>): DataSourceOptions {
  const migrations = config.database.type === 'postgres' ? POSTGRES_MIGRATIONS : SQLITE_MIGRATIONS;
  return { ...connectionOptions(config.database), entities: ENTITIES, migrations };
}
