import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { Session } from '../../../src/modules/auth/entities/session.entity';
import { testDbKind } from '../../setup/test-database';
import { TestApp } from '../../support/test-app';
import {
  AUTH_TEST_ENV,
  bearer,
  createAuthTestApp,
  createUser,
  login,
  me,
  refresh,
  refreshCookieOf,
  signIn,
} from './support/auth-fixtures';

function forgeJwt(header: object, payload: object, secret: string): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const body = `${enc(header)}.${enc(payload)}`;
  const alg = (header as { alg: string }).alg;
  if (alg === 'none') return `${body}.`;
  const algo = alg === 'HS512' ? 'sha512' : 'sha256';
  return `${body}.${createHmac(algo, secret).update(body).digest('base64url')}`;
}

describe('sessions', () => {
  let t: TestApp;
  let second: TestApp;

  beforeAll(async () => {
    t = await createAuthTestApp();
    second = await createAuthTestApp();
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const sessionOf = (userId: string) => t.app.get(DataSource).getRepository(Session).findOneBy({ userId });
  /** Moves the instance's clock just past the refresh-reuse grace (REFRESH_REUSE_GRACE_SECONDS, default 10). */
  const afterGrace = (app: TestApp) =>
    jest
      .spyOn(app.app.get(Clock), 'now')
      .mockReturnValue(new Date(Date.now() + (app.config.auth.refreshReuseGraceSeconds + 1) * 1000));

  describe('POST /api/v1/auth/login', () => {
    it('answers the session and sets the refresh cookie HttpOnly, SameSite=Strict, on the auth path', async () => {
      const { user, password } = await createUser(t, { displayName: 'Ann Example' });
      const res = await login(t, user.email.toUpperCase(), password);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toEqual({
        accessToken: expect.any(String),
        expiresIn: 900,
        user: {
          id: user.id,
          email: user.email,
          displayName: 'Ann Example',
          role: 'viewer',
          operatorId: null,
          status: 'active',
          verifiedAt: expect.any(String),
          createdAt: expect.any(String),
          lastLoginAt: expect.any(String),
        },
      });
      const cookie = res.cookies.find((c) => c.name === 'oth_refresh')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/v1/auth' });
      expect(cookie.secure).toBeFalsy();
      expect(cookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(res.headers['cache-control']).toBe('no-store');

      const [header, payload] = (body.accessToken as string)
        .split('.')
        .slice(0, 2)
        .map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>);
      expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
      expect(payload).toMatchObject({
        sub: user.id,
        sid: expect.any(String),
        role: 'viewer',
        typ: 'access',
        jti: expect.any(String),
      });
      expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
      expect(JSON.stringify(body)).not.toContain('passwordHash');
    });

    it('marks the cookie Secure when PUBLIC_URL is https', async () => {
      const secure = await createAuthTestApp({ PUBLIC_URL: 'https://hub.example.org' });
      try {
        const { user, password } = await createUser(secure);
        const res = await login(secure, user.email, password);
        expect(res.cookies.find((c) => c.name === 'oth_refresh')?.secure).toBe(true);
      } finally {
        await secure.close();
      }
    });

    it('refuses a wrong password and an unknown email alike', async () => {
      const { user } = await createUser(t);
      const wrong = await login(t, user.email, 'not the right password');
      const unknown = await login(t, 'nobody-at-all@example.org', 'not the right password');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' });
        expect(refreshCookieOf(res)).toBeUndefined();
      }
    });

    it('refuses an unverified account (EMAIL_NOT_VERIFIED) and a disabled one (ACCOUNT_DISABLED) with the right password', async () => {
      const unverified = await createUser(t, { verified: false });
      const disabled = await createUser(t, { status: 'disabled' });
      expect((await login(t, unverified.user.email, unverified.password)).json()).toMatchObject({
        statusCode: 403,
        code: 'EMAIL_NOT_VERIFIED',
      });
      expect((await login(t, disabled.user.email, disabled.password)).json()).toMatchObject({
        statusCode: 403,
        code: 'ACCOUNT_DISABLED',
      });
    });

    it('rejects extra fields (mass assignment) with VALIDATION_FAILED', async () => {
      const res = await t.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'a@example.org', password: 'x', role: 'admin' },
      });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'role' })],
      });
    });
  });

  describe('access tokens', () => {
    it('401 UNAUTHENTICATED with WWW-Authenticate without credentials or with garbage', async () => {
      const attempts: Record<string, string>[] = [
        {},
        { authorization: 'Bearer nonsense' },
        { authorization: 'Basic abc' },
      ];
      for (const headers of attempts) {
        const res = await me(t, headers);
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({ code: 'UNAUTHENTICATED' });
        expect(res.headers['www-authenticate']).toBe('Bearer realm="oth"');
      }
    });

    it('pins HS256: alg none, HS512 and a wrong secret are refused', async () => {
      const s = await signIn(t);
      const [, payloadPart] = s.accessToken.split('.');
      const payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString()) as object;
      const secret = AUTH_TEST_ENV.JWT_ACCESS_SECRET!;
      const forged = [
        forgeJwt({ alg: 'none', typ: 'JWT' }, payload, secret),
        forgeJwt({ alg: 'HS512', typ: 'JWT' }, payload, secret),
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, payload, 'another-secret-another-secret-another'),
        forgeJwt({ alg: 'HS256', typ: 'JWT' }, { ...payload, typ: 'refresh' }, secret),
      ];
      for (const token of forged) {
        const res = await me(t, bearer(token));
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      }
      expect((await me(t, s.headers)).statusCode).toBe(200);
    });

    it('an expired access token gives SESSION_EXPIRED', async () => {
      const s = await signIn(t);
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 901_000));
      const res = await me(t, s.headers);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('SESSION_EXPIRED');
      expect(res.headers['www-authenticate']).toContain('error="invalid_token"');
    });
  });

  describe('POST /api/v1/auth/refresh', () => {
    it('rotates the refresh token on every call and answers a new access token', async () => {
      const s = await signIn(t);
      const first = await refresh(t, s.refreshToken);
      expect(first.statusCode).toBe(200);
      const rotated = refreshCookieOf(first)!;
      expect(rotated).toBeDefined();
      expect(rotated).not.toBe(s.refreshToken);
      expect(first.json()).toMatchObject({ accessToken: expect.any(String), expiresIn: 900, user: { id: s.user.id } });
      expect((await me(t, bearer(first.json().accessToken))).statusCode).toBe(200);

      const secondRefresh = await refresh(t, rotated);
      expect(secondRefresh.statusCode).toBe(200);
      expect(refreshCookieOf(secondRefresh)).not.toBe(rotated);
    });

    it('revokes the whole session when an already-rotated token comes back after the grace (reuse detection)', async () => {
      const s = await signIn(t);
      const rotated = refreshCookieOf(await refresh(t, s.refreshToken))!;

      afterGrace(t);
      const reuse = await refresh(t, s.refreshToken);
      expect(reuse.statusCode).toBe(401);
      expect(reuse.json().code).toBe('REFRESH_TOKEN_REUSED');
      expect(reuse.cookies.find((c) => c.name === 'oth_refresh')?.value).toBe('');

      // The legitimate holder's newer token and the access token are dead too.
      expect((await refresh(t, rotated)).json().code).toBe('REFRESH_TOKEN_INVALID');
      expect((await me(t, s.headers)).json().code).toBe('SESSION_EXPIRED');
      expect((await sessionOf(s.user.id))?.revokeReason).toBe('refresh-token-reused');
    });

    describe('concurrent refreshes (two tabs, one cookie jar)', () => {
      it('both answer 200 with a working access token, only one rotates, and the session goes on', async () => {
        const s = await signIn(t);
        const [a, b] = await Promise.all([refresh(t, s.refreshToken), refresh(t, s.refreshToken)]);
        expect([a.statusCode, b.statusCode]).toEqual([200, 200]);

        // Exactly one answer rotated; the other leaves the cookie the browser now holds alone (no Set-Cookie).
        const cookies = [a, b].map((res) => refreshCookieOf(res));
        const newest = cookies.find((c) => c !== undefined)!;
        expect(cookies.filter((c) => c !== undefined)).toHaveLength(1);
        expect(newest).not.toBe(s.refreshToken);
        for (const res of [a, b]) {
          expect(res.json()).toMatchObject({ accessToken: expect.any(String), user: { id: s.user.id } });
          expect((await me(t, bearer(res.json().accessToken))).statusCode).toBe(200);
        }

        const session = await sessionOf(s.user.id);
        expect(session?.revokedAt).toBeNull();
        const later = await refresh(t, newest);
        expect(later.statusCode).toBe(200);
        expect(refreshCookieOf(later)).toMatch(/^[A-Za-z0-9_-]{43}$/);
      });

      // Several instances need PostgreSQL (docs/configuration.md); one SQLite file serves one instance.
      (testDbKind() === 'postgres' ? it : it.skip)('also across two instances', async () => {
        const s = await signIn(t);
        const answers = await Promise.all([refresh(t, s.refreshToken), refresh(second, s.refreshToken)]);
        expect(answers.map((res) => res.statusCode)).toEqual([200, 200]);
        const newest = answers.map((res) => refreshCookieOf(res)).find((c) => c !== undefined)!;
        expect((await refresh(second, newest)).statusCode).toBe(200);
      });

      it('a second refresh with the just-rotated token inside the grace gets an access token but no cookie', async () => {
        const s = await signIn(t);
        const first = await refresh(t, s.refreshToken);
        const late = await refresh(t, s.refreshToken);
        expect(late.statusCode).toBe(200);
        expect(late.cookies.find((c) => c.name === 'oth_refresh')).toBeUndefined();
        expect((await me(t, bearer(late.json().accessToken))).statusCode).toBe(200);
        expect((await refresh(t, refreshCookieOf(first))).statusCode).toBe(200);
      });

      it('a token two generations old is reuse even inside the grace', async () => {
        const s = await signIn(t);
        const second1 = refreshCookieOf(await refresh(t, s.refreshToken))!;
        const third = refreshCookieOf(await refresh(t, second1))!;

        const reuse = await refresh(t, s.refreshToken);
        expect(reuse.json()).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_REUSED' });
        expect((await refresh(t, third)).json().code).toBe('REFRESH_TOKEN_INVALID');
        expect((await sessionOf(s.user.id))?.revokeReason).toBe('refresh-token-reused');
      });

      it('the grace does not revive a session that ended meanwhile', async () => {
        const s = await signIn(t);
        const rotated = await refresh(t, s.refreshToken);
        await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(rotated.json().accessToken) });
        const late = await refresh(t, s.refreshToken);
        expect(late.statusCode).toBe(401);
        expect((await me(t, bearer(rotated.json().accessToken))).statusCode).toBe(401);
      });

      it('REFRESH_REUSE_GRACE_SECONDS=0 turns the grace off', async () => {
        const strict = await createAuthTestApp({ REFRESH_REUSE_GRACE_SECONDS: '0' });
        try {
          const s = await signIn(strict);
          await refresh(strict, s.refreshToken);
          expect((await refresh(strict, s.refreshToken)).json().code).toBe('REFRESH_TOKEN_REUSED');
          expect((await sessionOf(s.user.id))?.revokeReason).toBe('refresh-token-reused');
        } finally {
          await strict.close();
        }
      });
    });

    it('REFRESH_TOKEN_INVALID without a cookie, with an unknown one, and after the idle timeout', async () => {
      expect((await refresh(t, undefined)).json()).toMatchObject({ statusCode: 401, code: 'REFRESH_TOKEN_INVALID' });
      expect((await refresh(t, 'x'.repeat(43))).json().code).toBe('REFRESH_TOKEN_INVALID');
      const s = await signIn(t);
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 8 * 86_400_000));
      expect((await refresh(t, s.refreshToken)).json().code).toBe('REFRESH_TOKEN_INVALID');
    });
  });

  describe('logout', () => {
    it('ends the session at once, on every instance, and clears the cookie', async () => {
      const s = await signIn(t);
      expect((await me(second, s.headers)).statusCode).toBe(200);

      const out = await t.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: s.headers });
      expect(out.statusCode).toBe(204);
      expect(out.cookies.find((c) => c.name === 'oth_refresh')).toMatchObject({ value: '', path: '/api/v1/auth' });

      for (const instance of [t, second]) {
        const res = await me(instance, s.headers);
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('SESSION_EXPIRED');
      }
      expect((await refresh(second, s.refreshToken)).json().code).toBe('REFRESH_TOKEN_INVALID');
    });

    it("logout-all ends every session of the user, not other users'", async () => {
      const a1 = await signIn(t);
      const a2 = await login(t, a1.user.email, a1.password);
      const other = await signIn(t);
      const res = await t.inject({ method: 'POST', url: '/api/v1/auth/logout-all', headers: a1.headers });
      expect(res.statusCode).toBe(204);
      expect((await me(second, a1.headers)).statusCode).toBe(401);
      expect((await me(second, bearer(a2.json().accessToken))).statusCode).toBe(401);
      expect((await me(second, other.headers)).statusCode).toBe(200);
    });
  });

  describe('GET/PATCH /api/v1/auth/me', () => {
    it('shows and renames the signed-in user', async () => {
      const s = await signIn(t, { displayName: 'Before' });
      const res = await t.inject({
        method: 'PATCH',
        url: '/api/v1/auth/me',
        headers: s.headers,
        payload: { displayName: ' After ' },
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ id: s.user.id, displayName: 'After' });
      expect((await me(t, s.headers)).json().displayName).toBe('After');
    });

    it.each([
      [{ displayName: 'X', role: 'admin' }, 'role'],
      [{ displayName: 'X', operatorId: '001' }, 'operatorId'],
      [{ displayName: 'X', status: 'active' }, 'status'],
      [{ displayName: 'X', email: 'new@example.org' }, 'email'],
    ])('refuses mass assignment %j with 400 VALIDATION_FAILED', async (payload, field) => {
      const s = await signIn(t);
      const res = await t.inject({ method: 'PATCH', url: '/api/v1/auth/me', headers: s.headers, payload });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] });
      expect((await me(t, s.headers)).json()).toMatchObject({ role: 'viewer', displayName: 'Test User' });
    });
  });

  describe('POST /api/v1/auth/change-password', () => {
    it('needs the current password, refuses common ones, and ends the other sessions only', async () => {
      const s = await signIn(t);
      const other = await login(t, s.user.email, s.password);
      const url = '/api/v1/auth/change-password';

      const wrong = await t.inject({
        method: 'POST',
        url,
        headers: s.headers,
        payload: { currentPassword: 'nope nope nope', newPassword: 'a fresh long passphrase' },
      });
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json().code).toBe('CURRENT_PASSWORD_WRONG');

      const common = await t.inject({
        method: 'POST',
        url,
        headers: s.headers,
        payload: { currentPassword: s.password, newPassword: 'qwertyuiop123' },
      });
      expect(common.statusCode).toBe(400);
      expect(common.json().code).toBe('PASSWORD_TOO_COMMON');

      const short = await t.inject({
        method: 'POST',
        url,
        headers: s.headers,
        payload: { currentPassword: s.password, newPassword: 'short' },
      });
      expect(short.json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'newPassword', constraint: 'minLength' })],
      });

      const ok = await t.inject({
        method: 'POST',
        url,
        headers: s.headers,
        payload: { currentPassword: s.password, newPassword: 'a fresh long passphrase' },
      });
      expect(ok.statusCode).toBe(204);
      expect((await me(t, s.headers)).statusCode).toBe(200);
      expect((await me(second, bearer(other.json().accessToken))).json().code).toBe('SESSION_EXPIRED');
      expect((await login(t, s.user.email, s.password)).statusCode).toBe(401);
      expect((await login(t, s.user.email, 'a fresh long passphrase')).statusCode).toBe(200);
    });
  });
});
