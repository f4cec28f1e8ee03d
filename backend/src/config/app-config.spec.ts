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

  it('parses TRUST_PROXY and CORS_ORIGINS lists', () => {
    const c = loadConfig({ TRUST_PROXY: '10.0.0.0/8, ::1', CORS_ORIGINS: 'https://a.example,http://localhost:4200' });
    expect(c.trustProxy).toEqual(['10.0.0.0/8', '::1']);
    expect(c.corsOrigins).toEqual(['https://a.example', 'http://localhost:4200']);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
  });
});
