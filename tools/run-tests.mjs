#!/usr/bin/env node
// The test orchestrator behind `npm test`: every tier in order, carrying on after a failure, then one table and the
// closing line `N passed, N failed`. See docs/testing.md.
//
//   npm test                                   all steps
//   TEST_ONLY=unit,integration npm test        a subset (ids below; `integration` selects both databases)
//   node tools/run-tests.mjs lint typecheck    the same, as arguments
//
// Environment: CI (e2e without Chromium fails instead of being skipped), DATABASE_URL (enables the PostgreSQL
// integration run), CHROMIUM_PATH (browser for e2e, default /usr/bin/chromium), TEST_STEP_TIMEOUT (seconds one
// step may take before it is stopped and counted as failed; default 600).
import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

const ROOT = resolve(import.meta.dirname, '..');
const RESULTS_DIR = join(ROOT, 'tmp', 'test-results');
const E2E_RESULTS = join(ROOT, 'e2e', 'artifacts', 'results.json');
const IS_CI = /^(1|true|yes)$/i.test(process.env.CI ?? '');
const STEP_TIMEOUT_SECONDS = Number(process.env.TEST_STEP_TIMEOUT ?? 600);
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const jest = (project, file, extra = []) => [
  bin('jest'),
  '-c',
  'backend/jest.config.js',
  '--selectProjects',
  project,
  '--json',
  `--outputFile=${join(RESULTS_DIR, file)}`,
  ...(IS_CI ? ['--ci'] : []),
  // A test that leaves a handle open (a server, a pool) must not hang the whole run; Jest still names it.
  '--forceExit',
  ...extra,
];

/**
 * The steps, in order. `kind` says how results are counted: `check` (one check: passed or failed), `jest` (its
 * --json file), `vitest` (the summary line the Angular unit-test builder prints), `playwright` (its json reporter).
 * `skip()` returns null or { reason, hint?, fail? } (fail: count the skip as a failure); `needs` names a step whose failure in this run makes this one pointless.
 */
const STEPS = [
  { id: 'lint', title: 'lint', kind: 'check', command: [bin('nx'), 'run-many', '-t', 'lint', '--outputStyle=static'] },
  {
    id: 'typecheck',
    title: 'typecheck',
    kind: 'check',
    command: [bin('nx'), 'run-many', '-t', 'typecheck', '--outputStyle=static'],
  },
  {
    id: 'unit',
    title: 'backend unit',
    kind: 'jest',
    resultFile: join(RESULTS_DIR, 'backend-unit.json'),
    command: jest('unit', 'backend-unit.json'),
  },
  {
    id: 'integration-sqlite',
    groups: ['integration'],
    title: 'backend integration (SQLite)',
    kind: 'jest',
    // DATABASE_URL is for the PostgreSQL run only: unset here so nothing in the SQLite run can pick it up.
    env: { TEST_DB: 'sqlite', DATABASE_URL: undefined },
    resultFile: join(RESULTS_DIR, 'backend-integration-sqlite.json'),
    command: jest('integration', 'backend-integration-sqlite.json', ['--runInBand', '--passWithNoTests']),
  },
  {
    id: 'integration-postgres',
    groups: ['integration'],
    title: 'backend integration (PostgreSQL)',
    kind: 'jest',
    env: { TEST_DB: 'postgres' },
    skip: () =>
      process.env.DATABASE_URL
        ? null
        : {
            reason: 'DATABASE_URL is not set',
            hint: 'to run it: DATABASE_URL=postgres://postgres@127.0.0.1:5432/test npm test',
          },
    resultFile: join(RESULTS_DIR, 'backend-integration-postgres.json'),
    command: jest('integration', 'backend-integration-postgres.json', ['--runInBand', '--passWithNoTests']),
  },
  {
    id: 'frontend',
    title: 'frontend unit',
    kind: 'vitest',
    resultFile: join(RESULTS_DIR, 'frontend.json'),
    // Vitest's json reporter through the Angular unit-test builder's options; on an Nx cache hit the file is not
    // restored, and the replayed summary line is parsed instead.
    command: [
      bin('nx'),
      'run',
      'frontend:test',
      '--outputStyle=static',
      '--',
      '--reporters=default',
      '--reporters=json',
      `--output-file=${join(RESULTS_DIR, 'frontend.json')}`,
    ],
  },
  { id: 'build', title: 'build', kind: 'check', command: [npm, 'run', 'build', '--silent'] },
  {
    id: 'e2e',
    title: 'e2e (Playwright)',
    kind: 'playwright',
    needs: 'build',
    skip: chromiumMissing,
    resultFile: E2E_RESULTS,
    command: [bin('playwright'), 'test', '-c', 'e2e/playwright.config.ts'],
  },
];

function chromiumMissing() {
  const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  try {
    accessSync(path, constants.X_OK);
    return null;
  } catch {
    return {
      reason: 'Chromium not found',
      hint:
        'install it with `sudo apt-get install chromium` or set CHROMIUM_PATH\n' +
        `(looked for ${path}${IS_CI ? '; CI is set, so this counts as a failure' : ''})`,
      fail: IS_CI,
    };
  }
}

// ---------------------------------------------------------------------------------------------------------------

function selectSteps() {
  const wanted = [...(process.env.TEST_ONLY ?? '').split(','), ...process.argv.slice(2).flatMap((a) => a.split(','))]
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length === 0) return STEPS;
  const known = new Set(STEPS.flatMap((s) => [s.id, ...(s.groups ?? [])]));
  const unknown = wanted.filter((w) => !known.has(w));
  if (unknown.length > 0) {
    console.error(`run-tests: unknown step ${unknown.join(', ')}; choose from ${[...known].join(', ')}`);
    process.exit(2);
  }
  return STEPS.filter((s) => wanted.includes(s.id) || (s.groups ?? []).some((g) => wanted.includes(g)));
}

let current = null;

/** Signals a step's whole process group (the runner and whatever it started: Nx workers, web servers, browsers). */
function killStep(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) killStep(current, signal);
    console.error(`\nrun-tests: interrupted (${signal})`);
    process.exit(130);
  });
}

/** Runs a command from the repo root; with `capture`, tees its output to ours and returns it too. */
function run(command, { env = {}, capture = false } = {}) {
  return new Promise((resolvePromise) => {
    const [file, ...args] = command;
    const childEnv = {
      ...process.env,
      NX_TUI: 'false',
      NX_DAEMON: 'false',
      NX_NO_CLOUD: 'true',
      ...(capture && process.stdout.isTTY && !process.env.NO_COLOR ? { FORCE_COLOR: '1' } : {}),
      ...env,
    };
    // A step sets a variable to undefined to remove it from its environment.
    for (const [key, value] of Object.entries(childEnv)) if (value === undefined) delete childEnv[key];
    const child = spawn(file, args, {
      cwd: ROOT,
      env: childEnv,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : ['ignore', 'inherit', 'inherit'],
      detached: true, // its own process group, so a timeout or Ctrl-C can stop everything it started
    });
    current = child;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      console.error(`\nrun-tests: step still running after ${STEP_TIMEOUT_SECONDS} s (TEST_STEP_TIMEOUT): stopping it`);
      killStep(child, 'SIGTERM');
      setTimeout(() => killStep(child, 'SIGKILL'), 10_000).unref();
    }, STEP_TIMEOUT_SECONDS * 1000);
    const chunks = [];
    if (capture) {
      child.stdout.on('data', (c) => (chunks.push(c), process.stdout.write(c)));
      child.stderr.on('data', (c) => (chunks.push(c), process.stderr.write(c)));
    }
    child.on('error', (err) => {
      clearTimeout(timer);
      console.error(`run-tests: cannot start ${file}: ${err.message}`);
      resolvePromise({ code: 127, output: '', timedOut });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      current = null;
      resolvePromise({ code: code ?? (signal ? 128 : 1), output: Buffer.concat(chunks).toString('utf8'), timedOut });
    });
  });
}

function readJson(file) {
  try {
    return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null;
  } catch {
    return null;
  }
}

/**
 * Counts from a Jest --json file (Vitest's json reporter writes the same fields): failed tests plus suites that
 * could not run (syntax errors, setup crashes).
 */
function jestCounts(step) {
  const r = readJson(step.resultFile);
  if (!r || typeof r.numPassedTests !== 'number') return null;
  const broken = r.numRuntimeErrorTestSuites ?? 0;
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  const notes = [];
  if (broken > 0) notes.push(`${broken} suite(s) failed to run`);
  if (skipped > 0) notes.push(`${skipped} skipped`);
  if (r.numTotalTests === 0 && broken === 0) notes.push('no tests found');
  return { passed: r.numPassedTests, failed: r.numFailedTests + broken, note: notes.join('; ') };
}

/** Counts from vitest's summary, e.g. "Tests  12 passed | 1 failed | 2 skipped (15)" (the last one printed). */
function vitestCounts(output) {
  const lines = stripVTControlCharacters(output)
    .split(/\r?\n/)
    .filter((l) => /^\s*Tests\s+\d+ \w+/.test(l));
  const line = lines.at(-1);
  if (!line) return null;
  const count = (word) => Number(line.match(new RegExp(`(\\d+) ${word}`))?.[1] ?? 0);
  const skipped = count('skipped') + count('todo');
  return { passed: count('passed'), failed: count('failed'), note: skipped ? `${skipped} skipped` : '' };
}

/** Counts from Playwright's json reporter; errors outside tests (web server, config) count as one failure. */
function playwrightCounts(step) {
  const r = readJson(step.resultFile);
  if (!r?.stats) return null;
  const { expected = 0, unexpected = 0, flaky = 0, skipped = 0 } = r.stats;
  const errors = r.errors?.length ?? 0;
  const notes = [];
  if (flaky) notes.push(`${flaky} flaky`);
  if (skipped) notes.push(`${skipped} skipped`);
  if (errors) notes.push(`${errors} error(s) outside tests`);
  return {
    passed: expected,
    failed: unexpected + flaky + (unexpected === 0 && errors > 0 ? 1 : 0),
    note: notes.join('; '),
  };
}

async function runStep(step) {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  if (step.resultFile) rmSync(step.resultFile, { force: true });
  const { code, output, timedOut } = await run(step.command, { env: step.env, capture: step.kind === 'vitest' });
  let counts = null;
  if (step.kind === 'jest') counts = jestCounts(step);
  else if (step.kind === 'vitest') counts = jestCounts(step) ?? vitestCounts(output);
  else if (step.kind === 'playwright') counts = playwrightCounts(step);
  if (step.kind === 'check')
    counts = code === 0 ? { passed: 1, failed: 0, note: '' } : { passed: 0, failed: 1, note: '' };
  else if (!counts) counts = { passed: 0, failed: code === 0 ? 0 : 1, note: 'no machine-readable results' };
  // A non-zero exit with no failed test (a crash, a coverage threshold, a failed build inside the runner) fails too.
  if (code !== 0 && counts.failed === 0) {
    counts.failed = 1;
    counts.note = [counts.note, `exit code ${code}`].filter(Boolean).join('; ');
  }
  if (timedOut) counts.note = [`timed out after ${STEP_TIMEOUT_SECONDS} s`, counts.note].filter(Boolean).join('; ');
  if (code === 0 && step.kind !== 'check' && counts.passed + counts.failed === 0 && !counts.note) {
    counts.note = 'no tests ran';
  }
  return { ...counts, seconds: seconds(), code };
}

function banner(text) {
  const line = '═'.repeat(Math.min(100, Math.max(40, text.length + 4)));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

function printTable(rows) {
  const head = ['step', 'passed', 'failed', 'seconds', 'note'];
  const body = rows.map((r) => [
    r.title,
    r.skipped ? '-' : String(r.passed),
    r.skipped ? '-' : String(r.failed),
    r.seconds.toFixed(1),
    r.note ?? '',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const fmt = (cells) =>
    cells
      .map((c, i) => (i === 0 || i === 4 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join('  ')
      .trimEnd();
  console.log('');
  console.log(fmt(head));
  console.log(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const b of body) console.log(fmt(b));
  console.log('');
}

async function main() {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const steps = selectSteps();
  const rows = [];
  const failedSteps = new Set();
  const total = process.hrtime.bigint();

  for (const step of steps) {
    const skip = step.skip?.();
    if (skip) {
      const { reason, hint, fail = false } = skip;
      banner(`${step.title}: skipped`);
      console.log(`${step.id} skipped: ${reason}${hint ? `; ${hint}` : ''}`);
      rows.push({
        title: step.title,
        passed: 0,
        failed: fail ? 1 : 0,
        seconds: 0,
        skipped: !fail,
        note: `${fail ? 'FAILED, ' : ''}skipped: ${reason}`,
      });
      if (fail) failedSteps.add(step.id);
      continue;
    }
    if (step.needs && failedSteps.has(step.needs)) {
      banner(`${step.title}: not run`);
      console.log(`${step.title} not run: step "${step.needs}" failed`);
      rows.push({ title: step.title, passed: 0, failed: 1, seconds: 0, note: `not run: ${step.needs} failed` });
      failedSteps.add(step.id);
      continue;
    }
    const shown = step.command.map((c) => c.replace(`${ROOT}/node_modules/.bin/`, '').replace(`${ROOT}/`, ''));
    banner(`${step.title}  (${shown.join(' ')})`);
    const result = await runStep(step);
    rows.push({ title: step.title, ...result });
    if (result.failed > 0) failedSteps.add(step.id);
    console.log(`\n→ ${step.title}: ${result.passed} passed, ${result.failed} failed (${result.seconds.toFixed(1)} s)`);
  }

  const passed = rows.reduce((n, r) => n + r.passed, 0);
  const failed = rows.reduce((n, r) => n + r.failed, 0);
  rows.push({ title: 'total', passed, failed, seconds: Number(process.hrtime.bigint() - total) / 1e9, note: '' });
  banner('summary');
  printTable(rows);
  process.exitCode = failed > 0 ? 1 : 0;
  console.log(`${passed} passed, ${failed} failed`);
}

main().catch((err) => {
  console.error(err);
  console.log('0 passed, 1 failed');
  process.exitCode = 1;
});
