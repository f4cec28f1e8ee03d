import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { Session } from '../../../src/modules/auth/entities/session.entity';
import { SessionCache } from '../../../src/modules/auth/session-cache';
import { testDbKind } from '../../setup/test-database';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, me, signIn } from './support/auth-fixtures';

/**
 * SQLite without Redis (the demo default): sessions are cached in process, and every revocation is still seen at
 * once — made by this process (its entry is dropped), or by another connection to the file (`data_version`).
 */
const onSqlite = testDbKind() === 'sqlite' ? describe : describe.skip;

onSqlite('session cache on SQLite without Redis', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createAuthTestApp({ REDIS_URL: '' });
  });
  afterAll(() => t?.close());

  /** Counts the session checks that reach the database (the joined SELECT of SessionService.authenticate). */
  function countSessionReads(): { count: () => number } {
    const repository = t.app.get(DataSource).getRepository(Session);
    const spy = jest.spyOn(
      repository.constructor.prototype as { createQueryBuilder: () => unknown },
      'createQueryBuilder',
    );
    return { count: () => spy.mock.calls.length };
  }
  afterEach(() => jest.restoreAllMocks());

  it('is on, and answers repeated requests of a session without the database', async () => {
    expect(t.app.get(SessionCache).enabled).toBe(true);
    const s = await signIn(t);
    const reads = countSessionReads();
    expect((await me(t, s.headers)).statusCode).toBe(200);
    const first = reads.count();
    expect(first).toBeGreaterThan(0); // the first request of a session reads it
    for (let i = 0; i < 5; i++) expect((await me(t, s.headers)).statusCode).toBe(200);
    expect(reads.count()).toBe(first);
  });

  it('a logout through this process applies to the next request', async () => {
    const s = await signIn(t);
    expect((await me(t, s.headers)).statusCode).toBe(200);
    const logout = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
    expect(logout.statusCode).toBeLessThan(300);
    const after = await me(t, s.headers);
    expect(after.statusCode).toBe(401);
    expect(after.json<{ code: string }>().code).toBe('SESSION_EXPIRED');
  });

  it('a revocation committed by another connection to the file applies to the next request', async () => {
    const s = await signIn(t);
    expect((await me(t, s.headers)).statusCode).toBe(200);
    expect((await me(t, s.headers)).statusCode).toBe(200); // cached by now
    const file = (t.config.database as { path: string }).path;
    const other = new Database(file);
    try {
      other.pragma('busy_timeout = 5000');
      const changed = other
        .prepare("UPDATE sessions SET revoked_at = ?, revoke_reason = 'test' WHERE user_id = ?")
        .run(new Date().toISOString().replace('T', ' ').replace('Z', ''), s.user.id);
      expect(changed.changes).toBeGreaterThan(0);
    } finally {
      other.close();
    }
    const after = await me(t, s.headers);
    expect(after.statusCode).toBe(401);
    expect(after.json<{ code: string }>().code).toBe('SESSION_EXPIRED');
  });
});
