import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { InjectOptions, Response as InjectResponse } from 'light-my-request';
import { createApp, CreateAppOptions } from '../../src/bootstrap/create-app';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { DatabaseStartupService, StartupReport } from '../../src/database/startup/database-startup.service';
import { testDatabaseEnv } from '../setup/test-database';

export interface TestApp {
  app: NestFastifyApplication;
  config: AppConfig;
  report: StartupReport;
  /** Fastify's in-process request injection (light-my-request): no socket, no port. */
  inject(options: InjectOptions | string): Promise<InjectResponse>;
  close(): Promise<void>;
}

/** A folder that never holds a web-app build: tests see the "not built" page unless they pass SPA_DIR. */
const NO_SPA_DIR = join(tmpdir(), 'oth-test-no-spa-build');

/**
 * Request budgets far out of reach and automatic bans off: suites make many requests from one address (127.0.0.1)
 * as many users, and sign in dozens of times a minute. Throttling tests set the limits they test.
 */
export const GENEROUS_THROTTLE_ENV: NodeJS.ProcessEnv = {
  THROTTLE_USER_PER_MINUTE: '1000000',
  THROTTLE_USER_PER_DAY: '1000000',
  THROTTLE_CLIENT_PER_DAY: '1000000',
  THROTTLE_ANONYMOUS_PER_MINUTE: '1000000',
  THROTTLE_LOGIN_PER_MINUTE: '1000000',
  THROTTLE_REGISTER_PER_HOUR: '1000000',
  THROTTLE_FORGOT_PASSWORD_PER_HOUR: '1000000',
  THROTTLE_ACCOUNT_LINK_PER_HOUR: '1000000',
  AUTO_BAN_FAILED_LOGINS: '0',
  AUTO_BAN_THROTTLE_REFUSALS: '0',
  AUTO_BAN_INVALID_TOKENS: '0',
};

/** Emails of tests that set no SMTP_URL land here as .eml files, never in the repository's data/mail. */
const TEST_MAIL_DIR = join(tmpdir(), 'oth-test-mail');

/**
 * The real application (createApp, as main.ts builds it) on the run's test database, migrated and seeded, ready for
 * `inject`. `env` overrides the test defaults, e.g. `{ CORS_ORIGINS: 'https://a.example' }`.
 */
export async function createTestApp(env: NodeJS.ProcessEnv = {}, options: CreateAppOptions = {}): Promise<TestApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    SPA_DIR: NO_SPA_DIR,
    MAIL_DIR: TEST_MAIL_DIR,
    // The audit writer stores records when a test flushes it (and at close), not on a timer, on the main thread
    // (tests stand in for its database; audit/writer-thread.int-spec.ts covers the writer thread, the production
    // default); its spool, if ever written, goes to a folder of this app's own outside the repository.
    AUDIT_FLUSH_INTERVAL_MS: '0',
    AUDIT_WRITER: 'inline',
    AUDIT_SPOOL_DIR: join(tmpdir(), `oth-test-audit-spool-${randomUUID()}`),
    ...GENEROUS_THROTTLE_ENV,
    ...testDatabaseEnv(),
    ...env,
  });
  const app = await createApp(config, options);
  try {
    const report = await app.get(DatabaseStartupService).prepare();
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
    return {
      app,
      config,
      report,
      inject: (opts) => app.inject(opts),
      close: () => app.close(),
    };
  } catch (error) {
    await app.close();
    throw error;
  }
}
