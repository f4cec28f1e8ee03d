import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appVersion } from '../common/app-version';
import { AppConfigService } from '../config/app-config.service';
import { DatabaseHealthDto, HealthResponseDto } from './dto/health-response.dto';

/** How long the database may take to answer `SELECT 1` before it counts as down. */
export const DATABASE_PING_TIMEOUT_MS = 2000;

@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: AppConfigService,
  ) {}

  async check(): Promise<HealthResponseDto> {
    const database = await this.pingDatabase();
    return {
      status: database.status === 'up' ? 'ok' : 'degraded',
      version: appVersion(),
      uptimeSeconds: Math.floor(process.uptime()),
      database,
    };
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
