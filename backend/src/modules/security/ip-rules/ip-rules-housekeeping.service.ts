import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { IpRulesService } from './ip-rules.service';

/** The first purge a minute after start-up, then every ten minutes. */
export const IP_RULES_PURGE_FIRST_MS = 60_000;
export const IP_RULES_PURGE_INTERVAL_MS = 10 * 60_000;

/**
 * Deletes block and allow entries whose expiry has passed. They stopped applying the moment they expired (the cache
 * ignores them at once); this only keeps the tables small. One unref'd timer; several instances may purge at once
 * (the DELETE is idempotent).
 */
@Injectable()
export class IpRulesHousekeepingService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(IpRulesHousekeepingService.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;

  constructor(private readonly rules: IpRulesService) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.schedule(IP_RULES_PURGE_FIRST_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.run().finally(() => {
        this.running = undefined;
        this.schedule(IP_RULES_PURGE_INTERVAL_MS);
      });
    }, delayMs);
    this.timer.unref();
  }

  private async run(): Promise<void> {
    try {
      const purged = await this.rules.purgeExpired();
      if (purged > 0) this.logger.log({ purged }, 'Expired IP rules deleted');
    } catch (err) {
      this.logger.error({ err: { message: (err as Error).message } }, 'IP rule clean-up failed; retrying later');
    }
  }
}
