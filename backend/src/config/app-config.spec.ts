import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('defaults to the embedded SQLite file and port 3000 in development', () => {
    const config = loadConfig({});
    expect(config.nodeEnv).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.database).toEqual({ type: 'sqlite', path: 'data/app.sqlite' });
    expect(config.publicUrl).toBe('http://localhost:3000');
    expect(config.seed.demoData).toBe(true);
    expect(config.jwt.generated).toBe(true);
  });

  it('selects PostgreSQL for a postgres:// URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).database).toEqual({
      type: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL'],
    [{ TRUST_PROXY: 'maybe' }, 'TRUST_PROXY'],
    [{ CORS_ORIGINS: 'example.org' }, 'CORS_ORIGINS'],
    [{ TLS_CERT_FILE: '/nonexistent.pem', TLS_KEY_FILE: '/nonexistent.key' }, 'TLS_CERT_FILE'],
    [{ ADMIN_EMAIL: 'admin@example.org', ADMIN_PASSWORD: 'short' }, 'ADMIN_PASSWORD'],
  ])('rejects %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('requires strong, distinct JWT secrets and an https PUBLIC_URL in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_ACCESS_SECRET: required/);
    expect(() =>
      loadConfig({ NODE_ENV: 'production', JWT_ACCESS_SECRET: 'secret', JWT_REFRESH_SECRET: 'secret' }),
    ).toThrow(/too weak/);
    const strong = 'Zq3v9XbT7wLk2Rf8Hn4Jm6Pc1Sd5Gy0AeUo';
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        JWT_ACCESS_SECRET: strong,
        JWT_REFRESH_SECRET: strong,
        PUBLIC_URL: 'https://hub.example.org',
      }),
    ).toThrow(/must differ/);
    const prod = loadConfig({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: strong,
      JWT_REFRESH_SECRET: strong.split('').reverse().join(''),
      PUBLIC_URL: 'https://hub.example.org/',
    });
    expect(prod.seed.demoData).toBe(false);
    expect(prod.publicUrl).toBe('https://hub.example.org');
    expect(prod.jwt.generated).toBe(false);
  });

  it("has the issue's authentication defaults and reads overrides", () => {
    expect(loadConfig({}).auth).toEqual({
      bcryptCost: 12,
      sessionIdleTtlSeconds: 7 * 86_400,
      sessionAbsoluteTtlSeconds: 30 * 86_400,
      sessionCacheTtlSeconds: 5,
      refreshReuseGraceSeconds: 10,
      lockout: { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 },
      ipLimit: { maxFailures: 20, windowSeconds: 900, blockSeconds: 900 },
    });
    const custom = loadConfig({ BCRYPT_COST: '4', LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_DURATION: '60' }).auth;
    expect(custom).toMatchObject({ bcryptCost: 4, lockout: { maxFailures: 3, windowSeconds: 900, lockSeconds: 60 } });
    expect(loadConfig({ REFRESH_REUSE_GRACE_SECONDS: '0' }).auth.refreshReuseGraceSeconds).toBe(0);
    expect(loadConfig({ REFRESH_REUSE_GRACE_SECONDS: '60' }).auth.refreshReuseGraceSeconds).toBe(60);
  });

  it.each([
    [{ BCRYPT_COST: '3' }, 'BCRYPT_COST'],
    [{ BCRYPT_COST: '16' }, 'BCRYPT_COST'],
    [{ SESSION_IDLE_TTL: '7200', SESSION_ABSOLUTE_TTL: '3600' }, 'SESSION_ABSOLUTE_TTL'],
    [{ SESSION_CACHE_TTL: '60' }, 'SESSION_CACHE_TTL'],
    [{ LOGIN_MAX_FAILURES: '0' }, 'LOGIN_MAX_FAILURES'],
    [{ REFRESH_REUSE_GRACE_SECONDS: '61' }, 'REFRESH_REUSE_GRACE_SECONDS'],
    [{ REFRESH_REUSE_GRACE_SECONDS: '-1' }, 'REFRESH_REUSE_GRACE_SECONDS'],
  ])('rejects the auth setting %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('has the account-link token lifetime default (24 h) and reads LINK_TOKEN_TTL (5 min to 7 days)', () => {
    expect(loadConfig({}).accountLinking).toEqual({ tokenTtlSeconds: 86_400 });
    expect(loadConfig({ LINK_TOKEN_TTL: '3600' }).accountLinking).toEqual({ tokenTtlSeconds: 3600 });
    for (const bad of ['299', '604801', '1.5', 'a day']) {
      expect(() => loadConfig({ LINK_TOKEN_TTL: bad })).toThrow('LINK_TOKEN_TTL');
    }
  });

  it('refuses a bcrypt cost below 12 in production', () => {
    const strong = 'Zq3v9XbT7wLk2Rf8Hn4Jm6Pc1Sd5Gy0AeUo';
    const prod = {
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: strong,
      JWT_REFRESH_SECRET: strong.split('').reverse().join(''),
      PUBLIC_URL: 'https://hub.example.org',
    };
    expect(() => loadConfig({ ...prod, BCRYPT_COST: '10' })).toThrow(/BCRYPT_COST: must be at least 12 in production/);
    expect(loadConfig({ ...prod, BCRYPT_COST: '13' }).auth.bcryptCost).toBe(13);
  });

  it('has the mail defaults and reads MAIL_MAX_ATTEMPTS', () => {
    expect(loadConfig({}).mail).toEqual({
      smtpUrl: undefined,
      from: 'Open Transport Hub <no-reply@localhost>',
      dir: 'data/mail',
      maxAttempts: 10,
    });
    expect(loadConfig({ MAIL_MAX_ATTEMPTS: '3', SMTP_URL: 'smtp://127.0.0.1:2525' }).mail).toMatchObject({
      smtpUrl: 'smtp://127.0.0.1:2525',
      maxAttempts: 3,
    });
    for (const bad of ['0', '51', 'ten'])
      expect(() => loadConfig({ MAIL_MAX_ATTEMPTS: bad })).toThrow('MAIL_MAX_ATTEMPTS');
    expect(() => loadConfig({ SMTP_URL: 'mail.example.org' })).toThrow('SMTP_URL');
  });

  it('has the query history retention defaults and reads overrides', () => {
    expect(loadConfig({}).history).toEqual({ retentionDays: 90, maxEntries: 1000 });
    expect(loadConfig({ HISTORY_RETENTION_DAYS: '7', HISTORY_MAX_ENTRIES: '50' }).history).toEqual({
      retentionDays: 7,
      maxEntries: 50,
    });
    for (const bad of ['0', '3651', 'soon']) {
      expect(() => loadConfig({ HISTORY_RETENTION_DAYS: bad })).toThrow('HISTORY_RETENTION_DAYS');
    }
    for (const bad of ['0', '100001', '1.5']) {
      expect(() => loadConfig({ HISTORY_MAX_ENTRIES: bad })).toThrow('HISTORY_MAX_ENTRIES');
    }
  });

  it("has the audit log's defaults: on, 365 days, 1 s flushes, the writer thread, the spool beside the SQLite file", () => {
    expect(loadConfig({}).audit).toEqual({
      enabled: true,
      retentionDays: 365,
      flushIntervalMs: 1000,
      batchSize: 500,
      bufferMax: 10_000,
      writer: 'thread',
      spoolDir: 'data',
    });
    // The spool folder follows SQLITE_PATH, also when the database is PostgreSQL; AUDIT_SPOOL_DIR overrides it.
    expect(loadConfig({ SQLITE_PATH: '/var/lib/oth/hub.sqlite' }).audit.spoolDir).toBe('/var/lib/oth');
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h:5432/db' }).audit.spoolDir).toBe('data');
    expect(loadConfig({ AUDIT_SPOOL_DIR: '/var/spool/oth', SQLITE_PATH: '/x/y.sqlite' }).audit.spoolDir).toBe(
      '/var/spool/oth',
    );
  });

  it('reads the AUDIT_* overrides', () => {
    expect(
      loadConfig({
        AUDIT_ENABLED: 'false',
        AUDIT_RETENTION_DAYS: '30',
        AUDIT_FLUSH_INTERVAL_MS: '0',
        AUDIT_BATCH_SIZE: '50',
        AUDIT_BUFFER_MAX: '50',
        AUDIT_WRITER: 'inline',
      }).audit,
    ).toEqual({
      enabled: false,
      retentionDays: 30,
      flushIntervalMs: 0,
      batchSize: 50,
      bufferMax: 50,
      writer: 'inline',
      spoolDir: 'data',
    });
    for (const on of ['true', '1', 'yes', ' ']) expect(loadConfig({ AUDIT_ENABLED: on }).audit.enabled).toBe(true);
    for (const off of ['false', '0', 'no']) expect(loadConfig({ AUDIT_ENABLED: off }).audit.enabled).toBe(false);
  });

  it.each([
    [{ AUDIT_ENABLED: 'maybe' }, 'AUDIT_ENABLED'],
    [{ AUDIT_RETENTION_DAYS: '0' }, 'AUDIT_RETENTION_DAYS'],
    [{ AUDIT_RETENTION_DAYS: '36501' }, 'AUDIT_RETENTION_DAYS'],
    [{ AUDIT_RETENTION_DAYS: 'a year' }, 'AUDIT_RETENTION_DAYS'],
    [{ AUDIT_FLUSH_INTERVAL_MS: '-1' }, 'AUDIT_FLUSH_INTERVAL_MS'],
    [{ AUDIT_FLUSH_INTERVAL_MS: '60001' }, 'AUDIT_FLUSH_INTERVAL_MS'],
    [{ AUDIT_FLUSH_INTERVAL_MS: '1.5' }, 'AUDIT_FLUSH_INTERVAL_MS'],
    [{ AUDIT_BATCH_SIZE: '0' }, 'AUDIT_BATCH_SIZE'],
    [{ AUDIT_BATCH_SIZE: '5001' }, 'AUDIT_BATCH_SIZE'],
    [{ AUDIT_BUFFER_MAX: '0' }, 'AUDIT_BUFFER_MAX'],
    [{ AUDIT_BUFFER_MAX: '1000001' }, 'AUDIT_BUFFER_MAX'],
    [{ AUDIT_BUFFER_MAX: '100', AUDIT_BATCH_SIZE: '500' }, 'AUDIT_BUFFER_MAX: must be at least AUDIT_BATCH_SIZE'],
    [{ AUDIT_WRITER: 'process' }, 'AUDIT_WRITER'],
  ])('rejects the audit setting %j naming %s', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('parses TRUST_PROXY and CORS_ORIGINS lists', () => {
    const c = loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1', CORS_ORIGINS: 'https://a.example,http://localhost:4200' });
    expect(c.trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(c.corsOrigins).toEqual(['https://a.example', 'http://localhost:4200']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });
});
