#!/usr/bin/env node
// Development servers, dependency-free: `npm run dev` (backend + frontend), `node tools/dev.mjs backend`,
// `node tools/dev.mjs frontend`.
//   backend:  tsc --watch compiles backend/src to dist/backend; `node --watch dist/backend/main.js` restarts the API on
//             every rebuild (http://localhost:3000, or PORT).
//   frontend: `ng serve` on http://localhost:4200, proxying /api to :3000 (frontend/proxy.conf.json).
// Ctrl-C stops everything; if one process ends, the others are stopped too.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '..');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const MAIN = join(ROOT, 'dist', 'backend', 'main.js');
const COLORS = { tsc: 36, api: 32, web: 35 };
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;

const which = process.argv[2] ?? 'all';
if (!['all', 'backend', 'frontend'].includes(which)) {
  console.error('usage: node tools/dev.mjs [backend|frontend]');
  process.exit(2);
}

const children = new Set();
let stopping = false;

/** Starts a process in its own process group and prefixes each of its output lines with a label. */
function start(label, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd ?? ROOT,
    env: { ...process.env, ...(useColor ? { FORCE_COLOR: '1' } : {}), ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  children.add(child);
  const tag = useColor ? `\u001b[${COLORS[label]}m[${label}]\u001b[0m ` : `[${label}] `;
  for (const stream of [child.stdout, child.stderr]) {
    let rest = '';
    stream.on('data', (chunk) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) (stream === child.stderr ? process.stderr : process.stdout).write(tag + line + '\n');
    });
    stream.on('end', () => rest && process.stdout.write(tag + rest + '\n'));
  }
  child.on('error', (err) => {
    console.error(`${tag}cannot start ${command}: ${err.message}`);
    void stopAll(1);
  });
  child.on('exit', (code, signal) => {
    children.delete(child);
    if (!stopping) {
      console.error(`${tag}exited (${signal ?? `code ${code}`}); stopping the others`);
      void stopAll(code ?? 1);
    }
  });
  return child;
}

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

async function stopAll(code = 0) {
  if (stopping) return;
  stopping = true;
  for (const child of children) killGroup(child, 'SIGTERM');
  for (let i = 0; i < 50 && children.size > 0; i++) await sleep(100);
  for (const child of children) killGroup(child, 'SIGKILL');
  process.exit(code);
}

process.on('SIGINT', () => void stopAll(0));
process.on('SIGTERM', () => void stopAll(0));
process.on('SIGHUP', () => void stopAll(0));

async function backend() {
  start('tsc', bin('tsc'), ['-p', 'backend/tsconfig.app.json', '--watch', '--preserveWatchOutput']);
  // node --watch needs the entry file to exist: wait for tsc's first emit.
  while (!existsSync(MAIN)) {
    if (stopping) return;
    await sleep(300);
  }
  start('api', process.execPath, ['--watch', '--watch-preserve-output', '--enable-source-maps', MAIN], {
    env: { NODE_ENV: process.env.NODE_ENV ?? 'development' },
  });
}

function frontend() {
  start('web', bin('ng'), ['serve'], { cwd: join(ROOT, 'frontend'), env: { NG_CLI_ANALYTICS: 'false' } });
}

if (which !== 'frontend') void backend();
if (which !== 'backend') frontend();
