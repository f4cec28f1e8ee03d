import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, In } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { AuthHousekeepingService } from '../../../src/modules/auth/auth-housekeeping.service';
import { EmailToken } from '../../../src/modules/auth/entities/email-token.entity';
import { LoginThrottle } from '../../../src/modules/auth/entities/login-throttle.entity';
import { RotatedRefreshToken } from '../../../src/modules/auth/entities/rotated-refresh-token.entity';
import { Session } from '../../../src/modules/auth/entities/session.entity';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser } from './support/auth-fixtures';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('AuthHousekeepingService.purge (real database)', () => {
  let t: TestApp;
  let db: DataSource;
  let now: Date;
  let userId: string;
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const later = (ms: number) => new Date(now.getTime() + ms);

  beforeAll(async () => {
    t = await createAuthTestApp();
    db = t.app.get(DataSource);
    userId = (await createUser(t)).user.id;
  });
  afterAll(() => t?.close());
  beforeEach(() => {
    now = new Date();
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(now);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Factories: one row each, defaults overridable. Keys and hashes are unique per call (the database is shared). */
  async function throttle(overrides: Partial<LoginThrottle>): Promise<string> {
    const key = `ip:test-${randomBytes(6).toString('hex')}`;
    await db
      .getRepository(LoginThrottle)
      .insert({ key, failures: 1, windowStartedAt: now, lockedUntil: null, ...overrides });
    return key;
  }
  async function emailToken(overrides: Partial<EmailToken>): Promise<string> {
    const row = Object.assign(new EmailToken(), {
      userId,
      purpose: 'password-reset' as const,
      tokenHash: randomBytes(32).toString('hex'),
      expiresAt: later(30 * MINUTE),
      usedAt: null,
      createdAt: now,
      ...overrides,
    });
    await db.getRepository(EmailToken).insert(row);
    return row.id;
  }
  /** A session with `history` rotated refresh tokens. */
  async function session(overrides: Partial<Session>, history = 2): Promise<string> {
    const row = Object.assign(new Session(), {
      id: randomUUID(),
      userId,
      refreshTokenHash: randomBytes(32).toString('hex'),
      createdAt: ago(40 * DAY),
      lastUsedAt: now,
      expiresAt: later(7 * DAY),
      absoluteExpiresAt: later(20 * DAY),
      revokedAt: null,
      revokeReason: null,
      userAgent: null,
      ip: null,
      ...overrides,
    });
    await db.getRepository(Session).insert(row);
    for (let i = 0; i < history; i++) {
      await db
        .getRepository(RotatedRefreshToken)
        .insert({ sessionId: row.id, tokenHash: randomBytes(32).toString('hex'), rotatedAt: row.createdAt });
    }
    return row.id;
  }
  /** For each key: is the row still there? */
  const exists = async (entity: typeof LoginThrottle | typeof EmailToken | typeof Session, ids: string[]) => {
    const key = entity === LoginThrottle ? 'key' : 'id';
    const rows = (await db.getRepository<object>(entity).findBy({ [key]: In(ids) })) as Record<string, unknown>[];
    return ids.map((id) => rows.some((r) => r[key] === id));
  };
  const historyOf = (sessionId: string) => db.getRepository(RotatedRefreshToken).countBy({ sessionId });

  it('deletes login throttles whose window and lock have both passed, and keeps the others', async () => {
    const keys = [
      await throttle({ windowStartedAt: ago(16 * MINUTE) }), // window over, never locked
      await throttle({ windowStartedAt: ago(40 * MINUTE), lockedUntil: ago(25 * MINUTE) }), // lock over too
      await throttle({ windowStartedAt: ago(5 * MINUTE) }), // window still open
      await throttle({ windowStartedAt: ago(16 * MINUTE), lockedUntil: later(MINUTE) }), // still locked
    ];
    const counts = await t.app.get(AuthHousekeepingService).purge();
    expect(counts.loginThrottles).toBeGreaterThanOrEqual(2);
    expect(await exists(LoginThrottle, keys)).toEqual([false, false, true, true]);
  });

  it('deletes emailed tokens used or expired more than 7 days ago', async () => {
    const ids = [
      await emailToken({ usedAt: ago(8 * DAY), expiresAt: ago(8 * DAY - MINUTE) }),
      await emailToken({ expiresAt: ago(8 * DAY) }), // never used
      await emailToken({ usedAt: ago(DAY), expiresAt: later(DAY) }), // used yesterday
      await emailToken({ expiresAt: ago(6 * DAY) }), // expired, within the 7 days
      await emailToken({}), // live
    ];
    const counts = await t.app.get(AuthHousekeepingService).purge();
    expect(counts.emailTokens).toBeGreaterThanOrEqual(2);
    expect(await exists(EmailToken, ids)).toEqual([false, false, true, true, true]);
  });

  it('drops the refresh-token history of sessions ended over 30 days ago, and sessions expired that long', async () => {
    const expiredLongAgo = await session({ expiresAt: ago(31 * DAY), absoluteExpiresAt: ago(10 * DAY) }, 3);
    // Revoked 31 days ago, idle end 25 days ago: the history goes, the row stays until it has expired for 30 days.
    const revokedLongAgo = await session({
      revokedAt: ago(31 * DAY),
      revokeReason: 'logout',
      expiresAt: ago(25 * DAY),
    });
    const revokedRecently = await session({ revokedAt: ago(2 * DAY), revokeReason: 'logout', expiresAt: ago(DAY) });
    const live = await session({});

    const counts = await t.app.get(AuthHousekeepingService).purge();
    expect(counts.refreshTokens).toBeGreaterThanOrEqual(5);
    expect(counts.sessions).toBeGreaterThanOrEqual(1);
    expect(await exists(Session, [expiredLongAgo, revokedLongAgo, revokedRecently, live])).toEqual([
      false,
      true,
      true,
      true,
    ]);
    expect(await historyOf(expiredLongAgo)).toBe(0);
    expect(await historyOf(revokedLongAgo)).toBe(0);
    expect(await historyOf(revokedRecently)).toBe(2);
    expect(await historyOf(live)).toBe(2);
  });

  it('is harmless when run twice at once (several instances)', async () => {
    const other = await createAuthTestApp();
    try {
      const stale = await throttle({ windowStartedAt: ago(DAY) });
      const fresh = await throttle({});
      const runs = await Promise.all([
        t.app.get(AuthHousekeepingService).purge(),
        other.app.get(AuthHousekeepingService).purge(),
      ]);
      expect(runs).toHaveLength(2);
      expect(await exists(LoginThrottle, [stale, fresh])).toEqual([false, true]);
    } finally {
      await other.close();
    }
  });
});
