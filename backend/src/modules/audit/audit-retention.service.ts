import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Clock } from '../../common/time/clock';
import { AppConfigService } from '../../config/app-config.service';
import { AuditRepository } from './audit.repository';

/** The first purge runs this long after start-up, then every PURGE_INTERVAL_MS. */
export const FIRST_PURGE_DELAY_MS = 60_000;
export const PURGE_INTERVAL_MS = 60 * 60_000;
/** Rows deleted per transaction, and transactions per run (a backlog shrinks over several runs). */
export const PURGE_BATCH_ROWS = 5000;
export const PURGE_MAX_BATCHES = 100;

const DAY_MS = 86_400_000;

/**
 * Retention: deletes records older than AUDIT_RETENTION_DAYS, oldest first, as a prefix of the chain, and keeps the
 * last deleted record's seq and hash as the chain's anchor, so verification of what remains still starts from a
 * known hash. Only an intact prefix is deleted: an altered or removed record stops the purge and stays visible to
 * verification. Several instances may purge at once: each batch locks the chain state.
 */
@Injectable()
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetentionService.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly repository: AuditRepository,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    const schedule = (delay: number) => {
      this.timer = setTimeout(() => {
        void this.purge().finally(() => {
          if (this.timer) schedule(PURGE_INTERVAL_MS);
        });
      }, delay);
      this.timer.unref();
    };
    schedule(FIRST_PURGE_DELAY_MS);
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Deletes what is past retention now; returns how many records. Never rejects (a failure is logged). */
  purge(): Promise<number> {
    this.running ??= this.purgeAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async purgeAll(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.audit.retentionDays * DAY_MS);
    let total = 0;
    try {
      for (let batch = 0; batch < PURGE_MAX_BATCHES; batch += 1) {
        const deleted = await this.repository.purgeOldest(cutoff, PURGE_BATCH_ROWS);
        total += deleted;
        if (deleted < PURGE_BATCH_ROWS) break;
      }
    } catch (error) {
      this.logger.error(
        { err: { message: (error as Error).message } },
        'Audit retention purge failed; retried at the next run',
      );
    }
    if (total > 0)
      this.logger.log({ records: total, before: cutoff.toISOString() }, 'Purged audit records past retention');
    return total;
  }
}
