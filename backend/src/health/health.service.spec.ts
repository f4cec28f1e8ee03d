import { DataSource } from 'typeorm';
import { AppConfigService } from '../config/app-config.service';
import { DATABASE_PING_TIMEOUT_MS, HealthService } from './health.service';

function service(dataSource: Partial<DataSource>, type: 'sqlite' | 'postgres' = 'postgres') {
  const config = { database: type === 'sqlite' ? { type, path: 'x' } : { type, url: 'postgres://h/db' } };
  return new HealthService(dataSource as DataSource, config as AppConfigService);
}

describe('HealthService', () => {
  afterEach(() => jest.useRealTimers());

  it('is ok when SELECT 1 answers', async () => {
    const query = jest.fn().mockResolvedValue([{ '?column?': 1 }]);
    const report = await service({ isInitialized: true, query }).check();
    expect(query).toHaveBeenCalledWith('SELECT 1');
    expect(report).toEqual({
      status: 'ok',
      version: expect.any(String),
      uptimeSeconds: expect.any(Number),
      database: { status: 'up', type: 'postgres', latencyMs: expect.any(Number) },
    });
  });

  it('is degraded when the query fails', async () => {
    const report = await service(
      { isInitialized: true, query: jest.fn().mockRejectedValue(new Error('down')) },
      'sqlite',
    ).check();
    expect(report).toMatchObject({ status: 'degraded', database: { status: 'down', type: 'sqlite' } });
  });

  it('is degraded without querying when the DataSource is not initialised', async () => {
    const query = jest.fn();
    const report = await service({ isInitialized: false, query }).check();
    expect(report.database.status).toBe('down');
    expect(query).not.toHaveBeenCalled();
  });

  it('gives up on a ping that hangs', async () => {
    jest.useFakeTimers();
    const pending = service({ isInitialized: true, query: jest.fn(() => new Promise<never>(() => undefined)) }).check();
    await jest.advanceTimersByTimeAsync(DATABASE_PING_TIMEOUT_MS);
    await expect(pending).resolves.toMatchObject({ status: 'degraded', database: { status: 'down' } });
  });
});
