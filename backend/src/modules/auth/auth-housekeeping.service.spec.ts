import { Logger } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import type { Clock } from '../../common/time/clock';
import type { AppConfigService } from '../../config/app-config.service';
import {
  AuthHousekeepingService,
  ENDED_SESSION_RETENTION_MS,
  HOUSEKEEPING_BATCH_SIZE,
  HOUSEKEEPING_FIRST_RUN_MS,
  HOUSEKEEPING_INTERVAL_MS,
  SPENT_EMAIL_TOKEN_RETENTION_MS,
} from './auth-housekeeping.service';
import { EmailToken } from './entities/email-token.entity';
import { LoginThrottle } from './entities/login-throttle.entity';
import { RotatedRefreshToken } from './entities/rotated-refresh-token.entity';
import { Session } from './entities/session.entity';

const NOW = new Date('2025-06-01T12:00:00Z');

/** What one DELETE was built from: the table, the batch's condition, parameters, limit and lock. */
interface DeleteCall {
  entity: unknown;
  where: string;
  parameters: Record<string, unknown>;
  limit?: number;
  onLocked?: string;
}

/**
 * A DataSource whose query builders record what they are asked for: the batch (`select … where … limit`, the
 * subquery) and the DELETE built around it. `execute` records the batch and answers `affected` in turn.
 */
function fakeDataSource(type: 'better-sqlite3' | 'postgres', affected: number[] = [1, 2, 3, 4]) {
  const deletes: DeleteCall[] = [];
  let batch: DeleteCall | undefined;
  const builder = (entity: unknown) => {
    const call: DeleteCall = { entity, where: '', parameters: {} };
    const qb = {
      select: () => {
        batch = call;
        return qb;
      },
      where: (where: string, parameters: Record<string, unknown> = {}) => {
        Object.assign(call, { where, parameters });
        return qb;
      },
      limit: (limit: number) => {
        call.limit = limit;
        return qb;
      },
      setLock: () => qb,
      setOnLocked: (onLocked: string) => {
        call.onLocked = onLocked;
        return qb;
      },
      getQuery: () => 'SELECT …',
      getParameters: () => call.parameters,
      delete: () => qb,
      setParameters: () => qb,
      execute: () => {
        if (!batch || batch.entity !== entity) throw new Error('DELETE without its batch');
        deletes.push(batch);
        batch = undefined;
        return Promise.resolve({ affected: affected.shift() });
      },
    };
    return qb;
  };
  const dataSource = {
    options: { type },
    driver: { escape: (name: string) => `"${name}"` },
    getRepository: (entity: unknown) => ({ createQueryBuilder: () => builder(entity) }),
  } as unknown as DataSource;
  return { dataSource, deletes };
}

function setup(type: 'better-sqlite3' | 'postgres' = 'better-sqlite3', affected?: number[]) {
  const { dataSource, deletes } = fakeDataSource(type, affected);
  const config = {
    auth: {
      lockout: { maxFailures: 5, windowSeconds: 900, lockSeconds: 900 },
      ipLimit: { maxFailures: 20, windowSeconds: 1_800, blockSeconds: 1_800 },
    },
  } as unknown as AppConfigService;
  const clock: Clock = { now: () => NOW };
  return { service: new AuthHousekeepingService(dataSource, config, clock), deletes };
}

const ago = (ms: number) => new Date(NOW.getTime() - ms);

describe('AuthHousekeepingService', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });
  afterEach(() => {
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  describe('purge', () => {
    it('runs one bounded DELETE per table, history before sessions, and reports the counts', async () => {
      const { service, deletes } = setup('better-sqlite3', [3, 2, 7, 1]);
      expect(await service.purge()).toEqual({ loginThrottles: 3, emailTokens: 2, refreshTokens: 7, sessions: 1 });
      expect(deletes.map((d) => d.entity)).toEqual([LoginThrottle, EmailToken, RotatedRefreshToken, Session]);
      for (const d of deletes) expect(d.limit).toBe(HOUSEKEEPING_BATCH_SIZE);
      // SQLite has no row locks: one write statement at a time is exclusive enough.
      for (const d of deletes) expect(d.onLocked).toBeUndefined();
    });

    it('uses the longer sign-in window, 7 days for emailed tokens and 30 days for ended sessions', async () => {
      const { service, deletes } = setup();
      await service.purge();
      const [throttles, tokens, history, sessions] = deletes;
      expect(throttles.parameters).toEqual({ windowCutoff: ago(1_800_000), now: NOW });
      expect(throttles.where).toMatch(/lockedUntil IS NULL OR stale\.lockedUntil <= :now/);
      expect(tokens.parameters).toEqual({ tokenCutoff: ago(SPENT_EMAIL_TOKEN_RETENTION_MS) });
      expect(SPENT_EMAIL_TOKEN_RETENTION_MS).toBe(7 * 86_400_000);
      expect(history.parameters).toEqual({ sessionCutoff: ago(ENDED_SESSION_RETENTION_MS) });
      expect(history.where).toMatch(/"revoked_at" < :sessionCutoff OR .*"expires_at" < :sessionCutoff/);
      expect(sessions.parameters).toEqual({ sessionCutoff: ago(ENDED_SESSION_RETENTION_MS) });
      expect(sessions.where).toMatch(/NOT EXISTS/);
      expect(ENDED_SESSION_RETENTION_MS).toBe(30 * 86_400_000);
    });

    it('skips rows locked elsewhere on PostgreSQL (several instances)', async () => {
      const { service, deletes } = setup('postgres');
      await service.purge();
      for (const d of deletes) expect(d.onLocked).toBe('skip_locked');
    });

    it('counts 0 when the driver reports nothing', async () => {
      const { service } = setup('better-sqlite3', []);
      expect(await service.purge()).toEqual({ loginThrottles: 0, emailTokens: 0, refreshTokens: 0, sessions: 0 });
    });
  });

  describe('timer', () => {
    it('runs a minute after start-up, then every 10 minutes, until shutdown', async () => {
      jest.useFakeTimers();
      const { service } = setup();
      const purge = jest.spyOn(service, 'purge');
      service.onApplicationBootstrap();

      await jest.advanceTimersByTimeAsync(HOUSEKEEPING_FIRST_RUN_MS - 1);
      expect(purge).not.toHaveBeenCalled();
      await jest.advanceTimersByTimeAsync(1);
      expect(purge).toHaveBeenCalledTimes(1);
      await jest.advanceTimersByTimeAsync(HOUSEKEEPING_INTERVAL_MS);
      expect(purge).toHaveBeenCalledTimes(2);

      await service.beforeApplicationShutdown();
      await jest.advanceTimersByTimeAsync(3 * HOUSEKEEPING_INTERVAL_MS);
      expect(purge).toHaveBeenCalledTimes(2);
      expect(jest.getTimerCount()).toBe(0);
    });

    it('never keeps the process alive (unref)', () => {
      const unref = jest.fn();
      const setTimeoutSpy = jest
        .spyOn(global, 'setTimeout')
        .mockReturnValue({ unref } as unknown as ReturnType<typeof setTimeout>);
      const { service } = setup();
      service.onApplicationBootstrap();
      expect(setTimeoutSpy).toHaveBeenCalledWith(expect.any(Function), HOUSEKEEPING_FIRST_RUN_MS);
      expect(unref).toHaveBeenCalled();
    });

    it('logs a failed run and keeps going', async () => {
      jest.useFakeTimers();
      const { service } = setup();
      const warn = jest.spyOn(Logger.prototype, 'warn');
      const purge = jest.spyOn(service, 'purge').mockRejectedValueOnce(new Error('database is away'));
      service.onApplicationBootstrap();

      await jest.advanceTimersByTimeAsync(HOUSEKEEPING_FIRST_RUN_MS);
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('database is away'));
      await jest.advanceTimersByTimeAsync(HOUSEKEEPING_INTERVAL_MS);
      expect(purge).toHaveBeenCalledTimes(2);
      await service.beforeApplicationShutdown();
    });

    it('waits for a run in progress at shutdown', async () => {
      jest.useFakeTimers();
      const { service } = setup();
      let finish: () => void = () => undefined;
      const counts = { loginThrottles: 0, emailTokens: 0, refreshTokens: 0, sessions: 0 };
      jest.spyOn(service, 'purge').mockReturnValue(new Promise((done) => (finish = () => done(counts))));
      service.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(HOUSEKEEPING_FIRST_RUN_MS);

      let stopped = false;
      const shutdown = service.beforeApplicationShutdown().then(() => (stopped = true));
      await Promise.resolve();
      expect(stopped).toBe(false);
      finish();
      await shutdown;
      expect(stopped).toBe(true);
      expect(jest.getTimerCount()).toBe(0);
    });
  });
});
