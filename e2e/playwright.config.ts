import { defineConfig, devices } from '@playwright/test';
import { join } from 'node:path';
import { E2E_ADMIN } from './support/test-users';

/**
 * End-to-end tests against the built app: `node dist/backend/main.js` serves the API under /api and the Angular
 * build from dist/frontend/browser, so build first (`npm run build`; `npm test` does it for you).
 * Runs Debian's Chromium (never a downloaded browser): set CHROMIUM_PATH to use another binary.
 * See docs/testing.md.
 */
const root = join(__dirname, '..');
const artifacts = join(__dirname, 'artifacts');
const port = Number(process.env.E2E_PORT ?? 4310);
const baseURL = `http://127.0.0.1:${port}`;
const smtpSinkPort = Number(process.env.SMTP_SINK_PORT ?? 4325);
const smtpSinkHttpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 4326);

export default defineConfig({
  testDir: join(__dirname, 'tests'),
  outputDir: join(artifacts, 'test-results'),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: join(artifacts, 'results.json') }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      // A real SMTP server the app sends to; journeys read the mail over its HTTP API (support/mailbox.ts).
      command: 'node e2e/support/smtp-sink.mjs',
      cwd: root,
      url: `http://127.0.0.1:${smtpSinkHttpPort}/health`,
      reuseExistingServer: false,
      timeout: 10_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: { SMTP_SINK_PORT: String(smtpSinkPort), SMTP_SINK_HTTP_PORT: String(smtpSinkHttpPort) },
    },
    {
      // prepare-server.mjs checks the build exists and deletes the previous run's database and mail.
      command: 'node e2e/support/prepare-server.mjs && node dist/backend/main.js',
      cwd: root,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      stderr: 'pipe',
      env: {
        NODE_ENV: 'development',
        HOST: '127.0.0.1',
        PORT: String(port),
        PUBLIC_URL: baseURL,
        // Always a fresh SQLite file, even when the caller's environment points DATABASE_URL at PostgreSQL.
        DATABASE_URL: '',
        SQLITE_PATH: join(artifacts, 'app.sqlite'),
        SMTP_URL: `smtp://127.0.0.1:${smtpSinkPort}`,
        MAIL_DIR: join(artifacts, 'mail'),
        REDIS_URL: '',
        ADMIN_EMAIL: E2E_ADMIN.email,
        ADMIN_PASSWORD: E2E_ADMIN.password,
        LOG_LEVEL: 'error',
        // Every journey signs in from 127.0.0.1, many times a minute: the per-address limits and automatic bans
        // (tested in backend/test/integration/security) would refuse the suite itself. Budgets stay on, just large.
        THROTTLE_USER_PER_MINUTE: '100000',
        THROTTLE_USER_PER_DAY: '1000000',
        THROTTLE_CLIENT_PER_DAY: '1000000',
        THROTTLE_ANONYMOUS_PER_MINUTE: '100000',
        THROTTLE_LOGIN_PER_MINUTE: '100000',
        THROTTLE_REGISTER_PER_HOUR: '100000',
        THROTTLE_FORGOT_PASSWORD_PER_HOUR: '100000',
        THROTTLE_ACCOUNT_LINK_PER_HOUR: '100000',
        AUTO_BAN_FAILED_LOGINS: '0',
        AUTO_BAN_THROTTLE_REFUSALS: '0',
        AUTO_BAN_INVALID_TOKENS: '0',
      },
    },
  ],
});
