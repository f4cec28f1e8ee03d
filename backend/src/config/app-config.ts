import { existsSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { z } from 'zod';
import { auditEnvShape, AuditSettings, buildAuditSettings } from './audit-config';
import { buildSecuritySettings, SecuritySettings, securityEnvShape } from './security-config';

/**
 * Every setting the backend reads, validated and typed once at start-up.
 * `docs/configuration.md` documents each variable; keep the two in step.
 */
export type NodeEnv = 'development' | 'test' | 'production';
export type DatabaseType = 'sqlite' | 'postgres';
export type TrustProxy = boolean | number | string[];

export interface AppConfig extends SecuritySettings {
  nodeEnv: NodeEnv;
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string;
  /** Account linking (docs/account-linking-api.md): how long an emailed confirmation link works. */
  accountLinking: { tokenTtlSeconds: number };
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  database: { type: 'sqlite'; path: string } | { type: 'postgres'; url: string };
  redisUrl?: string;
  jwt: { accessSecret: string; refreshSecret: string; accessTtlSeconds: number; generated: boolean };
  auth: AuthSettings;
  mail: { smtpUrl?: string; from: string; dir: string; maxAttempts: number };
  trustProxy: TrustProxy;
  corsOrigins: string[];
  tls?: { certFile: string; keyFile: string };
  admin?: { email: string; password?: string };
  seed: { demoData: boolean; demoCustomers: number };
  history: HistorySettings;
  spaDir?: string;
  audit: AuditSettings;
}

/** Query history retention (docs/configuration.md, "Query history"). */
export interface HistorySettings {
  /** Entries older than this many days are deleted by the scheduled clean-up. */
  retentionDays: number;
  /** At most this many entries per user are kept (the newest); older ones are deleted by the clean-up. */
  maxEntries: number;
}

/** Sessions, passwords and brute-force limits (docs/configuration.md, "Authentication"). */
export interface AuthSettings {
  /** bcrypt cost factor for new password hashes (12; lower values only outside production, for fast tests). */
  bcryptCost: number;
  /** A session ends when it has not been refreshed for this long (sliding). */
  sessionIdleTtlSeconds: number;
  /** A session ends this long after sign-in, whatever its use. */
  sessionAbsoluteTtlSeconds: number;
  /** How long a "session valid" answer may stay in the Redis session cache (revocations are written through). */
  sessionCacheTtlSeconds: number;
  /**
   * A refresh token rotated less than this long ago, presented again while it is still the immediate predecessor of
   * the session's current one, is a concurrent refresh (two tabs), not a theft: it gets an access token without
   * rotation. 0 disables the grace (every reuse revokes the session).
   */
  refreshReuseGraceSeconds: number;
  /** Failed sign-ins on one email within `windowSeconds` that lock it for `lockSeconds`. */
  lockout: { maxFailures: number; windowSeconds: number; lockSeconds: number };
  /** Failed sign-ins from one IP address within `windowSeconds` that block it for `blockSeconds`. */
  ipLimit: { maxFailures: number; windowSeconds: number; blockSeconds: number };
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
  BCRYPT_COST: z.preprocess(blankToUndefined, z.coerce.number().int().min(4).max(15).default(12)),
  SESSION_IDLE_TTL: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(60)
      .default(7 * 86_400),
  ),
  SESSION_ABSOLUTE_TTL: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(60)
      .default(30 * 86_400),
  ),
  SESSION_CACHE_TTL: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(30).default(5)),
  REFRESH_REUSE_GRACE_SECONDS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(60).default(10)),
  LOGIN_MAX_FAILURES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100).default(5)),
  LOGIN_FAILURE_WINDOW: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(86_400).default(900)),
  LOGIN_LOCK_DURATION: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(86_400).default(900)),
  LOGIN_IP_MAX_FAILURES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(10_000).default(20)),
  LOGIN_IP_WINDOW: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(86_400).default(900)),
  SMTP_URL: z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^smtps?:\/\/.+/, 'SMTP_URL must start with smtp:// or smtps://')
      .optional(),
  ),
  MAIL_FROM: z.preprocess(blankToUndefined, z.string().default('Open Transport Hub <no-reply@localhost>')),
  MAIL_DIR: z.preprocess(blankToUndefined, z.string().default('data/mail')),
  MAIL_MAX_ATTEMPTS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(50).default(10)),
  LINK_TOKEN_TTL: z.preprocess(
    blankToUndefined,
    z.coerce
      .number()
      .int()
      .min(300)
      .max(7 * 86_400)
      .default(86_400),
  ),
  TRUST_PROXY: optionalString,
  CORS_ORIGINS: optionalString,
  TLS_CERT_FILE: optionalString,
  TLS_KEY_FILE: optionalString,
  ADMIN_EMAIL: z.preprocess(blankToUndefined, z.email('ADMIN_EMAIL must be an email address').optional()),
  ADMIN_PASSWORD: optionalString,
  SEED_DEMO_DATA: boolString,
  DEMO_CUSTOMERS: z.preprocess(blankToUndefined, z.coerce.number().int().min(0).max(100000).default(300)),
  HISTORY_RETENTION_DAYS: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(3650).default(90)),
  HISTORY_MAX_ENTRIES: z.preprocess(blankToUndefined, z.coerce.number().int().min(1).max(100_000).default(1000)),
  SPA_DIR: optionalString,
  ...auditEnvShape,
  ...securityEnvShape,
});

const MIN_SECRET_LENGTH = 32;

function parseTrustProxy(raw: string | undefined, issues: string[]): TrustProxy {
  if (raw === undefined || raw === 'false') return false;
  if (raw === 'true') return true;
  if (/^\d+$/.test(raw)) return Number(raw);
  const list = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
  const origins = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
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
    issues.push(
      'DATABASE_URL: must be a postgres:// URL (or sqlite:<path>); leave it unset for the embedded SQLite file',
    );
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
        issues.push(
          `${name}: too weak; use at least ${MIN_SECRET_LENGTH} random characters (e.g. openssl rand -base64 48)`,
        );
    }
    if (accessSecret && accessSecret === refreshSecret)
      issues.push('JWT_REFRESH_SECRET: must differ from JWT_ACCESS_SECRET');
    if (e.BCRYPT_COST < 12) issues.push('BCRYPT_COST: must be at least 12 in production');
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

  if (e.SESSION_ABSOLUTE_TTL < e.SESSION_IDLE_TTL)
    issues.push('SESSION_ABSOLUTE_TTL: must not be shorter than SESSION_IDLE_TTL');

  const trustProxy = parseTrustProxy(e.TRUST_PROXY, issues);
  const corsOrigins = parseCorsOrigins(e.CORS_ORIGINS, issues);
  const audit = buildAuditSettings(e, issues);

  if (issues.length > 0) throw new ConfigError(issues);

  const scheme = tls ? 'https' : 'http';
  const publicUrl = (e.PUBLIC_URL ?? `${scheme}://localhost:${e.PORT}`).replace(/\/+$/, '');

  return {
    nodeEnv: e.NODE_ENV,
    isProduction,
    host: e.HOST,
    port: e.PORT,
    publicUrl,
    accountLinking: { tokenTtlSeconds: e.LINK_TOKEN_TTL },
    logLevel: e.LOG_LEVEL ?? (e.NODE_ENV === 'test' ? 'silent' : 'info'),
    database,
    redisUrl: e.REDIS_URL,
    jwt: { accessSecret: accessSecret!, refreshSecret: refreshSecret!, accessTtlSeconds: e.JWT_ACCESS_TTL, generated },
    auth: {
      bcryptCost: e.BCRYPT_COST,
      sessionIdleTtlSeconds: e.SESSION_IDLE_TTL,
      sessionAbsoluteTtlSeconds: e.SESSION_ABSOLUTE_TTL,
      sessionCacheTtlSeconds: e.SESSION_CACHE_TTL,
      refreshReuseGraceSeconds: e.REFRESH_REUSE_GRACE_SECONDS,
      lockout: {
        maxFailures: e.LOGIN_MAX_FAILURES,
        windowSeconds: e.LOGIN_FAILURE_WINDOW,
        lockSeconds: e.LOGIN_LOCK_DURATION,
      },
      ipLimit: {
        maxFailures: e.LOGIN_IP_MAX_FAILURES,
        windowSeconds: e.LOGIN_IP_WINDOW,
        blockSeconds: e.LOGIN_IP_WINDOW,
      },
    },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, dir: e.MAIL_DIR, maxAttempts: e.MAIL_MAX_ATTEMPTS },
    trustProxy,
    corsOrigins,
    tls,
    admin,
    // Production never gets demo data unless asked for explicitly.
    seed: { demoData: e.SEED_DEMO_DATA ?? !isProduction, demoCustomers: e.DEMO_CUSTOMERS },
    history: { retentionDays: e.HISTORY_RETENTION_DAYS, maxEntries: e.HISTORY_MAX_ENTRIES },
    ...buildSecuritySettings(e),
    spaDir: e.SPA_DIR,
    audit,
  };
}
