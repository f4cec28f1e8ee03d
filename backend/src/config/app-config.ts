import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';

/**
 * Every setting the backend reads, validated and typed once at start-up.
 * `docs/configuration.md` documents each variable; keep the two in step.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type DatabaseType = 'sqlite' | 'postgres';
export type TrustProxy = boolean | number | string[];

export interface AppConfig {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  redisUrl?: string;
  jwt: { accessSecret: string; refreshSecret: string; accessTtlSeconds: number; generated: boolean };
  mail: { smtpUrl?: string; from: string; dir: string };
  trustProxy: TrustProxy;
  corsOrigins: string[];
  tls?: { certFile: string; keyFile: string };
  admin?: { email: string; password?: string };
  seed: { demoData: boolean; demoCustomers: number };
  spaDir?: string;
}

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(blankToUndefined, z.string().trim().optional());
const boolString = z
  .preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional())
  .transform((v) => (v === undefined ? undefined : ['true', '1', 'yes'].includes(v)));

const httpUrl = (name: string) =>
  z.string().refine((v) => {
    try {
      const u = new URL(v);
      return u.protocol === 'http:' || u.protocol === 'https:';
    } catch {
      return false;
    }
  }, `${name} must be an http(s) URL`);

const envSchema = z.object({
  NODE_ENV: z.preprocess(blankToUndefined, z.enum(['development', 'test', 'production']).default('development')),
  HOST: z.preprocess(blankToUndefined, z.string().default('0.0.0.0')),
  PORT: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  PUBLIC_URL: z.preprocess(blankToUndefined, httpUrl('PUBLIC_URL').optional()),
  LOG_LEVEL: z.preprocess(
    blankToUndefined,
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  DATABASE_URL: optionalString,
  SQLITE_PATH: z.preprocess(blankToUndefined, z.string().default('data/app.sqlite')),
  REDIS_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^rediss?:\/\/.+/, 'REDIS_URL must start with redis:// or rediss://')
      .optional(),
  ),
  JWT_ACCESS_SECRET: optionalString,
  JWT_REFRESH_SECRET: optionalString,
  JWT_ACCESS_TTL: z.preprocess(blankToUndefined, z.coerce.number().int().min(30).max(900).default(900)),
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/.+/, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().default('Open Transport Hub <no-reply@localhost>')),
  MAIL_DIR: z.preprocess(blankToUndefined, z.string().default('data/mail')),
  TRUST_PROXY: optionalString,
  CORS_ORIGINS: optionalString,
  TLS_CERT_FILE: optionalString,
  TLS_KEY_FILE: optionalString,
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email('ADMIN_EMAIL must be an email address').optional()),
  ADMIN_PASSWORD: optionalString,
  SEED_DEMO_DATA: boolString,
  DEMO_CUSTOMERS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(100000).default(300)),
  SPA_DIR: optionalString,
});

const MIN_SECRET_LENGTH = 32;

function parseTrustProxy(raw: string | undefined, issues: string[]): TrustProxy {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const entry of list) {
    const [addr, bits] = entry.split('/');
    const family = isIP(addr);
    const bitsOk = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!family || !bitsOk) issues.push(`TRUST_PROXY: "${entry}" is not true, false, a hop count or an IP/CIDR list`);
  }
  return list;
}

function parseCorsOrigins(raw: string | undefined, issues: string[]): string[] {
  if (!raw) return [];
  const origins = raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const origin of origins) {
    let ok = false;
    try {
      const u = new URL(origin);
      ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === origin;
    } catch {
      ok = false;
    }
    if (!ok) issues.push(`CORS_ORIGINS: "${origin}" is not an origin such as https://example.org`);
  }
  return origins;
}

/** Builds the typed configuration from an environment, or throws a ConfigError naming each bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`));
  }
  const e = parsed.data;
  const issues: string[] = [];
  const isProduction = e.NODE_ENV === 'production';

  let database: AppConfig['database'];
  if (e.DATABASE_URL === undefined) {
    database = { type: 'sqlite', path: e.SQLITE_PATH };
  } else if (/^postgres(ql)?:\/\//.test(e.DATABASE_URL)) {
    database = { type: 'postgres', url: e.DATABASE_URL };
  } else if (/^(sqlite|file):/.test(e.DATABASE_URL)) {
    database = { type: 'sqlite', path: e.DATABASE_URL.replace(/^(sqlite|file):(\/\/)?/, '') || e.SQLITE_PATH };
  } else {
    issues.push('DATABASE_URL: must be a postgres:// URL (or sqlite:<path>); leave it unset for the embedded SQLite file');
    database = { type: 'sqlite', path: e.SQLITE_PATH };
  }

  let generated = false;
  let accessSecret = e.JWT_ACCESS_SECRET;
  let refreshSecret = e.JWT_REFRESH_SECRET;
  if (isProduction) {
    for (const [name, value] of [
      ['JWT_ACCESS_SECRET', accessSecret],
      ['JWT_REFRESH_SECRET', refreshSecret],
    ] as const) {
      if (!value) issues.push(`${name}: required in production`);
      else if (value.length < MIN_SECRET_LENGTH || new Set(value).size < 10)
        issues.push(`${name}: too weak; use at least ${MIN_SECRET_LENGTH} random characters (e.g. openssl rand -base64 48)`);
    }
    if (accessSecret && accessSecret === refreshSecret)
      issues.push('JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET');
    if (!e.PUBLIC_URL) issues.push('PUBLIC_URL: required in production (the https:// address users reach)');
    else if (!e.PUBLIC_URL.startsWith('https://')) issues.push('PUBLIC_URL: must be an https:// URL in production');
  } else {
    // Development and test: a random per-process secret unless one is given. Sessions then end at restart.
    if (!accessSecret) {
      accessSecret = randomBytes(48).toString('base64url');
      generated = true;
    }
    if (!refreshSecret) {
      refreshSecret = randomBytes(48).toString('base64url');
      generated = true;
    }
  }

  let tls: AppConfig['tls'];
  if (e.TLS_CERT_FILE || e.TLS_KEY_FILE) {
    if (!e.TLS_CERT_FILE) issues.push('TLS_CERT_FILE: required when TLS_KEY_FILE is set');
    else if (!existsSync(e.TLS_CERT_FILE)) issues.push(`TLS_CERT_FILE: file not found: ${e.TLS_CERT_FILE}`);
    if (!e.TLS_KEY_FILE) issues.push('TLS_KEY_FILE: required when TLS_CERT_FILE is set');
    else if (!existsSync(e.TLS_KEY_FILE)) issues.push(`TLS_KEY_FILE: file not found: ${e.TLS_KEY_FILE}`);
    if (e.TLS_CERT_FILE && e.TLS_KEY_FILE) tls = { certFile: e.TLS_CERT_FILE, keyFile: e.TLS_KEY_FILE };
  }

  // ADMIN_EMAIL alone: create that admin with a generated password (printed once) when no admin exists.
  let admin: AppConfig['admin'];
  if (e.ADMIN_PASSWORD && !e.ADMIN_EMAIL) issues.push('ADMIN_EMAIL: required when ADMIN_PASSWORD is set');
  if (e.ADMIN_PASSWORD && e.ADMIN_PASSWORD.length < 12) issues.push('ADMIN_PASSWORD: must have at least 12 characters');
  if (e.ADMIN_EMAIL) admin = { email: e.ADMIN_EMAIL.toLowerCase(), password: e.ADMIN_PASSWORD };

  const trustProxy = parseTrustProxy(e.TRUST_PROXY, issues);
  const corsOrigins = parseCorsOrigins(e.CORS_ORIGINS, issues);

  if (issues.length > 0) throw new ConfigError(issues);

  const scheme = tls ? 'https' : 'http';
  const publicUrl = (e.PUBLIC_URL ?? `${scheme}://localhost:${e.PORT}`).replace(/\/+$/, '');

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    database,
    redisUrl: e.REDIS_URL,
    jwt: { accessSecret: accessSecret!, refreshSecret: refreshSecret!, accessTtlSeconds: e.JWT_ACCESS_TTL, generated },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, dir: e.MAIL_DIR },
    trustProxy,
    corsOrigins,
    tls,
    admin,
    // Production never gets demo data unless asked for explicitly.
    seed: { demoData: e.SEED_DEMO_DATA ?? !isProduction, demoCustomers: e.DEMO_CUSTOMERS },
    spaDir: e.SPA_DIR,
  };
}
