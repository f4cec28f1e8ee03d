import { Injectable, Logger } from '@nestjs/common';
import { AppConfigService } from '../../config/app-config.service';
import { buildSnapshot, DirectorySnapshot } from './directory-snapshot';
import { OperatorsRepository } from './operators.repository';

/** How often, at most, an instance asks the database whether another instance changed the directory. */
export const VERSION_CHECK_INTERVAL_MS = 1000;

/**
 * The operator directory in memory. The catalogue is tiny (tens of operators) and read on nearly every request, so
 * reads are answered from an immutable snapshot:
 * - loaded on first use, and reloaded at once after every write made through this process;
 * - other instances' writes bump `directory_versions.version`; at most once per VERSION_CHECK_INTERVAL_MS a read
 *   compares that with the snapshot's version (one primary-key read) and reloads when it moved. So another
 *   instance's change is visible here within about one second (plus the reload time).
 * Concurrent callers share one check or reload; a failed check keeps serving the current snapshot and retries on
 * the next read after the interval.
 */
@Injectable()
export class DirectorySnapshotService {
  private readonly logger = new Logger(DirectorySnapshotService.name);
  private snapshot?: DirectorySnapshot;
  private checkedAt = 0;
  private pending?: Promise<DirectorySnapshot>;

  constructor(
    private readonly repository: OperatorsRepository,
    private readonly config: AppConfigService,
  ) {}

  /** The current snapshot; resolves without any I/O except the once-a-second version check. */
  get(): Promise<DirectorySnapshot> | DirectorySnapshot {
    if (this.snapshot && Date.now() - this.checkedAt < VERSION_CHECK_INTERVAL_MS) return this.snapshot;
    this.pending ??= this.refresh().finally(() => (this.pending = undefined));
    return this.pending;
  }

  /** The current snapshot when no version check is due (no I/O at all), otherwise undefined: call `get()`. */
  peek(): DirectorySnapshot | undefined {
    return this.snapshot && Date.now() - this.checkedAt < VERSION_CHECK_INTERVAL_MS ? this.snapshot : undefined;
  }

  /** Reloads now (after a write in this process). */
  async reload(): Promise<DirectorySnapshot> {
    const started = Date.now();
    const version = await this.repository.readVersion();
    const [modes, operators] = await Promise.all([this.repository.loadModes(), this.repository.loadOperators()]);
    // Version first: a write landing during the load makes the next check reload again (never a stale "current").
    this.snapshot = buildSnapshot(version, modes, operators, this.config.publicUrl);
    this.checkedAt = started;
    return this.snapshot;
  }

  private async refresh(): Promise<DirectorySnapshot> {
    if (!this.snapshot) return this.reload();
    try {
      const version = await this.repository.readVersion();
      if (version !== this.snapshot.version) return await this.reload();
      this.checkedAt = Date.now();
    } catch (error) {
      this.logger.warn({ err: error }, 'Directory version check failed; serving the current snapshot');
      this.checkedAt = Date.now();
    }
    return this.snapshot;
  }
}
