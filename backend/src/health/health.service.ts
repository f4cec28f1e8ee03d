import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appVersion } from '../common/app-version';
import { Clock } from '../common/time/clock';
import { AppConfigService } from '../config/app-config.service';
import { DatabaseHealthDto, HealthResponseDto } from './dto/health-response.dto';

/** How long the database may take to answer `SELECT 1` before it counts as down. */
export const DATABASE_PING_TIMEOUT_MS = 2000;

/**
 * How long the result of a database ping is reused. Load balancers and monitors call the health check often, and
 * under load many calls arrive at once: they share one `SELECT 1` per second instead of each running its own (on
 * SQLite, a synchronous query on the event loop). A database that goes down is reported at most this much later.
 */
export const DATABASE_PING_CACHE_MS = 1000;

@Injectable()
export class HealthService {
  private lastPing: { result: DatabaseHealthDto; at: number } | undefined;
  private pingInFlight: Promise<DatabaseHealthDto> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
    private readonly clock: Clock,
  ) {}

  async check(): Promise<HealthResponseDto> {
    const database = await this.databaseHealth();
    return {
      status: database.status === 'up' ? 'ok' : 'degraded',
      version: appVersion(),
      uptimeSeconds: Math.floor(process.uptime()),
      database,
    };
  }

  /** The last ping's result while it is fresh; otherwise a new ping, shared by the calls that arrive meanwhile. */
  private databaseHealth(): Promise<DatabaseHealthDto> | DatabaseHealthDto {
    const now = this.clock.now().getTime();
    const last = this.lastPing;
    if (last !== undefined && now - last.at >= 0 && now - last.at < DATABASE_PING_CACHE_MS) return last.result;
    this.pingInFlight ??= this.pingDatabase().then((result) => {
      this.lastPing = { result, at: this.clock.now().getTime() };
      this.pingInFlight = undefined;
      return result;
    });
    return this.pingInFlight;
  }

  private async pingDatabase(): Promise<DatabaseHealthDto> {
    const type = this.config.database.type;
    if (!this.dataSource.isInitialized) return { status: 'down', type };
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('database ping timed out')), DATABASE_PING_TIMEOUT_MS);
    });
    try {
      await Promise.race([this.dataSource.query('SELECT 1'), timeout]);
      return { status: 'up', type, latencyMs: Math.round((performance.now() - started) * 10) / 10 };
    } catch {
      return { status: 'down', type };
    } finally {
      clearTimeout(timer);
    }
  }
}
