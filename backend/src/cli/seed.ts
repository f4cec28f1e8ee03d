/**
 * Seed CLI: `npm run seed -- --customers 1000000` (builds, then runs dist/backend/cli/seed.js).
 * Uses a plain TypeORM DataSource (no Nest): migrations, catalogue, then demo customers in batched transactions.
 * See docs/data-model.md for the options, the data and timings.
 */
import { DataSource } from 'typeorm';
import { ConfigError, loadConfig } from '../config/app-config';
import { buildDataSourceOptions } from '../database/data-source-options';
import { ensureCatalogue } from '../database/seed/catalogue-seeder';
import { DemoSeedProgress, seedDemoCustomers } from '../database/seed/demo/demo-customer-seeder';
import { createDataSource } from '../database/sqlite-gate';
import { parseSeedArgs, SEED_USAGE, SeedArgsError } from './seed-args';

/** Customer tables, children first. Fixed SQL: identifiers cannot be bound as parameters, and none comes from input. */
const POSTGRES_TRUNCATE = 'TRUNCATE "usages", "purchases", "concessions", "customers" RESTART IDENTITY CASCADE';
const POSTGRES_ANALYZE = 'ANALYZE "usages", "purchases", "concessions", "customers"';
const SQLITE_DELETES = [
  'DELETE FROM "usages"',
  'DELETE FROM "purchases"',
  'DELETE FROM "concessions"',
  'DELETE FROM "customers"',
  "DELETE FROM sqlite_sequence WHERE name IN ('usages', 'purchases', 'concessions', 'customers')",
] as const;
const fmt = (n: number) => n.toLocaleString('en-GB');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;
const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

async function deleteCustomers(dataSource: DataSource): Promise<void> {
  if (dataSource.options.type === 'postgres') {
    // CASCADE also empties tables that reference customers (e.g. account links): they would point at nothing.
    await dataSource.query(POSTGRES_TRUNCATE);
    return;
  }
  await dataSource.transaction(async (manager) => {
    for (const sql of SQLITE_DELETES) await manager.query(sql);
  });
}

function progressPrinter(total: number): (p: DemoSeedProgress) => void {
  let lastPrinted = 0;
  const step = Math.max(1000, Math.ceil(total / 20));
  return (p) => {
    if (p.customers - lastPrinted < step && p.customers < total) return;
    lastPrinted = p.customers;
    const rate = p.rows / Math.max(p.elapsedMs / 1000, 0.001);
    out(
      `  ${fmt(p.customers).padStart(11)} / ${fmt(total)} customers · ${fmt(p.rows)} rows · ` +
        `${fmt(Math.round(rate))} rows/s · ${seconds(p.elapsedMs)}`,
    );
  };
}

export async function main(argv: string[]): Promise<void> {
  const started = Date.now();
  const config = loadConfig();
  const args = parseSeedArgs(argv, config.seed.demoCustomers);
  if (args.help) return out(SEED_USAGE);
  if (args.reset && config.isProduction) throw new SeedArgsError('--reset is refused when NODE_ENV=production');

  const dataSource = createDataSource(buildDataSourceOptions(config));
  await dataSource.initialize();
  try {
    const where = config.database.type === 'postgres' ? 'PostgreSQL' : `SQLite ${config.database.path}`;
    out(`Seeding ${where}`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    out(`  migrations: ${applied.length ? applied.map((m) => m.name).join(', ') : 'up to date'}`);
    const catalogue = await dataSource.transaction((manager) => ensureCatalogue(manager));
    out(`  catalogue: ${catalogue.modes} modes and ${catalogue.operators} operators added`);
    if (args.reset) {
      await deleteCustomers(dataSource);
      out('  reset: all customers and their records deleted');
    }

    out(`  adding ${fmt(args.customers)} customers, ${args.records.min}-${args.records.max} records of each kind each`);
    const result = await seedDemoCustomers(dataSource, {
      customers: args.customers,
      recordsPerKind: args.records,
      batchSize: args.batchSize,
      onProgress: progressPrinter(args.customers),
    });
    if (dataSource.options.type === 'postgres') await dataSource.query(POSTGRES_ANALYZE);

    const rows = result.customers + result.purchases + result.concessions + result.usages;
    out(
      `Done: ${fmt(result.customers)} customers, ${fmt(result.purchases)} purchases, ` +
        `${fmt(result.concessions)} concessions, ${fmt(result.usages)} usages (${fmt(rows)} rows)`,
    );
    out(
      `  by operator: ${Object.entries(result.byOperator)
        .map(([id, n]) => `${id}: ${fmt(n)}`)
        .join(', ')}`,
    );
    out(`  customers and records in ${seconds(result.elapsedMs)}; total ${seconds(Date.now() - started)}`);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof SeedArgsError) {
      process.stderr.write(`${error.message}\n${error instanceof SeedArgsError ? `\n${SEED_USAGE}\n` : ''}`);
    } else {
      process.stderr.write(
        `Seeding failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    }
    process.exit(1);
  });
}
