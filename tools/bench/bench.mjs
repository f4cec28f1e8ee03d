#!/usr/bin/env node
// HTTP throughput benchmark: `npm run bench` (builds first). Each server runs in a child process of its own; this
// process drives the load with autocannon. Results go to the terminal and to tmp/bench/latest.json.
// See docs/benchmarks.md.
//
//   BENCH_DURATION=10     measured seconds per scenario        BENCH_CONNECTIONS=50   concurrent connections
//   BENCH_WARMUP=3        warm-up seconds per scenario         BENCH_ONLY=raw-node,app-health   a subset
//   BENCH_APP_MAIN=dist/backend/main.js   the app build to start (another copy, to compare before/after a change)
//   BENCH_DATABASE_URL=postgres://…   a big seeded PostgreSQL database for the customer-search scenarios (skipped without)
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';

const ROOT = resolve(import.meta.dirname, '..', '..');
const OUT_DIR = join(ROOT, 'tmp', 'bench');
const int = (name, fallback) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 0)
    throw new Error(`${name} must be a whole number, not ${process.env[name]}`);
  return value;
};
const DURATION = int('BENCH_DURATION', 10);
const CONNECTIONS = int('BENCH_CONNECTIONS', 50);
const WARMUP = int('BENCH_WARMUP', 3);
const BASELINE = 'raw-node';
/** The bare NestJS-on-Fastify server: issue 4's goals are ratios to it. */
const NEST = 'nest-fastify';
/**
 * Redis for the app servers, as in production (the session cache's in-process tier is on only with Redis):
 * BENCH_REDIS_URL, else the local server on 6379 when one answers, else none ('' turns it off).
 */
const REDIS_URL = process.env.BENCH_REDIS_URL ?? ((await reachable(6379)) ? 'redis://127.0.0.1:6379' : '');

function reachable(port) {
  return new Promise((resolvePromise) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    socket.once('connect', () => (socket.destroy(), resolvePromise(true)));
    socket.once('error', () => resolvePromise(false));
    socket.once('timeout', () => (socket.destroy(), resolvePromise(false)));
  });
}
// Another build of the app to measure (e.g. a copy of dist/backend from before a change), relative to the workspace.
const APP_MAIN = process.env.BENCH_APP_MAIN || join('dist', 'backend', 'main.js');

/**
 * How to start each kind of server. `start(port, tmp)` returns the command and environment of a child process that
 * listens on 127.0.0.1:port; `ready` is the path polled until it answers 200.
 */
const SERVERS = {
  'raw-node': {
    ready: '/',
    start: (port) => ({
      command: [process.execPath, join(import.meta.dirname, 'servers', 'raw-node.mjs')],
      env: { PORT: port },
    }),
  },
  'nest-fastify': {
    ready: '/',
    start: (port) => ({
      command: [process.execPath, join(import.meta.dirname, 'servers', 'nest-fastify.cjs')],
      env: { PORT: port, NODE_ENV: 'production' },
    }),
  },
  // This app as built by `npm run build`, in production mode on a fresh SQLite file, with logging off.
  app: appServer('silent'),
  // The same at the production default LOG_LEVEL=info: one access-log line per request, written to a pipe that the
  // bench drains (as a container runtime or process manager reads stdout).
  'app-info': appServer('info'),
};

function appServer(logLevel) {
  return {
    ready: '/api/health',
    needs: [APP_MAIN],
    stdout: logLevel === 'silent' ? 'ignore' : 'drain',
    start: (port, tmp) => ({
      command: [process.execPath, resolve(ROOT, APP_MAIN)],
      env: {
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: port,
        PUBLIC_URL: 'https://bench.localhost',
        JWT_ACCESS_SECRET: randomBytes(48).toString('base64url'),
        JWT_REFRESH_SECRET: randomBytes(48).toString('base64url'),
        DATABASE_URL: '',
        SQLITE_PATH: join(tmp, 'bench.sqlite'),
        MAIL_DIR: join(tmp, 'mail'),
        REDIS_URL,
        LOG_LEVEL: logLevel,
        SEED_DEMO_DATA: 'false',
        // Production start-up insists on an administrator.
        ADMIN_EMAIL: 'bench-admin@example.org',
        ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
      },
    }),
  };
}

/**
 * The scenarios, in order; the first server kind's results are the baseline for the ratios. Adding an endpoint is one
 * entry: { name, server, path, description } plus optional method, headers, body, status (the expected status when
 * it is not 2xx), or prepare(baseUrl) → { headers, paths? } (e.g. sign in and return an Authorization header; `paths`:
 * request paths sent in turn instead of `path`), rate (requests per second, evenly spaced: a fixed-rate scenario, for
 * latency at a given load rather than the most the server can do; see pacedLoad), connections, and skip() → a reason
 * not to run (reported, not a failure).
 */
const SCENARIOS = [
  { name: 'raw-node', server: 'raw-node', path: '/', description: 'node:http server, small JSON body' },
  { name: 'nest-fastify', server: 'nest-fastify', path: '/', description: 'bare NestJS 11 + Fastify 5, same body' },
  { name: 'app-health', server: 'app', path: '/api/health', description: 'this app: GET /api/health (SQLite)' },
  {
    name: 'app-404',
    server: 'app',
    path: '/api/no-such-route',
    status: 404,
    description: 'this app: unknown API path, JSON 404 through the whole pipeline',
  },
  {
    name: 'app-health-info',
    server: 'app-info',
    path: '/api/health',
    description: 'this app: GET /api/health at LOG_LEVEL=info (access log to a pipe)',
  },
];

// --- operators scenarios (issue 4; owner: operators module) ------------------------------------------------------
// Signed-in reads of the operator directory, as the issue asks: a valid JWT, validation and logging on (LOG_LEVEL=info,
// one access-log line per request to a pipe the bench drains), Redis as in production. The app servers'
// administrator gets a password known here; each scenario signs in once and sends the access token, and
// `Accept-Encoding: gzip, deflate, br` as browsers and HTTP libraries do (the `-identity` variant sends none).
// Throttling arrives with a later issue.
const OPERATORS_BENCH_PASSWORD = randomBytes(18).toString('base64url');
for (const kind of ['app', 'app-info']) {
  const start = SERVERS[kind].start;
  SERVERS[kind].start = (port, tmp) => {
    const started = start(port, tmp);
    return { ...started, env: { ...started.env, ADMIN_PASSWORD: OPERATORS_BENCH_PASSWORD } };
  };
}
const BROWSER_ENCODINGS = { 'accept-encoding': 'gzip, deflate, br' };
async function signInForBench(baseUrl) {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-admin@example.org', password: OPERATORS_BENCH_PASSWORD }),
  });
  if (!res.ok) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  const { accessToken } = await res.json();
  return { headers: { authorization: `Bearer ${accessToken}` } };
}
const signInLikeABrowser = async (baseUrl) => {
  const { headers } = await signInForBench(baseUrl);
  return { headers: { ...headers, ...BROWSER_ENCODINGS } };
};
SCENARIOS.push(
  {
    name: 'app-oti-operator',
    server: 'app-info',
    path: '/api/oti/v1/operator',
    description: 'this app: OTI catalogue of all operators, signed in (JWT), logging on',
    prepare: signInLikeABrowser,
  },
  {
    name: 'app-operators-mode',
    server: 'app-info',
    path: '/api/v1/operators?mode=010',
    description: 'this app: directory search by mode, signed in (JWT), logging on',
    prepare: signInLikeABrowser,
  },
  {
    name: 'app-oti-operator-identity',
    server: 'app-info',
    path: '/api/oti/v1/operator',
    description: 'the same catalogue without Accept-Encoding (25 KB uncompressed per answer)',
    prepare: signInForBench,
  },
);
// --- end of operators scenarios -----------------------------------------------------------------------------------

// --- throttling scenarios (issue 8; owner: throttling and IP blocklist) --------------------------------------------
// Throttling is on in every app server, as in production, with budgets far beyond what the bench sends, so each
// request pays for its counting (in Redis when the bench has one, else in memory) and its RateLimit-* headers but is
// never refused. `app-operators-mode-unthrottled` is the same signed-in query on a server with THROTTLE_ENABLED=false
// (and AUDIT_ENABLED=false: the issue asks for "audited and throttled" against "neither"), measured in the same run.
const BENCH_BUDGETS = Object.fromEntries(
  [
    'THROTTLE_USER_PER_MINUTE',
    'THROTTLE_USER_PER_DAY',
    'THROTTLE_CLIENT_PER_DAY',
    'THROTTLE_ANONYMOUS_PER_MINUTE',
    'THROTTLE_LOGIN_PER_MINUTE',
  ].map((name) => [name, '100000000']),
);
for (const kind of ['app', 'app-info']) {
  const start = SERVERS[kind].start;
  SERVERS[kind].start = (port, tmp) => {
    const started = start(port, tmp);
    return { ...started, env: { ...started.env, ...BENCH_BUDGETS } };
  };
}
SERVERS['app-info-unthrottled'] = {
  ...SERVERS['app-info'],
  start: (port, tmp) => {
    const started = SERVERS['app-info'].start(port, tmp);
    return { ...started, env: { ...started.env, THROTTLE_ENABLED: 'false', AUDIT_ENABLED: 'false' } };
  },
};
SCENARIOS.push({
  name: 'app-operators-mode-unthrottled',
  server: 'app-info-unthrottled',
  path: '/api/v1/operators?mode=010',
  description: 'app-operators-mode on a server with throttling (and the audit log) off',
  prepare: signInLikeABrowser,
});
// Latency under the same offered load, on and off: at full load (above) latency is mostly the queue in front of a
// saturated server (connections ÷ throughput), so the p99 comparison of issue 8 is made here, at a fixed rate that
// both servers serve with room to spare (BENCH_PACED_RATE requests/s, evenly spaced; default 1500, under a fifth of what the
// audited server serves at full load on the 2-core development machine).
const PACED_RATE = int('BENCH_PACED_RATE', 1500);
SCENARIOS.push(
  {
    name: 'app-operators-mode-paced',
    server: 'app-info',
    path: '/api/v1/operators?mode=010',
    description: `app-operators-mode at a fixed ${PACED_RATE}/s (audited, throttled)`,
    prepare: signInLikeABrowser,
    rate: PACED_RATE,
  },
  {
    name: 'app-operators-mode-unthrottled-paced',
    server: 'app-info-unthrottled',
    path: '/api/v1/operators?mode=010',
    description: `app-operators-mode-unthrottled at a fixed ${PACED_RATE}/s (neither)`,
    prepare: signInLikeABrowser,
    rate: PACED_RATE,
  },
);
// --- end of throttling scenarios -------------------------------------------------------------------------------------

// --- soak (issue 8) ------------------------------------------------------------------------------------------------
// The audited and throttled query of app-operators-mode at full load for BENCH_SOAK seconds (default 300; 0 skips it)
// on a server of its own, its resident memory (the whole process: main thread, audit writer thread, buffers) sampled
// every 5 s from /proc. Growth: the median of the last minute's samples minus the median of the first minute's after
// warm-up (medians, so one garbage-collection peak does not decide). Goal: under 50 MB.
const SOAK_SECONDS = int('BENCH_SOAK', 300);
SERVERS['app-info-soak'] = { ...SERVERS['app-info'] };
SCENARIOS.push({
  name: 'app-soak',
  server: 'app-info-soak',
  path: '/api/v1/operators?mode=010',
  description: `app-operators-mode for ${SOAK_SECONDS} s at full load (audited, throttled), memory sampled`,
  prepare: signInLikeABrowser,
  soak: SOAK_SECONDS,
  skip: () => (SOAK_SECONDS > 0 ? null : 'BENCH_SOAK=0'),
});
// --- end of soak ------------------------------------------------------------------------------------------------------

// --- customer search scenarios (issue 5; owner: customer search) -------------------------------------------------
// Staff search at a million customers: the app on the PostgreSQL database BENCH_DATABASE_URL (seeded beforehand with
// `npm run seed -- --customers 1000000`; the app applies pending migrations and makes the bench administrator there),
// signed in as that administrator, all operators, at a fixed rate (evenly spaced requests: latency at a steady load,
// not the most the server can do). Terms are read from the database, so they exist whatever the seed size; each request takes the next one.
// Goals (issue 5): p99 ≤ 50 ms for selective terms, ≤ 200 ms for the first page of common terms.
const SEARCH_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? '';
const SEARCH_CONNECTIONS = int('BENCH_SEARCH_CONNECTIONS', 10);
const searchSkip = () =>
  /^postgres(ql)?:\/\//.test(SEARCH_DATABASE_URL)
    ? null
    : 'set BENCH_DATABASE_URL to a big seeded PostgreSQL database (docs/benchmarks.md)';
SERVERS['app-pg'] = {
  ...SERVERS.app,
  start: (port, tmp) => {
    const started = SERVERS.app.start(port, tmp);
    return { ...started, env: { ...started.env, DATABASE_URL: SEARCH_DATABASE_URL, SQLITE_PATH: '' } };
  },
};

/** Runs fixed SQL (no input) on the search database. */
async function onSearchDatabase(work) {
  const client = new pg.Client({ connectionString: SEARCH_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const searchPath = (q) => `/api/v1/customers?q=${encodeURIComponent(q)}&pageSize=20`;

/**
 * 200 customers spread over the id range (a fixed stride): their full name, email local part and customer id, in
 * that order, so consecutive requests ask for different kinds of term.
 */
async function selectiveTerms() {
  const rows = await onSearchDatabase(async (client) => {
    const { rows: range } = await client.query('SELECT min(id) AS lo, max(id) AS hi FROM customers');
    const lo = Number(range[0].lo);
    const stride = Math.max(1, Math.floor((Number(range[0].hi) - lo) / 200));
    const ids = Array.from({ length: 200 }, (_, i) => lo + i * stride + (i % 7));
    return (await client.query('SELECT name, email, customer_id FROM customers WHERE id = ANY($1::int[])', [ids])).rows;
  });
  if (rows.length < 50) throw new Error(`the search database has only ${rows.length} customers in the sample`);
  return rows.flatMap((r) => [r.name, r.email.split('@')[0], r.customer_id.toLowerCase()]);
}

/** The ten most frequent first names and surnames: thousands of matches each at a million customers. */
async function commonTerms() {
  return onSearchDatabase(async (client) => {
    const top = async (sql) => (await client.query(sql)).rows.map((r) => r.term);
    const firstNames = await top(
      `SELECT lower(split_part(name, ' ', 1)) AS term FROM customers GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10`,
    );
    const surnames = await top(
      `SELECT lower(split_part(name, ' ', 2)) AS term FROM customers WHERE name NOT LIKE '% % %' ` +
        `GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 10`,
    );
    return [...firstNames, ...surnames];
  });
}

/** Signs in, reads the terms, and checks one search answers (a wrong setup fails here, not as 10 s of errors). */
function prepareSearch(terms) {
  return async (baseUrl) => {
    const { headers } = await signInForBench(baseUrl);
    const paths = (await terms()).map(searchPath);
    const res = await fetch(baseUrl + paths[0], { headers });
    const body = await res.json();
    if (!res.ok || !Array.isArray(body.items) || body.items.length === 0)
      throw new Error(`customer search check failed: ${res.status} ${JSON.stringify(body).slice(0, 200)}`);
    return { headers, paths };
  };
}

SCENARIOS.push(
  {
    // The same signed-in pipeline without the search, at the same rate: what the search itself adds.
    name: 'app-pg-auth-me',
    server: 'app-pg',
    path: '/api/v1/auth/me',
    description: 'this app on BENCH_DATABASE_URL: signed-in baseline (GET /api/v1/auth/me), fixed rate',
    rate: int('BENCH_SEARCH_RATE', 40),
    connections: SEARCH_CONNECTIONS,
    skip: searchSkip,
    prepare: signInForBench,
  },
  {
    name: 'app-customers-selective',
    server: 'app-pg',
    path: '/api/v1/customers?q=<full name | email local part | customer id>&pageSize=20',
    description: 'this app on BENCH_DATABASE_URL: customer search, selective terms, fixed rate, signed in (admin)',
    rate: int('BENCH_SEARCH_RATE', 40),
    connections: SEARCH_CONNECTIONS,
    skip: searchSkip,
    prepare: prepareSearch(selectiveTerms),
  },
  {
    name: 'app-customers-common',
    server: 'app-pg',
    path: '/api/v1/customers?q=<frequent first name | surname>&pageSize=20',
    description: 'this app on BENCH_DATABASE_URL: customer search, common terms (first page), fixed rate, signed in',
    rate: int('BENCH_SEARCH_COMMON_RATE', 20),
    connections: SEARCH_CONNECTIONS,
    skip: searchSkip,
    prepare: prepareSearch(commonTerms),
  },
);
// --- end of customer search scenarios ------------------------------------------------------------------------------

// ---------------------------------------------------------------------------------------------------------------

function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

async function startServer(kind) {
  const def = SERVERS[kind];
  for (const file of def.needs ?? []) {
    if (!existsSync(resolve(ROOT, file))) throw new Error(`${file} is missing: run \`npm run build\` first`);
  }
  const port = await freePort();
  const tmp = mkdtempSync(join(tmpdir(), `oth-bench-${kind}-`));
  const { command, env } = def.start(String(port), tmp);
  const child = spawn(command[0], command.slice(1), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    // Start-up banners would clutter the report; errors still show. 'drain': stdout is a pipe, read and discarded.
    stdio: ['ignore', def.stdout === 'drain' ? 'pipe' : 'ignore', 'inherit'],
  });
  child.stdout?.resume();
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`${kind} server exited during start-up (code ${exited.code}, signal ${exited.signal})`);
    try {
      const res = await fetch(baseUrl + def.ready);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${kind} server did not answer ${def.ready} with 200 within 60 s`);
    }
    await sleep(200);
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 50 && !exited; i++) await sleep(100);
      if (!exited) child.kill('SIGKILL');
    }
    rmSync(tmp, { recursive: true, force: true });
  };
  return { baseUrl, pid: child.pid, stop };
}

/**
 * Drives load for `duration` seconds: autocannon at full speed, or the paced sender below for a fixed-rate scenario.
 * autocannon's own latency histogram has 1 ms resolution, too coarse for sub-millisecond answers, so every response
 * time (a float, in ms) is also recorded here for the percentiles.
 */
async function load(url, options, duration, expectedStatus, shape = {}) {
  if (shape.rate !== undefined) return pacedLoad(url, options, duration, expectedStatus, shape);
  const times = [];
  let unexpected = 0;
  const { connections = CONNECTIONS, paths } = shape;
  let next = 0;
  const tracker = autocannon({
    url,
    connections,
    pipelining: 1,
    duration,
    ...options,
    // Several paths: each request takes the next one, round robin over all connections.
    ...(paths?.length
      ? { requests: [{ setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }] }
      : {}),
  });
  tracker.on('response', (_client, statusCode, _bytes, responseTime) => {
    const ok = expectedStatus === undefined ? statusCode >= 200 && statusCode < 300 : statusCode === expectedStatus;
    if (ok) times.push(responseTime);
    else unexpected++;
  });
  const result = await tracker;
  return { result, unexpected, latency: percentiles(times) };
}

function percentiles(times) {
  const sorted = Float64Array.from(times).sort();
  const pct = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);
  const avg = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : NaN;
  return { p50: pct(50), p99: pct(99), average: avg };
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i / rate whatever the answers so far, sent on one of
 * `connections` keep-alive sockets (queued in the agent when all are busy), and its latency counts from the moment it
 * was due, so a slow server cannot hide its queue by slowing the sender (coordinated omission). autocannon's
 * `overallRate` is not used for this: it gives each connection a quota per second that it sends back to back at the
 * start of the second, so 40 requests/s arrive as one burst a second and the latency measured is the burst's.
 */
async function pacedLoad(url, options, duration, expectedStatus, { connections = CONNECTIONS, rate, paths }) {
  const target = new URL(url);
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const list = paths?.length ? paths : [target.pathname + target.search];
  const total = Math.round(rate * duration);
  const times = [];
  let unexpected = 0;
  let errors = 0;
  let timeouts = 0;
  const send = (path, due) =>
    new Promise((done) => {
      const req = httpRequest(
        { agent, host: target.hostname, port: target.port, path, method: options.method, headers: options.headers },
        (res) => {
          res.resume();
          res.on('end', () => {
            const ok =
              expectedStatus === undefined
                ? res.statusCode >= 200 && res.statusCode < 300
                : res.statusCode === expectedStatus;
            if (ok) times.push(performance.now() - due);
            else unexpected++;
            done();
          });
        },
      );
      req.setTimeout(10_000, () => {
        timeouts++;
        req.destroy(new Error('timeout'));
      });
      req.on('error', () => {
        errors++;
        done();
      });
      req.end(options.body);
    });
  const start = performance.now() + 5;
  const pending = [];
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    pending.push(send(list[i % list.length], due));
  }
  await Promise.all(pending);
  agent.destroy();
  const elapsed = (performance.now() - start) / 1000;
  return {
    result: { requests: { average: times.length / elapsed, total }, errors, timeouts },
    unexpected,
    latency: percentiles(times),
  };
}

/** Resident memory of a process in MB (Linux /proc), or null where that cannot be read. */
function residentMb(pid) {
  try {
    const kb = /^VmRSS:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
};

/** Samples a process's resident memory every `everyMs` until stopped; returns the samples (seconds, MB). */
function sampleMemory(pid, everyMs = 5000) {
  const start = performance.now();
  const samples = [];
  const take = () => {
    const mb = residentMb(pid);
    if (mb !== null) samples.push({ s: (performance.now() - start) / 1000, mb });
  };
  take();
  const timer = setInterval(take, everyMs);
  return () => {
    clearInterval(timer);
    take();
    return samples;
  };
}

/** The memory figures of a soak: first-minute and last-minute medians, their difference, the peak. */
function soakMemory(samples) {
  const end = samples.at(-1)?.s ?? 0;
  const first = samples.filter((x) => x.s <= 60).map((x) => x.mb);
  const last = samples.filter((x) => x.s >= end - 60).map((x) => x.mb);
  const round = (mb) => Math.round(mb * 10) / 10;
  return {
    rssFirstMinuteMb: round(median(first)),
    rssLastMinuteMb: round(median(last)),
    rssGrowthMb: round(median(last) - median(first)),
    rssPeakMb: round(Math.max(...samples.map((x) => x.mb))),
    memorySamples: samples.map((x) => [Math.round(x.s), round(x.mb)]),
  };
}

async function runScenario(scenario, server) {
  const baseUrl = server.baseUrl;
  const extra = scenario.prepare ? await scenario.prepare(baseUrl) : {};
  const options = {
    method: scenario.method ?? 'GET',
    headers: { ...scenario.headers, ...extra.headers },
    ...(scenario.body === undefined ? {} : { body: JSON.stringify(scenario.body) }),
  };
  const url = baseUrl + (extra.paths?.[0] ?? scenario.path);
  const shape = { connections: scenario.connections, rate: scenario.rate, paths: extra.paths };
  if (WARMUP > 0) await load(url, options, WARMUP, scenario.status, shape);
  const stopSampling = scenario.soak ? sampleMemory(server.pid) : null;
  const duration = scenario.soak ?? DURATION;
  const { result: r, latency, unexpected } = await load(url, options, duration, scenario.status, shape);
  const memory = stopSampling ? soakMemory(stopSampling()) : {};
  const round = (ms) => Math.round(ms * 100) / 100;
  return {
    name: scenario.name,
    description: scenario.description,
    path: scenario.path,
    ...(scenario.rate === undefined ? {} : { rate: scenario.rate }),
    connections: scenario.connections ?? CONNECTIONS,
    ...(extra.paths ? { distinctPaths: extra.paths.length } : {}),
    requestsPerSecond: Math.round(r.requests.average),
    latencyP50Ms: round(latency.p50),
    latencyP99Ms: round(latency.p99),
    latencyAvgMs: round(latency.average),
    requests: r.requests.total,
    ...(scenario.status === undefined ? {} : { expectedStatus: scenario.status }),
    // Answers with another status than the expected one (any non-2xx when none is given).
    non2xx: unexpected,
    errors: r.errors,
    timeouts: r.timeouts,
    ...(scenario.soak ? { durationSeconds: duration, ...memory } : {}),
  };
}

function printTable(results) {
  const base = results.find((r) => r.name === BASELINE);
  const rows = results.map((r) => {
    const failed = r.error || r.skipped;
    return [
      r.name,
      r.skipped ? 'skipped' : r.error ? 'error' : String(r.requestsPerSecond),
      failed ? '' : r.latencyP50Ms.toFixed(2),
      failed ? '' : r.latencyP99Ms.toFixed(2),
      r.ratio === undefined ? '' : r.ratio.toFixed(2),
      r.ratioToNest === undefined ? '' : r.ratioToNest.toFixed(2),
      r.skipped ??
        r.error ??
        [
          r.rate === undefined ? '' : `fixed rate ${r.rate}/s, ${r.connections} connections`,
          r.rssGrowthMb === undefined
            ? ''
            : `${r.durationSeconds} s; RSS ${r.rssFirstMinuteMb} → ${r.rssLastMinuteMb} MB ` +
              `(first → last minute, median), growth ${r.rssGrowthMb} MB, peak ${r.rssPeakMb} MB`,
          r.non2xx || r.errors
            ? `${r.non2xx} ${r.expectedStatus ? `not ${r.expectedStatus}` : 'non-2xx'}, ${r.errors} errors`
            : '',
        ]
          .filter(Boolean)
          .join('; '),
    ];
  });
  const head = ['scenario', 'req/s', 'p50 ms', 'p99 ms', '/raw', '/nest', 'note'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === 0 || i >= 6 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log(`\n${fmt(head)}\n${widths.map((w) => '─'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(fmt(row));
  if (!base || base.error) console.log(`\n(no ratios: the ${BASELINE} baseline did not run)`);
  console.log(`\n/raw: req/s over ${BASELINE}'s; /nest: over ${NEST}'s (the same run)`);
}

/**
 * The issues' performance goals, each computed from this run's results (a goal whose scenarios did not all run is
 * left out): issue 4, the signed-in directory reads against bare Nest; issue 8, audit and throttling on against off,
 * and the soak's memory; issue 5, customer search latency.
 */
function goals(results) {
  const ok = (name) => results.find((r) => r.name === name && !r.error && !r.skipped);
  const lines = [];
  const nest = ok(NEST);
  for (const name of ['app-oti-operator', 'app-operators-mode']) {
    const r = ok(name);
    if (nest && r) {
      const ratio = r.requestsPerSecond / nest.requestsPerSecond;
      lines.push({
        goal: `issue 4: ${name} ≥ 0.50 × ${NEST}`,
        value: `${ratio.toFixed(2)} (${r.requestsPerSecond} / ${nest.requestsPerSecond} req/s; p99 ${r.latencyP99Ms} ms)`,
        met: ratio >= 0.5,
      });
    }
  }
  const on = ok('app-operators-mode');
  const off = ok('app-operators-mode-unthrottled');
  if (on && off) {
    const ratio = on.requestsPerSecond / off.requestsPerSecond;
    lines.push({
      goal: 'issue 8: audited + throttled ≥ 0.80 × neither',
      value: `${ratio.toFixed(2)} (${on.requestsPerSecond} / ${off.requestsPerSecond} req/s)`,
      met: ratio >= 0.8,
    });
  }
  const onPaced = ok('app-operators-mode-paced');
  const offPaced = ok('app-operators-mode-unthrottled-paced');
  if (onPaced && offPaced) {
    const increase = onPaced.latencyP99Ms / offPaced.latencyP99Ms - 1;
    lines.push({
      goal: `issue 8: p99 increase ≤ 25 % (both at ${onPaced.rate}/s)`,
      value: `${Math.round(increase * 100)} % (${onPaced.latencyP99Ms} against ${offPaced.latencyP99Ms} ms)`,
      met: increase <= 0.25,
    });
  }
  const soak = ok('app-soak');
  if (soak) {
    lines.push({
      goal: `issue 8: memory growth over a ${soak.durationSeconds} s soak < 50 MB`,
      value: `${soak.rssGrowthMb} MB (${soak.requestsPerSecond} req/s, ${soak.non2xx + soak.errors} failed)`,
      met: soak.rssGrowthMb < 50,
    });
  }
  for (const [name, limit] of [
    ['app-customers-selective', 50],
    ['app-customers-common', 200],
  ]) {
    const r = ok(name);
    if (r)
      lines.push({
        goal: `issue 5: ${name} p99 ≤ ${limit} ms`,
        value: `${r.latencyP99Ms} ms`,
        met: r.latencyP99Ms <= limit,
      });
  }
  return lines;
}

function printGoals(lines) {
  if (lines.length === 0) return;
  console.log('\ngoals');
  for (const { goal, value, met } of lines) console.log(`  ${met ? 'met    ' : 'NOT MET'}  ${goal}: ${value}`);
}

async function main() {
  const only = (process.env.BENCH_ONLY ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((name) => !SCENARIOS.some((s) => s.name === name));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown scenario ${unknown.join(', ')}`);
  const scenarios = only.length ? SCENARIOS.filter((s) => only.includes(s.name)) : SCENARIOS;

  console.log(
    `bench: ${scenarios.length} scenario(s), ${WARMUP} s warm-up + ${DURATION} s with ${CONNECTIONS} connections each; ` +
      `Node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'})`,
  );
  const loadBefore = loadavg()[0];
  if (loadBefore > 0.5)
    console.log(`bench: note: load average is ${loadBefore.toFixed(2)}; other work skews the figures`);
  const results = [];
  // Scenarios that cannot run here (e.g. no big database given) are reported as skipped, not failed; naming one in
  // BENCH_ONLY makes it required.
  for (const scenario of scenarios.filter((s) => s.skip?.())) {
    const reason = scenario.skip();
    if (only.includes(scenario.name)) throw new Error(`${scenario.name}: ${reason}`);
    results.push({ name: scenario.name, description: scenario.description, path: scenario.path, skipped: reason });
    console.log(`bench: ${scenario.name} skipped: ${reason}`);
  }
  const runnable = scenarios.filter((s) => !s.skip?.());
  const kinds = [...new Set(runnable.map((s) => s.server))];
  for (const kind of kinds) {
    let server;
    try {
      server = await startServer(kind);
    } catch (err) {
      for (const s of runnable.filter((x) => x.server === kind)) {
        results.push({ name: s.name, description: s.description, path: s.path, error: err.message });
      }
      console.error(`bench: ${err.message}`);
      continue;
    }
    try {
      for (const scenario of runnable.filter((s) => s.server === kind)) {
        console.log(
          `bench: ${scenario.name} → ${scenario.method ?? 'GET'} ${scenario.path} (server pid ${server.pid})`,
        );
        try {
          results.push(await runScenario(scenario, server));
        } catch (err) {
          results.push({
            name: scenario.name,
            description: scenario.description,
            path: scenario.path,
            error: err.message,
          });
        }
      }
    } finally {
      await server.stop();
    }
  }

  // In scenario order (skipped ones were listed first).
  const position = (r) => scenarios.findIndex((s) => s.name === r.name);
  results.sort((a, b) => position(a) - position(b));
  const base = results.find((r) => r.name === BASELINE && !r.error);
  // Fixed-rate scenarios run at the rate asked, so a throughput ratio says nothing about them.
  const nest = results.find((r) => r.name === NEST && !r.error);
  for (const r of results) {
    if (r.error || r.skipped || r.rate !== undefined) continue;
    if (base) r.ratio = r.requestsPerSecond / base.requestsPerSecond;
    if (nest) r.ratioToNest = r.requestsPerSecond / nest.requestsPerSecond;
  }
  printTable(results);
  const goalLines = goals(results);
  printGoals(goalLines);

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim(),
    warmupSeconds: WARMUP,
    durationSeconds: DURATION,
    connections: CONNECTIONS,
    loadAverageBefore: Math.round(loadBefore * 100) / 100,
    appMain: APP_MAIN,
    baseline: BASELINE,
    results,
    goals: goalLines,
  };
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nbench: results written to tmp/bench/latest.json`);
  if (results.some((r) => r.error || r.non2xx > 0 || r.errors > 0)) process.exitCode = 1;
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exitCode = 1;
});
