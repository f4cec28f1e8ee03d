import { Logger } from '@nestjs/common';
import type { Clock } from '../../common/time/clock';
import type { AppConfigService } from '../../config/app-config.service';
import type { HistoryRepository } from './history.repository';
import {
  HistoryRetentionService,
  RETENTION_BATCH_SIZE,
  RETENTION_FIRST_RUN_MS,
  RETENTION_INTERVAL_MS,
  RETENTION_MAX_BATCHES,
} from './history-retention.service';

const NOW = new Date('2026-05-01T12:00:00Z');
const DAY = 86_400_000;

function setup(answers: { expired?: number[]; users?: string[]; surplus?: number[] } = {}) {
  const expired = [...(answers.expired ?? [0])];
  const surplus = [...(answers.surplus ?? [])];
  const repository = {
    deleteEntriesOlderThan: jest.fn(() => Promise.resolve(expired.shift() ?? 0)),
    usersWithMoreThan: jest.fn(() => Promise.resolve(answers.users ?? [])),
    deleteEntriesBeyond: jest.fn(() => Promise.resolve(surplus.shift() ?? 0)),
  };
  const config = { history: { retentionDays: 90, maxEntries: 1000 } } as AppConfigService;
  const clock: Clock = { now: () => NOW };
  const service = new HistoryRetentionService(repository as unknown as HistoryRepository, config, clock);
  return { repository, service };
}

describe('HistoryRetentionService', () => {
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('deletes entries older than the retention in bounded batches until one comes back short', async () => {
    const { repository, service } = setup({ expired: [RETENTION_BATCH_SIZE, RETENTION_BATCH_SIZE, 7] });
    expect(await service.purge()).toEqual({ expired: 2 * RETENTION_BATCH_SIZE + 7, surplus: 0 });
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(3);
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledWith(
      new Date(NOW.getTime() - 90 * DAY),
      RETENTION_BATCH_SIZE,
    );
  });

  it('stops after RETENTION_MAX_BATCHES batches in one run (the rest waits for the next)', async () => {
    const { repository, service } = setup({ expired: Array<number>(50).fill(RETENTION_BATCH_SIZE) });
    await service.purge();
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(RETENTION_MAX_BATCHES);
  });

  it("deletes each user's entries beyond the newest HISTORY_MAX_ENTRIES", async () => {
    const { repository, service } = setup({ users: ['u1', 'u2'], surplus: [RETENTION_BATCH_SIZE, 3, 12] });
    expect(await service.purge()).toEqual({ expired: 0, surplus: RETENTION_BATCH_SIZE + 15 });
    expect(repository.deleteEntriesBeyond.mock.calls).toEqual([
      ['u1', 1000, RETENTION_BATCH_SIZE],
      ['u1', 1000, RETENTION_BATCH_SIZE],
      ['u2', 1000, RETENTION_BATCH_SIZE],
    ]);
  });

  it('runs a minute after start-up, then hourly, and stops at shutdown', async () => {
    jest.useFakeTimers();
    const { repository, service } = setup();
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(RETENTION_FIRST_RUN_MS - 1);
    expect(repository.deleteEntriesOlderThan).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(RETENTION_INTERVAL_MS);
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(2);
    await service.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(3 * RETENTION_INTERVAL_MS);
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(2);
  });

  it('logs a failed run and tries again an hour later', async () => {
    jest.useFakeTimers();
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const { repository, service } = setup();
    repository.deleteEntriesOlderThan.mockRejectedValueOnce(new Error('database unavailable'));
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(RETENTION_FIRST_RUN_MS);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('database unavailable'));
    await jest.advanceTimersByTimeAsync(RETENTION_INTERVAL_MS);
    expect(repository.deleteEntriesOlderThan).toHaveBeenCalledTimes(2);
    await service.beforeApplicationShutdown();
  });
});
