import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { describeDatabase, formatAddress, formatStartupBanner } from './banner';
import type { StartupReport } from '../database/startup/database-startup.service';

const strong = 'Zq3v9XbT7wLk2Rf8Hn4Jm6Pc1Sd5Gy0AeUo';
const report = (overrides: Partial<StartupReport> = {}): StartupReport => ({
  migrations: [],
  seeded: { modes: 0, operators: 0, customers: 0 },
  admin: { email: 'admin@example.org', created: false },
  ...overrides,
});

describe('describeDatabase', () => {
  it('shows the absolute SQLite file', () => {
    expect(describeDatabase({ type: 'sqlite', path: 'data/app.sqlite' })).toBe(
      `SQLite, file ${resolve('data/app.sqlite')}`,
    );
  });

  it('never shows PostgreSQL credentials', () => {
    const text = describeDatabase({ type: 'postgres', url: 'postgres://hub:s3cret@db.example:6432/hub' });
    expect(text).toBe('PostgreSQL at db.example:6432/hub');
    expect(text).not.toContain('s3cret');
  });
});

describe('formatAddress', () => {
  it('formats IPv4, IPv6 and pipes', () => {
    expect(formatAddress({ address: '0.0.0.0', family: 'IPv4', port: 3000 })).toBe('0.0.0.0:3000');
    expect(formatAddress({ address: '::', family: 'IPv6', port: 3000 })).toBe('[::]:3000');
    expect(formatAddress('/tmp/app.sock')).toBe('/tmp/app.sock');
  });
});

describe('formatStartupBanner', () => {
  const address = { address: '0.0.0.0', family: 'IPv4', port: 3000 };

  it('shows the URLs, the database, a generated admin password once, and the dev-secret warning', () => {
    const text = formatStartupBanner({
      config: loadConfig({}),
      version: '1.2.3',
      address,
      spaBuilt: true,
      report: report({
        migrations: ['Initial1700000000000'],
        seeded: { modes: 16, operators: 31, customers: 300 },
        admin: { email: 'admin@example.org', created: true, generatedPassword: 'pw-Once-123456' },
      }),
    });
    expect(text).toContain('Open Transport Hub 1.2.3 is running (development)');
    expect(text).toContain('http://localhost:3000/   (listening on 0.0.0.0:3000)');
    expect(text).toContain('http://localhost:3000/api/docs');
    expect(text).toContain(`SQLite, file ${resolve('data/app.sqlite')}`);
    expect(text).toContain('applied Initial1700000000000');
    expect(text).toContain('16 modes, 31 operators, 300 demo customers');
    expect(text).toContain('Admin login: admin@example.org / pw-Once-123456 (shown once — store it now)');
    expect(text).toContain('JWT secrets were generated');
    expect(text).not.toContain('not built');
  });

  it('names an existing admin without a password, and warns about a missing web-app build', () => {
    const config = loadConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: strong,
      JWT_REFRESH_SECRET: strong.split('').reverse().join(''),
      PUBLIC_URL: 'https://hub.example.org',
    });
    const text = formatStartupBanner({ config, version: '1.2.3', address, spaBuilt: false, report: report() });
    expect(text).toContain('https://hub.example.org/api/docs');
    expect(text).toContain('Admin:      admin@example.org');
    expect(text).not.toContain('Admin login');
    expect(text).not.toContain('JWT secrets were generated');
    expect(text).toContain('npm run build');
  });
});
