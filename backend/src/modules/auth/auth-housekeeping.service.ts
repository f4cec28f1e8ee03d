import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { EmailToken } from './entities/email-token.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { RotatedRefreshToken } from './entities/rotated-refresh-token.entity';
import { Session } from './entities/session.entity';

const DAY_MS = 86_400_000;

/** The first run comes a minute after start-up (not during it), then one every ten minutes. */
export const HOUSEKEEPING_FIRST_RUN_MS = 60_000;
export const HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;
/** At most this many rows per table and run: each run is a few short statements, never one huge one. */
export const HOUSEKEEPING_BATCH_SIZE = 5_000;
/** Used or expired emailed tokens are kept this long (TOKEN_USED / TOKEN_EXPIRED answers), then deleted. */
export const SPENT_EMAIL_TOKEN_RETENTION_MS = 7 * DAY_MS;
/** Ended sessions (and their refresh-token history) are kept this long for the record, then deleted. */
export const ENDED_SESSION_RETENTION_MS = 30 * DAY_MS;

/** Rows deleted by one run, per table. */
export interface PurgeCounts {
  loginThrottles: number;
  emailTokens: number;
  refreshTokens: number;
  sessions: number;
}

/**
 * Deletes auth rows that can no longer change any answer: sign-in throttles whose window and lock have both passed
 * (deleting one is the same as keeping it: the next failure starts a new window), emailed tokens used or expired
 * more than 7 days ago, the refresh-token history of sessions that ended more than 30 days ago, and sessions expired
 * for more than 30 days. A timer (unref'd: it never keeps the process alive) runs `purge()` every 10 minutes from
 * start-up to shutdown.
 *
 * Several instances may run it against one database: every DELETE is one bounded statement over rows chosen by their
 * own staleness, so running twice is harmless; on PostgreSQL rows locked by another instance's purge or by a
 * sign-in are skipped (`FOR UPDATE SKIP LOCKED`) and left for a later run instead of waited for.
 */
@Injectable()
export class AuthHousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AuthHousekeepingService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(HOUSEKEEPING_FIRST_RUN_MS);
  }

  /** Stops the timer and waits for a run in progress (before the database connection closes). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run: one bounded DELETE per table. Returns how many rows each deleted. */
  async purge(): Promise<PurgeCounts> {
    const now = this.clock.now();
    const { lockout, ipLimit } = this.config.auth;
    // Email and IP counters share the table; a row is stale once the longer of the two windows has passed.
    const windowMs = Math.max(lockout.windowSeconds, ipLimit.windowSeconds) * 1000;
    const windowCutoff = new Date(now.getTime() - windowMs);
    const tokenCutoff = new Date(now.getTime() - SPENT_EMAIL_TOKEN_RETENTION_MS);
    const sessionCutoff = new Date(now.getTime() - ENDED_SESSION_RETENTION_MS);

    const loginThrottles = await this.deleteBatch(
      LoginThrottle,
      'key',
      'stale.windowStartedAt <= :windowCutoff AND (stale.lockedUntil IS NULL OR stale.lockedUntil <= :now)',
      { windowCutoff, now },
    );
    const emailTokens = await this.deleteBatch(
      EmailToken,
      'id',
      'stale.usedAt < :tokenCutoff OR stale.expiresAt < :tokenCutoff',
      { tokenCutoff },
    );
    // History first, so that deleting a session never cascades into an unbounded number of rows.
    const refreshTokens = await this.deleteBatch(
      RotatedRefreshToken,
      'id',
      'stale.sessionId IN (SELECT "ended"."id" FROM "sessions" "ended" ' +
        'WHERE "ended"."revoked_at" < :sessionCutoff OR "ended"."expires_at" < :sessionCutoff)',
      { sessionCutoff },
    );
    const sessions = await this.deleteBatch(
      Session,
      'id',
      'stale.expiresAt < :sessionCutoff AND NOT EXISTS ' +
        '(SELECT 1 FROM "refresh_tokens" "history" WHERE "history"."session_id" = "stale"."id")',
      { sessionCutoff },
    );
    return { loginThrottles, emailTokens, refreshTokens, sessions };
  }

  /**
   * `DELETE FROM <table> WHERE <key> IN (SELECT <key> … WHERE <where> LIMIT <batch>)` (PostgreSQL has no
   * `DELETE … LIMIT`). `where` refers to the table as `stale`.
   */
  private async deleteBatch<T extends ObjectLiteral>(
    target: EntityTarget<T>,
    key: string,
    where: string,
    parameters: ObjectLiteral,
  ): Promise<number> {
    const repository = this.dataSource.getRepository(target);
    const batch = repository
      .createQueryBuilder('stale')
      .select(`stale.${key}`)
      .where(where, parameters)
      .limit(HOUSEKEEPING_BATCH_SIZE);
    if (this.dataSource.options.type === 'postgres') batch.setLock('pessimistic_write').setOnLocked('skip_locked');
    const result = await repository
      .createQueryBuilder()
      .delete()
      .where(`${this.dataSource.driver.escape(key)} IN (${batch.getQuery()})`)
      .setParameters(batch.getParameters())
      .execute();
    return result.affected ?? 0;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(HOUSEKEEPING_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const counts = await this.purge();
      if (Object.values(counts).some((n) => n > 0)) this.logger.log(counts, 'Purged stale auth rows');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Auth housekeeping failed; next run in ${HOUSEKEEPING_INTERVAL_MS / 60_000} min: ${reason}`);
    }
  }
}
