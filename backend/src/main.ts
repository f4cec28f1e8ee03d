import 'reflect-metadata';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from '@nestjs/common';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type pino from 'pino';
import { describeDatabase, formatStartupBanner } from './bootstrap/banner';
import { createApp } from './bootstrap/create-app';
import { createRootLogger } from './bootstrap/logger';
import { enableGracefulShutdown } from './bootstrap/shutdown';
import { resolveSpaDir } from './bootstrap/spa';
import { appVersion } from './common/app-version';
import { loggableError } from './common/errors/all-exceptions.filter';
import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { DatabaseStartupService, StartupReport } from './database/startup/database-startup.service';

let rootLogger: pino.Logger | undefined;

/** Writes what pino still buffers, so that our own lines on stdout/stderr come after the log lines before them. */
function flushLogs(): Promise<void> {
  return new Promise((done) => {
    if (!rootLogger) return done();
    const timer = setTimeout(done, 1000);
    rootLogger.flush(() => {
      clearTimeout(timer);
      done();
    });
  });
}

/** Ends the process with a message for a person, not a stack trace (the log above has the details). */
async function exitWith(message: string): Promise<never> {
  await flushLogs();
  process.stderr.write(`\nOpen Transport Hub could not start: ${message}\n`);
  process.exit(1);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function exitOnFatal(kind: string) {
  return (reason: unknown) => {
    new Logger('Process').fatal({ err: loggableError(reason) }, `${kind}; exiting`);
    process.stderr.write(`${kind}: ${errorMessage(reason)}\n`);
    process.exit(1);
  };
}

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee docs/configuration.md.\n`);
    process.exit(1);
  }
  process.on('unhandledRejection', exitOnFatal('Unhandled promise rejection'));
  process.on('uncaughtException', exitOnFatal('Uncaught exception'));

  const database = describeDatabase(config.database);
  process.stdout.write(`Starting Open Transport Hub ${appVersion()} (${config.nodeEnv}); database: ${database}\n`);
  rootLogger = createRootLogger(config);

  let app: NestFastifyApplication;
  try {
    // Connects to the database (TypeORM retries a few times before giving up).
    app = await createApp(config, { rootLogger });
  } catch (error) {
    return exitWith(
      `${errorMessage(error)}\n` +
        `Database: ${database}. Check that it is running and reachable, and DATABASE_URL / SQLITE_PATH.`,
    );
  }

  let report: StartupReport;
  try {
    // Migrations, seed data, the first admin (see DatabaseStartupService).
    report = await app.get(DatabaseStartupService).prepare();
  } catch (error) {
    await app.close().catch(() => undefined);
    return exitWith(`preparing the database (migrations, seed data, admin account) failed: ${errorMessage(error)}`);
  }

  enableGracefulShutdown(app);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close().catch(() => undefined);
    const inUse = (error as { code?: string }).code === 'EADDRINUSE';
    return exitWith(
      inUse
        ? `port ${config.port} is already in use on ${config.host}; stop the other process or set PORT.`
        : `cannot listen on ${config.host}:${config.port}: ${errorMessage(error)}`,
    );
  }

  await flushLogs();
  process.stdout.write(
    formatStartupBanner({
      config,
      version: appVersion(),
      report,
      address: app.getHttpServer().address(),
      spaBuilt: existsSync(join(resolveSpaDir(config), 'index.html')),
    }),
  );
}

main().catch((error: unknown) => exitWith(errorMessage(error)));
