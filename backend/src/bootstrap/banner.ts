import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { AppConfig } from '../config/app-config';
import type { StartupReport } from '../database/startup/database-startup.service';

/** The database, described without credentials. */
export function describeDatabase(database: AppConfig['database']): string {
  if (database.type === 'sqlite') return `SQLite, file ${resolve(database.path)}`;
  try {
    const url = new URL(database.url);
    return `PostgreSQL at ${url.hostname}:${url.port || '5432'}${url.pathname}`;
  } catch {
    return 'PostgreSQL';
  }
}

export function formatAddress(address: AddressInfo | string | null): string {
  if (!address) return 'unknown';
  if (typeof address === 'string') return address;
  return address.family === 'IPv6' ? `[${address.address}]:${address.port}` : `${address.address}:${address.port}`;
}

export interface BannerInput {
  config: AppConfig;
  version: string;
  report: StartupReport;
  address: AddressInfo | string | null;
  spaBuilt: boolean;
}

/** The start-up summary printed to stdout (plain text, for the person who just ran `npm start`). */
export function formatStartupBanner({ config, version, report, address, spaBuilt }: BannerInput): string {
  const url = config.publicUrl;
  const lines = [
    '',
    `Open Transport Hub ${version} is running (${config.nodeEnv})`,
    `  Web app:    ${url}/   (listening on ${formatAddress(address)})`,
    `  API docs:   ${url}/api/docs`,
    `  Health:     ${url}/api/health`,
    `  Database:   ${describeDatabase(config.database)}`,
    `  Migrations: ${report.migrations.length ? `applied ${report.migrations.join(', ')}` : 'up to date'}`,
  ];
  const { modes, operators, customers } = report.seeded;
  if (modes + operators + customers > 0) {
    lines.push(`  Seeded:     ${modes} modes, ${operators} operators, ${customers} demo customers`);
  }
  if (report.admin.generatedPassword) {
    lines.push(`  Admin login: ${report.admin.email} / ${report.admin.generatedPassword} (shown once — store it now)`);
  } else {
    lines.push(`  Admin:      ${report.admin.email}`);
  }
  if (config.jwt.generated) {
    lines.push(
      '  Warning:    JWT secrets were generated for this process (development only): sessions end at restart.',
      '              Set JWT_ACCESS_SECRET and JWT_REFRESH_SECRET to keep them.',
    );
  }
  if (!spaBuilt) {
    lines.push('  Warning:    the web app is not built; run `npm run build` (the API works without it).');
  }
  lines.push('');
  return lines.join('\n') + '\n';
}
