import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { AppConfigService } from '../../config/app-config.service';
import { Clock } from '../../common/time/clock';
import { AuthErrors } from './auth.errors';
import { normalizeEmail, sha256Hex } from './auth-crypto';
import { LoginThrottle } from './entities/login-throttle.entity';

interface Limit {
  maxFailures: number;
  windowSeconds: number;
  lockSeconds: number;
}

/** What a recorded failure led to. */
export interface FailureOutcome {
  /** This failure locked the email (exactly one concurrent request sees true: it sends the owner's notice). */
  emailLockedNow: boolean;
  /** This failure blocked the IP address. */
  ipBlockedNow: boolean;
}

/**
 * Brute-force limits on sign-in, shared by every instance through the database: LOGIN_MAX_FAILURES failures on one
 * email within LOGIN_FAILURE_WINDOW lock it for LOGIN_LOCK_DURATION (also emails without an account, so a lock
 * reveals nothing); LOGIN_IP_MAX_FAILURES failures from one address within LOGIN_IP_WINDOW block that address for the
 * same window. Counters are changed by single conditional UPDATEs, so concurrent failures are all counted and one
 * lock is reported once.
 */
@Injectable()
export class LoginThrottleService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  /** Throws TOO_MANY_ATTEMPTS (IP) or ACCOUNT_LOCKED (email), with Retry-After, while a lock lasts. */
  async assertAllowed(email: string, ip: string): Promise<void> {
    const ipKey = this.ipKey(ip);
    const emailKey = this.emailKey(email);
    const rows = await this.dataSource.getRepository(LoginThrottle).findBy({ key: In([ipKey, emailKey]) });
    const now = this.clock.now().getTime();
    const remaining = (key: string) => {
      const until = rows.find((r) => r.key === key)?.lockedUntil?.getTime();
      return until !== undefined && until > now ? Math.ceil((until - now) / 1000) : 0;
    };
    const ipWait = remaining(ipKey);
    if (ipWait > 0) throw AuthErrors.tooManyAttempts(ipWait);
    const emailWait = remaining(emailKey);
    if (emailWait > 0) throw AuthErrors.accountLocked(emailWait);
  }

  async recordFailure(email: string, ip: string): Promise<FailureOutcome> {
    const { lockout, ipLimit } = this.config.auth;
    const emailLockedNow = await this.countFailure(this.emailKey(email), lockout);
    const ipBlockedNow = await this.countFailure(this.ipKey(ip), {
      maxFailures: ipLimit.maxFailures,
      windowSeconds: ipLimit.windowSeconds,
      lockSeconds: ipLimit.blockSeconds,
    });
    return { emailLockedNow, ipBlockedNow };
  }

  /** A successful sign-in clears the email's counter (not the IP's: one good account must not reset an attack). */
  async reset(email: string): Promise<void> {
    await this.dataSource.getRepository(LoginThrottle).delete({ key: this.emailKey(email) });
  }

  lockSecondsFor(kind: 'email' | 'ip'): number {
    return kind === 'email' ? this.config.auth.lockout.lockSeconds : this.config.auth.ipLimit.blockSeconds;
  }

  private async countFailure(key: string, limit: Limit): Promise<boolean> {
    const now = this.clock.now();
    const windowStart = new Date(now.getTime() - limit.windowSeconds * 1000);
    const repository = this.dataSource.getRepository(LoginThrottle);
    await repository
      .createQueryBuilder()
      .insert()
      .into(LoginThrottle)
      .values({ key, failures: 0, windowStartedAt: now, lockedUntil: null })
      .orIgnore()
      .execute();
    // A new window starts when the old one has passed; failures during a lock are not counted.
    await repository
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({
        failures: () => 'CASE WHEN window_started_at <= :windowStart THEN 1 ELSE failures + 1 END',
        windowStartedAt: () => 'CASE WHEN window_started_at <= :windowStart THEN :now ELSE window_started_at END',
      })
      .where('"key" = :key AND (locked_until IS NULL OR locked_until <= :now)')
      .setParameters({ key, now, windowStart })
      .execute();
    const locked = await repository
      .createQueryBuilder()
      .update(LoginThrottle)
      .set({ lockedUntil: new Date(now.getTime() + limit.lockSeconds * 1000), failures: 0, windowStartedAt: now })
      .where('"key" = :key AND failures >= :max', { key, max: limit.maxFailures })
      .execute();
    return locked.affected === 1;
  }

  private emailKey(email: string): string {
    return `email:${sha256Hex(normalizeEmail(email))}`;
  }

  private ipKey(ip: string): string {
    return `ip:${ip.slice(0, 64)}`;
  }
}
