import { z } from 'zod';

/** Request budgets (docs/configuration.md, "Throttling"): fixed windows, minute-aligned, and UTC days. */
export interface ThrottleSettings {
  /** THROTTLE_ENABLED=false turns every budget off (measurements, trouble-shooting); on by default. */
  enabled: boolean;
  userPerMinute: number;
  userPerDay: number;
  /** Default daily budget of an API client; a client's own `dailyLimit` overrides it. */
  clientPerDay: number;
  /** Anonymous callers, per IP address (IPv6: per /64), on public routes of no other class. */
  anonymousPerMinute: number;
  loginPerMinute: number;
  registerPerHour: number;
  forgotPasswordPerHour: number;
  /** Public account-link routes (preview, confirm, decline), together. */
  accountLinkPerHour: number;
}

/** Automatic temporary IP bans (docs/configuration.md, "IP blocklist"); a threshold of 0 turns that trigger off. */
export interface AutoBanSettings {
  /** 401s from POST /api/v1/auth/login per address within a clock hour. */
  failedLoginsPerHour: number;
  /** 429s per address within 10 minutes. */
  throttleRefusalsPer10Minutes: number;
  /** Other 401s (missing, invalid or expired credentials) per address within 10 minutes. */
  invalidTokensPer10Minutes: number;
  durationSeconds: number;
}

export interface SecuritySettings {
  throttle: ThrottleSettings;
  autoBan: AutoBanSettings;
  /** Seconds between reloads of the IP block and allow lists when no Redis announces changes. */
  ipRulesReloadSeconds: number;
}

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const int = (min: number, max: number, fallback: number) =>
  z.preprocess(blankToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));
/** A request budget: requests per window, at least 1. */
const budget = (fallback: number) => int(1, 100_000_000, fallback);
/** An auto-ban threshold: 0 turns the trigger off. */
const banThreshold = (fallback: number) => int(0, 1_000_000, fallback);

/** The throttling and IP-blocklist variables, merged into the environment schema of loadConfig(). */
export const securityEnvShape = {
  THROTTLE_ENABLED: z
    .preprocess(blankToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).optional())
    .transform((v) => v === undefined || ['true', '1', 'yes'].includes(v)),
  THROTTLE_USER_PER_MINUTE: budget(120),
  THROTTLE_USER_PER_DAY: budget(5000),
  THROTTLE_CLIENT_PER_DAY: budget(200),
  THROTTLE_ANONYMOUS_PER_MINUTE: budget(300),
  THROTTLE_LOGIN_PER_MINUTE: budget(10),
  THROTTLE_REGISTER_PER_HOUR: budget(5),
  THROTTLE_FORGOT_PASSWORD_PER_HOUR: budget(5),
  THROTTLE_ACCOUNT_LINK_PER_HOUR: budget(30),
  AUTO_BAN_FAILED_LOGINS: banThreshold(50),
  AUTO_BAN_THROTTLE_REFUSALS: banThreshold(20),
  AUTO_BAN_INVALID_TOKENS: banThreshold(100),
  AUTO_BAN_DURATION: int(60, 30 * 86_400, 3600),
  IP_RULES_RELOAD_SECONDS: int(1, 300, 5),
};

type SecurityEnv = z.output<z.ZodObject<typeof securityEnvShape>>;

export function buildSecuritySettings(e: SecurityEnv): SecuritySettings {
  return {
    throttle: {
      enabled: e.THROTTLE_ENABLED,
      userPerMinute: e.THROTTLE_USER_PER_MINUTE,
      userPerDay: e.THROTTLE_USER_PER_DAY,
      clientPerDay: e.THROTTLE_CLIENT_PER_DAY,
      anonymousPerMinute: e.THROTTLE_ANONYMOUS_PER_MINUTE,
      loginPerMinute: e.THROTTLE_LOGIN_PER_MINUTE,
      registerPerHour: e.THROTTLE_REGISTER_PER_HOUR,
      forgotPasswordPerHour: e.THROTTLE_FORGOT_PASSWORD_PER_HOUR,
      accountLinkPerHour: e.THROTTLE_ACCOUNT_LINK_PER_HOUR,
    },
    autoBan: {
      failedLoginsPerHour: e.AUTO_BAN_FAILED_LOGINS,
      throttleRefusalsPer10Minutes: e.AUTO_BAN_THROTTLE_REFUSALS,
      invalidTokensPer10Minutes: e.AUTO_BAN_INVALID_TOKENS,
      durationSeconds: e.AUTO_BAN_DURATION,
    },
    ipRulesReloadSeconds: e.IP_RULES_RELOAD_SECONDS,
  };
}
