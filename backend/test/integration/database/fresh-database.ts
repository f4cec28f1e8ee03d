import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig, loadConfig } from '../../../src/config/app-config';
import { buildDataSourceOptions } from '../../../src/database/data-source-options';
import { createDataSource } from '../../../src/database/sqlite-gate';
import { createPostgresDatabase, dropPostgresDatabase, testDatabaseEnv, testDbKind } from '../../setup/test-database';

/**
 * An empty database of its own for tests that need one (migrating down, "no admin yet"), beside the run's shared
 * database: a new SQLite file in the run's directory, or a new PostgreSQL database on the run's server, dropped by
 * `drop()`.
 */
export interface FreshDatabase {
  env: NodeJS.ProcessEnv;
  drop(): Promise<void>;
}

export async function freshDatabase(label: string): Promise<FreshDatabase> {
  const suffix = `${label}_${randomBytes(3).toString('hex')}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  if (testDbKind() === 'sqlite') return { env: testDatabaseEnv(`${suffix}.sqlite`), drop: () => Promise.resolve() };

  const name = `${process.env.TEST_DATABASE_NAME}_${suffix}`.slice(0, 63);
  const url = await createPostgresDatabase(name);
  return { env: { DATABASE_URL: url }, drop: () => dropPostgresDatabase(name) };
}

/** A test configuration for a database environment, with overridable variables. */
export function testConfig(env: NodeJS.ProcessEnv, overrides: NodeJS.ProcessEnv = {}): AppConfig {
  return loadConfig({ ...env, NODE_ENV: 'test', ...overrides });
}

/** A plain, initialised DataSource (no Nest, SQLite connection gate installed, as the app's) for a database environment. */
export async function openDataSource(env: NodeJS.ProcessEnv): Promise<DataSource> {
  const dataSource = createDataSource(buildDataSourceOptions(testConfig(env)));
  return dataSource.initialize();
}
