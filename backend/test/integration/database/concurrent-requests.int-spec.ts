import { setTimeout as sleep } from 'node:timers/promises';
import { DataSource, In, IsNull } from 'typeorm';
import { hasSqliteGate } from '../../../src/database/sqlite-gate';
import { Session } from '../../../src/modules/auth/entities/session.entity';
import { SessionService } from '../../../src/modules/auth/session.service';
import { User } from '../../../src/modules/users/entities/user.entity';
import { testDbKind } from '../../setup/test-database';
import { TestApp } from '../../support/test-app';
import {
  createAuthTestApp,
  createUser,
  login,
  refresh,
  refreshCookieOf,
  signIn,
  strongPassword,
  uniqueEmail,
} from '../auth/support/auth-fixtures';

/** Requests that open transactions at the same time, through the real app (SQLite: one connection, gated). */
describe(`concurrent requests (${testDbKind()})`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createAuthTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  /** Work inside the sign-in transaction takes a few milliseconds of real I/O, so concurrent sign-ins overlap in it. */
  function slowSessionCreation(): void {
    const sessions = t.app.get(SessionService);
    const create = sessions.create.bind(sessions);
    jest.spyOn(sessions, 'create').mockImplementation(async (...args) => {
      await sleep(3);
      return create(...args);
    });
  }

  it("runs on the app's DataSource with the SQLite gate on SQLite", () => {
    expect(hasSqliteGate(t.app.get(DataSource))).toBe(testDbKind() === 'sqlite');
  });

  it('signs the same user in 10 times at once: ten 200s, ten live sessions', async () => {
    const { user, password } = await createUser(t);
    slowSessionCreation();
    const answers = await Promise.all(Array.from({ length: 10 }, () => login(t, user.email, password)));
    expect(answers.map((res) => res.statusCode)).toEqual(Array(10).fill(200));
    expect(new Set(answers.map(refreshCookieOf)).size).toBe(10);
    const sessions = await t.app
      .get(DataSource)
      .getRepository(Session)
      .countBy({ userId: user.id, revokedAt: IsNull() });
    expect(sessions).toBe(10);
  });

  it('a sign-in failing inside its transaction takes no concurrent sign-in with it', async () => {
    const failing = await createUser(t);
    const others = await Promise.all(Array.from({ length: 9 }, () => createUser(t)));
    const sessions = t.app.get(SessionService);
    const create = sessions.create.bind(sessions);
    jest.spyOn(sessions, 'create').mockImplementation(async (user, ...rest) => {
      // The failing one holds its transaction longest, then rolls it back; the others commit meanwhile.
      await sleep(user.id === failing.user.id ? 20 : 3);
      if (user.id === failing.user.id) throw new Error('simulated failure inside the sign-in transaction');
      return create(user, ...rest);
    });
    const failed = login(t, failing.user.email, failing.password);
    await sleep(1);
    const answers = await Promise.all(others.map(({ user, password }) => login(t, user.email, password)));
    expect((await failed).statusCode).toBe(500);
    expect(answers.map((res) => res.statusCode)).toEqual(Array(9).fill(200));
    const live = await t.app
      .get(DataSource)
      .getRepository(Session)
      .countBy({ userId: In(others.map(({ user }) => user.id)), revokedAt: IsNull() });
    expect(live).toBe(9);
  });

  it('registers 10 new accounts at once: every account stored', async () => {
    const emails = Array.from({ length: 10 }, () => uniqueEmail('register'));
    const answers = await Promise.all(
      emails.map((email) =>
        t.inject({
          method: 'POST',
          url: '/api/v1/auth/register',
          payload: { email, displayName: 'Concurrent Person', password: strongPassword() },
        }),
      ),
    );
    expect(answers.map((res) => res.statusCode)).toEqual(Array(10).fill(answers[0].statusCode));
    expect(answers[0].statusCode).toBeLessThan(300);
    expect(
      await t.app
        .get(DataSource)
        .getRepository(User)
        .countBy({ email: In(emails) }),
    ).toBe(10);
  });

  it('refreshes 10 sessions at once while others sign in: no 500, every rotation kept', async () => {
    const signedIn = await Promise.all(Array.from({ length: 10 }, () => signIn(t)));
    const users = await Promise.all(Array.from({ length: 5 }, () => createUser(t)));
    slowSessionCreation();
    const [refreshes, logins] = await Promise.all([
      Promise.all(signedIn.map((s) => refresh(t, s.refreshToken))),
      Promise.all(users.map(({ user, password }) => login(t, user.email, password))),
    ]);
    expect(refreshes.map((res) => res.statusCode)).toEqual(Array(10).fill(200));
    expect(logins.map((res) => res.statusCode)).toEqual(Array(5).fill(200));
    // Each rotated token works once more: the rotations were committed, none was lost to another's rollback.
    const again = await Promise.all(refreshes.map((res) => refresh(t, refreshCookieOf(res))));
    expect(again.map((res) => res.statusCode)).toEqual(Array(10).fill(200));
  });
});
