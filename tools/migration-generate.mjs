#!/usr/bin/env node
// Generates a TypeORM migration for BOTH drivers from the difference between the entities and the migrations so far.
//
//   node tools/migration-generate.mjs <Name>      writes backend/src/database/migrations/{sqlite,postgres}/<ts>-<Name>.ts
//                                                 and regenerates backend/src/database/migrations/index.ts
//   node tools/migration-generate.mjs --check     exits 1 (printing the SQL) when the entities need a migration
//
// For each driver a child process (entity column types are fixed per process, see backend/src/database/columns.ts)
// loads the TypeScript sources through an @swc/core require hook, migrates a scratch database to head and asks
// TypeORM's schema builder which queries would bring it in line with the entities:
//   SQLite      a temporary file, deleted afterwards;
//   PostgreSQL  a temporary database on the server of DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test),
//               created and dropped (the role needs CREATEDB).
// No build is needed; see docs/data-model.md.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BACKEND_SRC = join(ROOT, 'backend/src');
const MIGRATIONS_DIR = join(BACKEND_SRC, 'database/migrations');
const DRIVERS = /** @type {const} */ (['sqlite', 'postgres']);
const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const RESULT_MARKER = '@@migration-generate-result@@';
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------------------------
// Child: load the entities for one driver and print the pending schema changes as JSON.
// ---------------------------------------------------------------------------------------------------------------

function registerTypeScriptHook() {
  const Module = require('node:module');
  const swc = require('@swc/core');
  Module._extensions['.ts'] = function compileTs(module, filename) {
    const { code } = swc.transformSync(readFileSync(filename, 'utf8'), {
      filename,
      jsc: {
        parser: { syntax: 'typescript', decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: true },
        target: 'es2022',
      },
      module: { type: 'commonjs' },
      sourceMaps: 'inline',
    });
    module._compile(code, filename);
  };
}

async function runChild() {
  registerTypeScriptHook();
  const { loadConfig } = require(join(BACKEND_SRC, 'config/app-config.ts'));
  const { buildDataSourceOptions } = require(join(BACKEND_SRC, 'database/data-source-options.ts'));
  const { DataSource } = require('typeorm');
  const dataSource = new DataSource({ ...buildDataSourceOptions(loadConfig(process.env)), logging: false });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const sql = await dataSource.driver.createSchemaBuilder().log();
    const plain = (q) => ({ query: q.query, parameters: q.parameters ?? [] });
    const result = { up: sql.upQueries.map(plain), down: sql.downQueries.map(plain) };
    process.stdout.write(`\n${RESULT_MARKER}${JSON.stringify(result)}\n`);
  } finally {
    await dataSource.destroy();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Parent: scratch databases, child processes, files.
// ---------------------------------------------------------------------------------------------------------------

function runChildFor(driver, env) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', driver], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) return reject(new Error(`${driver}: schema diff failed (exit ${code})\n${out}`));
      resolvePromise(JSON.parse(line.slice(RESULT_MARKER.length)));
    });
  });
}

async function diffSqlite() {
  const dir = mkdtempSync(join(tmpdir(), 'oth-migration-'));
  try {
    return await runChildFor('sqlite', { DATABASE_URL: '', SQLITE_PATH: join(dir, 'scratch.sqlite') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function diffPostgres() {
  const { Client } = require('pg');
  const serverUrl = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? '')
    ? process.env.DATABASE_URL
    : DEFAULT_PG_URL;
  const name = `oth_migration_${Date.now()}_${randomBytes(3).toString('hex')}`;
  const admin = new Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
    try {
      const url = new URL(serverUrl);
      url.pathname = `/${name}`;
      return await runChildFor('postgres', { DATABASE_URL: url.toString() });
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}

const escapeTemplate = (sql) => sql.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${');
const queryCall = ({ query, parameters }) =>
  `    await queryRunner.query(\`${escapeTemplate(query)}\`${parameters.length ? `, ${JSON.stringify(parameters)}` : ''});`;

function migrationSource(driver, className, diff) {
  const label = driver === 'postgres' ? 'PostgreSQL' : 'SQLite';
  return `import { MigrationInterface, QueryRunner } from 'typeorm';

// Generated by tools/migration-generate.mjs for ${label}. The ${driver === 'postgres' ? 'sqlite' : 'postgres'}/ folder holds its twin.
export class ${className} implements MigrationInterface {
  name = '${className}';

  public async up(queryRunner: QueryRunner): Promise<void> {
${diff.up.map(queryCall).join('\n')}
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
${[...diff.down].reverse().map(queryCall).join('\n')}
  }
}
`;
}

/** Rewrites migrations/index.ts from the files on disk, oldest first. */
function indexSource() {
  const lines = [];
  const lists = {};
  for (const driver of DRIVERS) {
    const prefix = driver === 'postgres' ? 'Postgres' : 'Sqlite';
    lists[driver] = [];
    mkdirSync(join(MIGRATIONS_DIR, driver), { recursive: true });
    const files = readdirSync(join(MIGRATIONS_DIR, driver), { withFileTypes: true })
      .filter((f) => f.isFile() && /^\d+-[A-Za-z0-9]+\.ts$/.test(f.name))
      .map((f) => f.name)
      .sort((a, b) => Number(a.split('-')[0]) - Number(b.split('-')[0]));
    for (const file of files) {
      const [timestamp, rest] = file.replace(/\.ts$/, '').split('-');
      const className = `${rest}${timestamp}`;
      lines.push(`import { ${className} as ${prefix}${className} } from './${driver}/${file.replace(/\.ts$/, '')}';`);
      lists[driver].push(`${prefix}${className}`);
    }
  }
  const list = (items) => (items.length ? `[\n  ${items.join(',\n  ')},\n]` : '[]');
  return `// Migrations, one generated set per driver, in order. Generated by tools/migration-generate.mjs: do not edit.
import { MigrationInterface } from 'typeorm';
${lines.join('\n')}

export type MigrationClass = new () => MigrationInterface;

export const SQLITE_MIGRATIONS: MigrationClass[] = ${list(lists.sqlite)};
export const POSTGRES_MIGRATIONS: MigrationClass[] = ${list(lists.postgres)};
`;
}

async function formatted(path, source) {
  try {
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig(path)) ?? {};
    return await prettier.format(source, { ...options, filepath: path });
  } catch {
    return source;
  }
}

function printDiff(driver, diff) {
  console.log(`--- ${driver}: ${diff.up.length} statement(s)`);
  for (const q of diff.up) console.log(`  ${q.query}`);
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === '--child') return runChild();
  const check = args.includes('--check');
  const name = args.find((a) => !a.startsWith('--'));
  if (!check && !(name && /^[A-Z][A-Za-z0-9]*$/.test(name))) {
    console.error('Usage: node tools/migration-generate.mjs <PascalCaseName> | --check');
    process.exit(2);
  }

  // One at a time: two cores, and the children are CPU-bound while compiling.
  const diffs = { sqlite: await diffSqlite(), postgres: await diffPostgres() };
  const changed = DRIVERS.filter((d) => diffs[d].up.length > 0);

  if (check) {
    if (changed.length === 0) {
      console.log('Migrations are up to date with the entities (sqlite and postgres).');
      return;
    }
    for (const d of changed) printDiff(d, diffs[d]);
    console.error(`Entities and migrations disagree; run: npm run migration:generate -- <Name>`);
    process.exit(1);
  }

  if (changed.length === 0) {
    console.log('No schema changes: entities and migrations already agree. Nothing written.');
    return;
  }
  const timestamp = Date.now();
  const className = `${name}${timestamp}`;
  for (const driver of changed) {
    const dir = join(MIGRATIONS_DIR, driver);
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${timestamp}-${name}.ts`);
    writeFileSync(path, await formatted(path, migrationSource(driver, className, diffs[driver])));
    console.log(`wrote ${path.slice(ROOT.length + 1)} (${diffs[driver].up.length} statements)`);
  }
  for (const driver of DRIVERS) if (!changed.includes(driver)) console.log(`${driver}: no changes, no file written`);
  const indexPath = join(MIGRATIONS_DIR, 'index.ts');
  writeFileSync(indexPath, await formatted(indexPath, indexSource()));
  console.log(`updated ${indexPath.slice(ROOT.length + 1)}`);
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
