import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { HistoryRepository } from './history.repository';

const DAY_MS = 86_400_000;

/** The first run comes a minute after start-up (not during it), then one every hour. */
export const RETENTION_FIRST_RUN_MS = 60_000;
export const RETENTION_INTERVAL_MS = 60 * 60_000;
/** Rows per DELETE: each run is a series of short statements, never one huge one. */
export const RETENTION_BATCH_SIZE = 5_000;
/** At most this many DELETEs of old entries, and this many users over the limit, per run; the rest waits an hour. */
export const RETENTION_MAX_BATCHES = 20;
export const RETENTION_MAX_USERS = 1_000;

export interface RetentionCounts {
  /** Entries older than HISTORY_RETENTION_DAYS. */
  expired: number;
  /** Entries beyond the newest HISTORY_MAX_ENTRIES of their user. */
  surplus: number;
}

/**
 * Enforces the query history retention (docs/history-api.md): deletes entries older than `HISTORY_RETENTION_DAYS`
 * and each user's entries beyond the newest `HISTORY_MAX_ENTRIES`. A timer (unref'd: it never keeps the process
 * alive) runs `purge()` a minute after start-up and then hourly, until shutdown.
 *
 * Every DELETE removes a bounded set of ids chosen by a subquery, so several instances may run it against one
 * database: a second run finds nothing left to do.
 */
@Injectable()
export class HistoryRetentionService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryRetentionService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly repository: HistoryRepository,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(RETENTION_FIRST_RUN_MS);
  }

  /** Stops the timer and waits for a run in progress (before the database connection closes). */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run: old entries first, then each user's surplus. Returns how many entries each rule deleted. */
  async purge(): Promise<RetentionCounts> {
    const { retentionDays, maxEntries } = this.config.history;
    const cutoff = new Date(this.clock.now().getTime() - retentionDays * DAY_MS);
    let expired = 0;
    for (let i = 0; i < RETENTION_MAX_BATCHES; i++) {
      const deleted = await this.repository.deleteEntriesOlderThan(cutoff, RETENTION_BATCH_SIZE);
      expired += deleted;
      if (deleted < RETENTION_BATCH_SIZE) break;
    }
    let surplus = 0;
    for (const userId of await this.repository.usersWithMoreThan(maxEntries, RETENTION_MAX_USERS)) {
      for (let i = 0; i < RETENTION_MAX_BATCHES; i++) {
        const deleted = await this.repository.deleteEntriesBeyond(userId, maxEntries, RETENTION_BATCH_SIZE);
        surplus += deleted;
        if (deleted < RETENTION_BATCH_SIZE) break;
      }
    }
    return { expired, surplus };
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(RETENTION_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const counts = await this.purge();
      if (counts.expired > 0 || counts.surplus > 0) this.logger.log(counts, 'Purged query history');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Query history clean-up failed; next run in ${RETENTION_INTERVAL_MS / 60_000} min: ${reason}`);
    }
  }
}
