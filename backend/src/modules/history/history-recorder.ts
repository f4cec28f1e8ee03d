import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import { HistoryService, RanQuery } from './history.service';

/**
 * Writes query history in the background, off the request path: `record()` returns at once, the work (building the
 * query, then writing it) runs after it and a failure is logged (without the query's params: they may name
 * customers), never thrown. A user's writes run one after another, so a quick repeat sees the entry the previous
 * request wrote and updates it. Shutdown waits for writes in flight (before the database connection closes).
 */
@Injectable()
export class HistoryRecorder implements BeforeApplicationShutdown {
  private readonly logger = new Logger(HistoryRecorder.name);
  /** The last write queued per user. */
  private readonly tails = new Map<string, Promise<void>>();

  constructor(private readonly history: HistoryService) {}

  /** Queues the recording of `query()`'s result for the user; null means nothing to record. */
  record(userId: string, query: () => Promise<RanQuery | null>): void {
    const previous = this.tails.get(userId) ?? Promise.resolve();
    const write = previous.then(() => this.write(userId, query));
    this.tails.set(userId, write);
    void write.finally(() => {
      if (this.tails.get(userId) === write) this.tails.delete(userId);
    });
  }

  /** Resolves when every write queued so far has finished (tests wait on it; so does shutdown). */
  async idle(): Promise<void> {
    while (this.tails.size > 0) await Promise.all([...this.tails.values()]);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.idle();
  }

  private async write(userId: string, query: () => Promise<RanQuery | null>): Promise<void> {
    try {
      const ran = await query();
      if (ran) await this.history.record(userId, ran);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.logger.warn(`Query history not recorded: ${reason}`);
    }
  }
}
