#!/usr/bin/env node
// Customer search on a big PostgreSQL database, measured at the database: for selective and common terms, the time of
// searchCustomers() (median of several runs), the EXPLAIN (ANALYZE, BUFFERS) of the statements it ran, and the same
// statements forced to sequential scans (index, index-only and bitmap scans off in one transaction). See
// docs/performance.md, "Customer search at a million customers".
//
//   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/oth_scale_bench node tools/bench/customer-search-explain.mjs
//
//   BENCH_DATABASE_URL   the database (required; seeded with `npm run seed -- --customers 1000000`)
//   BENCH_APP_MAIN       the app build whose search code is measured (default dist/backend/main.js; `npm run build`)
//   BENCH_RUNS=7         timed runs per term and mode (median reported)
//   BENCH_PLANS=1        print the plans (0: figures only)
// Writes tmp/bench/customer-search-explain.json.
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const ROOT = resolve(import.meta.dirname, '..', '..');
const URL_ = process.env.BENCH_DATABASE_URL;
if (!URL_ || !/^postgres(ql)?:\/\//.test(URL_)) {
  console.error('customer-search-explain: set BENCH_DATABASE_URL to a postgres:// URL of a seeded database');
  process.exit(2);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PLANS = process.env.BENCH_PLANS !== '0';
const APP_DIR = dirname(resolve(ROOT, process.env.BENCH_APP_MAIN || join('dist', 'backend', 'main.js')));
if (!existsSync(join(APP_DIR, 'modules', 'customers', 'customer-search.js')))
  throw new Error(`${APP_DIR} has no customer search: run \`npm run build:backend\` first`);

// Entity column types are decided from DATABASE_URL when the entities are first loaded (database/columns.ts).
process.env.DATABASE_URL = URL_;
const require = createRequire(import.meta.url);
const { buildDataSourceOptions } = require(join(APP_DIR, 'database', 'data-source-options.js'));
const { createDataSource } = require(join(APP_DIR, 'database', 'sqlite-gate.js'));
const search = require(join(APP_DIR, 'modules', 'customers', 'customer-search.js'));

/** Search terms taken from the database itself (fixed SQL), so they exist whatever the seed size. */
async function pickTerms(ds) {
  const one = async (sql, parameters = []) => (await ds.query(sql, parameters))[0];
  const count = Number((await one('SELECT count(*) AS n FROM customers')).n);
  if (count < 10_000) throw new Error(`only ${count} customers: seed a big database first`);
  const at = (fraction) => Math.floor(count * fraction);
  // Customers at fixed positions of the id order (the seed is deterministic, so these are stable for one size).
  const customer = async (fraction) =>
    one('SELECT name, email, customer_id AS "customerId" FROM customers WHERE id >= $1 ORDER BY id LIMIT 1', [
      at(fraction),
    ]);
  const a = await customer(0.123);
  const b = await customer(0.456);
  const c = await customer(0.789);
  const firstName = await one(
    `SELECT split_part(name, ' ', 1) AS term, count(*)::int AS n FROM customers GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  const surname = await one(
    `SELECT split_part(name, ' ', 2) AS term, count(*)::int AS n FROM customers WHERE name NOT LIKE '% % %' ` +
      `GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 1`,
  );
  return {
    count,
    terms: [
      { kind: 'selective', label: 'full name', q: a.name },
      { kind: 'selective', label: 'email local part', q: b.email.split('@')[0] },
      { kind: 'selective', label: 'customer id, lower case', q: c.customerId.toLowerCase() },
      { kind: 'common', label: `most frequent first name (${firstName.n} customers)`, q: firstName.term.toLowerCase() },
      { kind: 'common', label: `most frequent surname (${surname.n} customers)`, q: surname.term },
      { kind: 'common', label: 'email domain (every customer)', q: 'example' },
    ],
  };
}

const median = (xs) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
const ms = (x) => Math.round(x * 100) / 100;

/** Times searchCustomers() on `manager` RUNS times (after one untimed run) and says which statement answered. */
async function timeSearch(manager, params) {
  const path = (await searchOnce(manager, params)).path;
  const times = [];
  for (let i = 0; i < RUNS; i++) times.push((await searchOnce(manager, params)).ms);
  return { path, medianMs: ms(median(times)), maxMs: ms(Math.max(...times)) };
}

async function searchOnce(manager, params) {
  const { probe, wanted } = search.customerSearchQueries(manager, params);
  const start = performance.now();
  const result = await search.searchCustomers(manager, params);
  const elapsed = performance.now() - start;
  // Which statement answered: re-running the probe is cheap and outside the timing.
  const probeRows = (await probe.getRawMany()).length;
  return { ms: elapsed, path: probeRows >= wanted ? 'probe' : 'probe + indexed', items: result.items.length };
}

/** EXPLAIN (ANALYZE, BUFFERS) of a statement built by customerSearchQueries: TypeORM's SQL, bound parameters. */
async function explain(runner, builder) {
  const [sql, parameters] = builder.getQueryAndParameters();
  const rows = await runner.query('EXPLAIN (ANALYZE, BUFFERS) ' + sql, parameters);
  const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
  const execution = Number(/Execution Time: ([\d.]+) ms/.exec(plan)?.[1]);
  return { plan, executionMs: execution };
}

/** Runs `work(runner)` in a transaction where PostgreSQL may only scan tables sequentially; rolled back. */
async function withSeqScanOnly(ds, work) {
  const runner = ds.createQueryRunner();
  await runner.startTransaction();
  try {
    await runner.query('SET LOCAL enable_indexscan = off');
    await runner.query('SET LOCAL enable_indexonlyscan = off');
    await runner.query('SET LOCAL enable_bitmapscan = off');
    return await work(runner);
  } finally {
    await runner.rollbackTransaction();
    await runner.release();
  }
}

async function withRunner(ds, work) {
  const runner = ds.createQueryRunner();
  try {
    return await work(runner);
  } finally {
    await runner.release();
  }
}

async function main() {
  const ds = await createDataSource({
    ...buildDataSourceOptions({ database: { type: 'postgres', url: URL_ } }),
  }).initialize();
  try {
    const { count, terms } = await pickTerms(ds);
    console.log(`customer search at ${count.toLocaleString('en')} customers, ${RUNS} runs per term (median)\n`);
    const results = [];
    for (const term of terms) {
      const params = { operatorIds: null, q: term.q, pageSize: 20 };
      const indexed = await timeSearch(ds.manager, params);
      const { probe, indexed: indexedQuery } = search.customerSearchQueries(ds.manager, params);
      const plans = await withRunner(ds, async (runner) => ({
        probe: await explain(runner, probe),
        indexed: indexed.path === 'probe' ? null : await explain(runner, indexedQuery),
      }));
      // The same statements forced to sequential scans. Fewer runs: each takes seconds.
      const seq = await withSeqScanOnly(ds, async (runner) => {
        const times = [];
        for (let i = 0; i < Math.max(3, Math.ceil(RUNS / 2)); i++) {
          const start = performance.now();
          await search.searchCustomers(runner.manager, params);
          times.push(performance.now() - start);
        }
        return {
          medianMs: ms(median(times)),
          probe: await explain(runner, probe),
          indexed: indexed.path === 'probe' ? null : await explain(runner, indexedQuery),
        };
      });
      const result = {
        ...term,
        path: indexed.path,
        indexedMs: indexed.medianMs,
        indexedMaxMs: indexed.maxMs,
        seqScanMs: seq.medianMs,
        ratio: Math.round((seq.medianMs / indexed.medianMs) * 10) / 10,
        // The index statement alone (EXPLAIN ANALYZE execution times), when it ran.
        indexedStatementMs: plans.indexed?.executionMs ?? null,
        indexedStatementSeqMs: seq.indexed?.executionMs ?? null,
        plans: {
          probe: plans.probe.plan,
          indexed: plans.indexed?.plan,
          seqProbe: seq.probe.plan,
          seqIndexed: seq.indexed?.plan,
        },
      };
      results.push(result);
      console.log(
        `${term.kind.padEnd(9)} ${JSON.stringify(term.q).padEnd(28)} ${term.label}\n` +
          `          ${result.path}: ${result.indexedMs} ms (max ${result.indexedMaxMs}); ` +
          `sequential scans: ${result.seqScanMs} ms; ${result.ratio}× ` +
          (result.indexedStatementMs === null
            ? ''
            : `(index statement alone ${result.indexedStatementMs} ms vs ${result.indexedStatementSeqMs} ms)`),
      );
      if (PLANS) {
        for (const [name, plan] of Object.entries(result.plans))
          if (plan) console.log(`\n  -- ${name}\n${plan.replace(/^/gm, '  ')}`);
        console.log('');
      }
    }
    const out = join(ROOT, 'tmp', 'bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'customer-search-explain.json'),
      `${JSON.stringify({ date: new Date().toISOString(), customers: count, runs: RUNS, results }, null, 2)}\n`,
    );
    console.log('results written to tmp/bench/customer-search-explain.json');
  } finally {
    await ds.destroy();
  }
}

main().catch((err) => {
  console.error(`customer-search-explain: ${err.stack ?? err.message}`);
  process.exitCode = 1;
});
