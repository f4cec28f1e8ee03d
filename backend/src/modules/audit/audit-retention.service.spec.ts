import { Logger } from '@nestjs/common';
import type { Clock } from '../../common/time/clock';
import type { AppConfigService } from '../../config/app-config.service';
import {
  AuditRetentionService,
  FIRST_PURGE_DELAY_MS,
  PURGE_BATCH_ROWS,
  PURGE_INTERVAL_MS,
  PURGE_MAX_BATCHES,
} from './audit-retention.service';
import type { AuditRepository } from './audit.repository';

const NOW = new Date('2026-05-01T12:00:00Z');
const DAY = 86_400_000;

/** The service over a repository whose purgeOldest answers `deleted` in turn (then 0). */
function setup(deleted: number[] = [0], retentionDays = 365) {
  const answers = [...deleted];
  const repository = { purgeOldest: jest.fn(() => Promise.resolve(answers.shift() ?? 0)) };
  const config = { audit: { retentionDays } } as AppConfigService;
  const clock: Clock = { now: () => NOW };
  const service = new AuditRetentionService(repository as unknown as AuditRepository, config, clock);
  return { repository, service };
}

describe('AuditRetentionService', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation();
    jest.spyOn(Logger.prototype, 'error').mockImplementation();
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs a minute after start-up, then hourly, and stops at shutdown', async () => {
    jest.useFakeTimers();
    const { repository, service } = setup();
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(FIRST_PURGE_DELAY_MS - 1);
    expect(repository.purgeOldest).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS - 1);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(3);

    await service.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(3 * PURGE_INTERVAL_MS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(3);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stopped before the first run: never purges', async () => {
    jest.useFakeTimers();
    const { repository, service } = setup();
    service.onApplicationBootstrap();
    await service.onApplicationShutdown();
    await jest.advanceTimersByTimeAsync(FIRST_PURGE_DELAY_MS + PURGE_INTERVAL_MS);
    expect(repository.purgeOldest).not.toHaveBeenCalled();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('shutdown waits for a run in progress, which then schedules no other', async () => {
    jest.useFakeTimers();
    const { repository, service } = setup();
    let finish!: (deleted: number) => void;
    repository.purgeOldest.mockImplementationOnce(() => new Promise<number>((resolve) => (finish = resolve)));
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(FIRST_PURGE_DELAY_MS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(1);

    let stopped = false;
    const shutdown = service.onApplicationShutdown().then(() => (stopped = true));
    await jest.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    finish(3);
    await shutdown;
    expect(stopped).toBe(true);
    await jest.advanceTimersByTimeAsync(2 * PURGE_INTERVAL_MS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(1);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('does not keep the process alive: the timer is unref()ed', () => {
    const unref = jest.fn();
    const timeout = jest.spyOn(global, 'setTimeout').mockImplementation(() => ({ unref }) as unknown as NodeJS.Timeout);
    const { service } = setup();
    service.onApplicationBootstrap();
    expect(timeout).toHaveBeenCalledWith(expect.any(Function), FIRST_PURGE_DELAY_MS);
    expect(unref).toHaveBeenCalledTimes(1);
  });

  it('deletes records older than AUDIT_RETENTION_DAYS in batches until one comes back short', async () => {
    const { repository, service } = setup([PURGE_BATCH_ROWS, PURGE_BATCH_ROWS, 7], 30);
    expect(await service.purge()).toBe(2 * PURGE_BATCH_ROWS + 7);
    expect(repository.purgeOldest.mock.calls).toEqual(
      Array.from({ length: 3 }, () => [new Date(NOW.getTime() - 30 * DAY), PURGE_BATCH_ROWS]),
    );
  });

  it('stops after PURGE_MAX_BATCHES batches in one run (the rest waits for the next)', async () => {
    const { repository, service } = setup(Array<number>(PURGE_MAX_BATCHES + 5).fill(PURGE_BATCH_ROWS));
    expect(await service.purge()).toBe(PURGE_MAX_BATCHES * PURGE_BATCH_ROWS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(PURGE_MAX_BATCHES);
  });

  it('runs one purge at a time: a call during a run shares it', async () => {
    const { repository, service } = setup();
    let finish!: (deleted: number) => void;
    repository.purgeOldest.mockImplementationOnce(() => new Promise<number>((resolve) => (finish = resolve)));
    const first = service.purge();
    const second = service.purge();
    expect(second).toBe(first);
    finish(2);
    expect(await first).toBe(2);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(1);
  });

  it('logs a failed run, never rejects, and tries again an hour later', async () => {
    jest.useFakeTimers();
    const { repository, service } = setup();
    repository.purgeOldest.mockRejectedValueOnce(new Error('database unavailable'));
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(FIRST_PURGE_DELAY_MS);
    expect(Logger.prototype.error).toHaveBeenCalledWith(
      { err: { message: 'database unavailable' } },
      expect.stringContaining('retried at the next run'),
    );
    await jest.advanceTimersByTimeAsync(PURGE_INTERVAL_MS);
    expect(repository.purgeOldest).toHaveBeenCalledTimes(2);
    await service.onApplicationShutdown();
  });
});
