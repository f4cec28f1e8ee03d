import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { DomainEventsService } from '../events/domain-events.service';
import { publishStep, SYSTEM_ACTOR } from './account-link-events';
import { AccountLinksRepository } from './account-links.repository';

/** The first run a minute after start-up (not during it), then one every ten minutes. */
export const LINK_HOUSEKEEPING_FIRST_RUN_MS = 60_000;
export const LINK_HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;
/** At most this many links per run: a backlog shrinks over several runs. */
export const LINK_HOUSEKEEPING_BATCH_SIZE = 500;

/**
 * Stores `expired` on pending links whose confirmation link has expired (they already show as expired and their
 * tokens already fail; this makes the stored status say so and frees the pair for a new request), and publishes
 * `account-link.expired` for each. Each link changes in its own conditional UPDATE (`status = 'pending' AND
 * expires_at <= now`), so several instances may run it at once and only one publishes a given link's event; a
 * confirmation can never race it (confirm requires `expires_at > now`). A timer, unref'd, runs it every 10 minutes.
 */
@Injectable()
export class AccountLinkHousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(AccountLinkHousekeepingService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(
    private readonly links: AccountLinksRepository,
    private readonly events: DomainEventsService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(LINK_HOUSEKEEPING_FIRST_RUN_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One run: marks up to a batch of stale pending links expired. Returns how many this run changed. */
  async expireStale(): Promise<number> {
    const now = this.clock.now();
    let expired = 0;
    for (const link of await this.links.findStalePending(now, LINK_HOUSEKEEPING_BATCH_SIZE)) {
      if (!(await this.links.markExpired(link.id, now))) continue;
      expired++;
      publishStep(this.events, 'expired', SYSTEM_ACTOR, link);
    }
    return expired;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.runOnce().finally(() => {
        this.running = undefined;
        if (!this.stopped) this.schedule(LINK_HOUSEKEEPING_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async runOnce(): Promise<void> {
    try {
      const expired = await this.expireStale();
      if (expired > 0) this.logger.log({ expired }, 'Expired unanswered account links');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Account-link housekeeping failed; next run in 10 min: ${reason}`);
    }
  }
}
