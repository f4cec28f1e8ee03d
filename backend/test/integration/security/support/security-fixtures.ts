import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import Redis from 'ioredis';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../../../src/common/time/clock';
import { AutoBanService } from '../../../../src/modules/security/ip-rules/auto-ban.service';
import { IpAllow } from '../../../../src/modules/security/ip-rules/entities/ip-allow.entity';
import { IpBlock } from '../../../../src/modules/security/ip-rules/entities/ip-block.entity';
import { TestApp } from '../../../support/test-app';
import { createAuthTestApp } from '../../auth/support/auth-fixtures';

/** A test app with these throttling / auto-ban settings on top of the generous test defaults. */
export function createSecurityTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  return createAuthTestApp(env);
}

/**
 * Freezes the app's clock at `at` (epoch ms) and returns a function that moves it. Throttle windows are aligned to
 * the clock, so a test that counts requests must not straddle a real minute boundary.
 */
export function freezeClock(t: TestApp, at: number): (to: number) => void {
  let now = at;
  jest.spyOn(t.app.get(Clock), 'now').mockImplementation(() => new Date(now));
  return (to: number) => {
    now = to;
  };
}

/** The start of the current minute plus `offsetMs`: a frozen time that leaves the rest of the minute to a test. */
export function minuteStart(offsetMs = 1000): number {
  return Math.floor(Date.now() / 60_000) * 60_000 + offsetMs;
}

/** Polls `probe` until it returns true (automatic bans are counted after the response is sent). */
export async function eventually(probe: () => Promise<boolean> | boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the counting of every response so far has finished (bans included). */
export async function autoBansSettled(t: TestApp): Promise<void> {
  // The onResponse hook runs just after inject() resolves: give it a turn, then wait for what it started.
  await new Promise((r) => setImmediate(r));
  await t.app.get(AutoBanService).settled();
}

/** Deletes the block and allow rows of these ranges (all test files share one database). */
export async function removeIpRules(t: TestApp, ranges: string[]): Promise<void> {
  const dataSource = t.app.get(DataSource);
  await dataSource.getRepository(IpBlock).delete({ range: In(ranges) });
  await dataSource.getRepository(IpAllow).delete({ range: In(ranges) });
}

export const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** A private redis-server on a free port (no persistence); kill `process` to stop it. */
export async function startRedis(): Promise<{ url: string; process: ChildProcess }> {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50; i++) {
    const probe = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return { url, process: child };
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  child.kill();
  throw new Error('redis-server did not start');
}
