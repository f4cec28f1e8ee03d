import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/**
 * Each integration run gets a database of its own that it creates and drops:
 * TEST_DB=sqlite (default) → a temp directory for SQLite files;
 * TEST_DB=postgres → a fresh database created on the server named by DATABASE_URL.
 */
export type TestDbKind = 'sqlite' | 'postgres';

export function testDbKind(): TestDbKind {
  const kind = process.env.TEST_DB ?? 'sqlite';
  if (kind !== 'sqlite' && kind !== 'postgres') throw new Error(`TEST_DB must be sqlite or postgres, not ${kind}`);
  if (kind === 'postgres' && !process.env.DATABASE_URL) throw new Error('TEST_DB=postgres needs DATABASE_URL');
  return kind;
}

export async function createTestDatabase(): Promise<void> {
  if (testDbKind() === 'postgres') {
    const name = `oth_it_${Date.now()}_${randomBytes(3).toString('hex')}`;
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const url = new URL(process.env.DATABASE_URL!);
    url.pathname = `/${name}`;
    process.env.TEST_DATABASE_URL = url.toString();
    process.env.TEST_DATABASE_NAME = name;
  } else {
    process.env.TEST_SQLITE_DIR = mkdtempSync(join(tmpdir(), 'oth-it-'));
  }
}

export async function dropTestDatabase(): Promise<void> {
  if (process.env.TEST_DATABASE_NAME) {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${process.env.TEST_DATABASE_NAME}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  }
  if (process.env.TEST_SQLITE_DIR) rmSync(process.env.TEST_SQLITE_DIR, { recursive: true, force: true });
}

/**
 * Database settings for an app instance under test. All instances of one run share one database (one SQLite file
 * or the run's PostgreSQL database), so two instances see the same state; tests create their own rows and never
 * assume an empty table. Pass a file name to get a separate SQLite file (ignored on PostgreSQL).
 */
export function testDatabaseEnv(sqliteFile = 'run.sqlite'): NodeJS.ProcessEnv {
  if (testDbKind() === 'postgres') return { DATABASE_URL: process.env.TEST_DATABASE_URL };
  return { DATABASE_URL: '', SQLITE_PATH: join(process.env.TEST_SQLITE_DIR!, sqliteFile) };
}
