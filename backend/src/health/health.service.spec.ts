import { DataSource } from 'typeorm';
import { Clock } from '../common/time/clock';
import { AppConfigService } from '../config/app-config.service';
import { DATABASE_PING_CACHE_MS, DATABASE_PING_TIMEOUT_MS, HealthService } from './health.service';

function service(dataSource: Partial<DataSource>, type: 'sqlite' | 'postgres' = 'postgres', clock = new Clock()) {
  const config = { database: type === 'sqlite' ? { type, path: 'x' } : { type, url: 'postgres://h/db' } };
  return new HealthService(dataSource as DataSource, config as AppConfigService, clock);
}

/** A clock that stands still until moved. */
function manualClock(start = Date.UTC(2026, 0, 1)) {
  const clock = new Clock();
  let now = start;
  jest.spyOn(clock, 'now').mockImplementation(() => new Date(now));
  return { clock, advance: (ms: number) => (now += ms) };
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

  it('reuses a ping result for DATABASE_PING_CACHE_MS, then pings again', async () => {
    const { clock, advance } = manualClock();
    const query = jest.fn().mockResolvedValueOnce([]).mockRejectedValueOnce(new Error('down'));
    const health = service({ isInitialized: true, query }, 'postgres', clock);

    expect((await health.check()).status).toBe('ok');
    advance(DATABASE_PING_CACHE_MS - 1);
    expect((await health.check()).status).toBe('ok');
    expect(query).toHaveBeenCalledTimes(1);

    advance(1);
    expect((await health.check()).status).toBe('degraded');
    expect(query).toHaveBeenCalledTimes(2);
  });

  it('shares one ping among the calls that arrive while it runs', async () => {
    const { clock } = manualClock();
    let answer: (rows: unknown[]) => void = () => undefined;
    const query = jest.fn(() => new Promise<unknown[]>((resolve) => (answer = resolve)));
    const health = service({ isInitialized: true, query: query as unknown as DataSource['query'] }, 'postgres', clock);

    const calls = [health.check(), health.check(), health.check()];
    answer([]);
    const reports = await Promise.all(calls);
    expect(reports.map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(query).toHaveBeenCalledTimes(1);
  });

  it('pings again when the clock goes backwards', async () => {
    const { clock, advance } = manualClock();
    const query = jest.fn().mockResolvedValue([]);
    const health = service({ isInitialized: true, query }, 'postgres', clock);
    await health.check();
    advance(-5000);
    await health.check();
    expect(query).toHaveBeenCalledTimes(2);
  });
});
