import type { INestApplication } from '@nestjs/common';

export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;
export const SHUTDOWN_TIMEOUT_MS = 10_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: Nest stops accepting connections, lets requests in flight finish (Fastify
 * answers new ones with 503 meanwhile), runs the shutdown hooks (the database connection closes) and exits 0.
 * A watchdog exits 1 if that takes longer than `timeoutMs`, e.g. when a request hangs.
 */
export function enableGracefulShutdown(
  app: INestApplication,
  { timeoutMs = SHUTDOWN_TIMEOUT_MS, write = (line: string) => process.stdout.write(line) } = {},
): void {
  app.enableShutdownHooks([...SHUTDOWN_SIGNALS], { useProcessExit: true });
  let stopping = false;
  for (const signal of SHUTDOWN_SIGNALS) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      write(`${signal} received: finishing requests in flight and shutting down (at most ${timeoutMs / 1000} s)\n`);
      setTimeout(() => {
        process.stderr.write(`Shutdown did not finish within ${timeoutMs / 1000} s; exiting.\n`);
        process.exit(1);
      }, timeoutMs).unref();
    });
  }
}
