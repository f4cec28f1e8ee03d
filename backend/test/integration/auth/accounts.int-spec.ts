import { DataSource } from 'typeorm';
import { Clock } from '../../../src/common/time/clock';
import { EmailToken } from '../../../src/modules/auth/entities/email-token.entity';
import { User } from '../../../src/modules/users/entities/user.entity';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import { TestApp } from '../../support/test-app';
import {
  createAuthTestApp,
  createUser,
  login,
  me,
  refresh,
  signIn,
  strongPassword,
  tokenOf,
  uniqueEmail,
} from './support/auth-fixtures';

describe('account flows', () => {
  let smtp: SmtpCapture;
  let t: TestApp;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createAuthTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  const post = (url: string, payload: object) => t.inject({ method: 'POST', url: `/api/v1/auth/${url}`, payload });
  const users = () => t.app.get(DataSource).getRepository(User);

  describe('register and verify', () => {
    it('creates an unverified viewer, emails a verification link, and signs in only after verification', async () => {
      const email = uniqueEmail('reg');
      const password = strongPassword();
      const res = await post('register', { email: email.toUpperCase(), displayName: 'New Person', password });
      expect(res.statusCode).toBe(202);

      const user = await users().findOneByOrFail({ email });
      expect(user).toMatchObject({ role: 'viewer', operatorId: null, status: 'active', verifiedAt: null });
      expect(user.passwordHash).toMatch(/^\$2b\$04\$/);

      const mail = await smtp.waitFor({ to: email });
      expect(mail.subject).toBe('Verify your email address');
      const link = mail.links.find((l) => l.includes('/verify-email?token='))!;
      expect(link.startsWith('http://hub.test/verify-email?token=')).toBe(true);
      expect(mail.html).toContain('Verify my email address');

      expect((await login(t, email, password)).json().code).toBe('EMAIL_NOT_VERIFIED');
      const verified = await post('verify-email', { token: tokenOf(link) });
      expect(verified.statusCode).toBe(200);
      expect(verified.json()).toEqual({ message: expect.any(String) });
      expect((await login(t, email, password)).statusCode).toBe(200);

      // Single use.
      expect((await post('verify-email', { token: tokenOf(link) })).json()).toMatchObject({
        statusCode: 409,
        code: 'TOKEN_USED',
      });
      // Stored only as a hash.
      const stored = await t.app.get(DataSource).getRepository(EmailToken).findBy({ userId: user.id });
      expect(stored).toHaveLength(1);
      expect(stored[0].tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(stored[0].tokenHash).not.toBe(tokenOf(link));
    });

    it('answers exactly the same for a registered email, which gets a note and keeps its password', async () => {
      const existing = await createUser(t, { displayName: 'Owner' });
      const fresh = await post('register', {
        email: uniqueEmail('fresh'),
        displayName: 'Someone',
        password: strongPassword(),
      });
      const again = await post('register', {
        email: existing.user.email,
        displayName: 'Attacker',
        password: strongPassword(),
      });
      expect(again.statusCode).toBe(fresh.statusCode);
      const strip = (body: Record<string, unknown>) => ({ ...body, requestId: undefined });
      expect(strip(again.json())).toEqual(strip(fresh.json()));
      const note = await smtp.waitFor({ to: existing.user.email });
      expect(note.subject).toBe('Someone tried to sign up with your email address');
      expect((await login(t, existing.user.email, existing.password)).statusCode).toBe(200);
      expect((await users().findOneByOrFail({ id: existing.user.id })).displayName).toBe('Owner');
    });

    it.each([
      [{ role: 'admin' }, 'role'],
      [{ operatorId: '001' }, 'operatorId'],
      [{ verifiedAt: '2020-01-01T00:00:00Z' }, 'verifiedAt'],
    ])('refuses mass assignment %j on register', async (extra, field) => {
      const email = uniqueEmail('mass');
      const res = await post('register', { email, displayName: 'M', password: strongPassword(), ...extra });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', details: [expect.objectContaining({ field })] });
      expect(await users().existsBy({ email })).toBe(false);
    });

    it('applies the password policy: 12+ characters, not common, at most 128', async () => {
      const base = { email: uniqueEmail('pw'), displayName: 'P' };
      expect((await post('register', { ...base, password: 'elevenchars' })).json()).toMatchObject({
        code: 'VALIDATION_FAILED',
        details: [expect.objectContaining({ field: 'password', constraint: 'minLength' })],
      });
      expect((await post('register', { ...base, password: '1q2w3e4r5t6y' })).json()).toMatchObject({
        statusCode: 400,
        code: 'PASSWORD_TOO_COMMON',
      });
      expect((await post('register', { ...base, password: 'QWERTYUIOP123' })).json().code).toBe('PASSWORD_TOO_COMMON');
      expect((await post('register', { ...base, password: 'x'.repeat(129) })).json().code).toBe('VALIDATION_FAILED');
      expect((await post('register', { ...base, password: 'all lower case, no digits' })).statusCode).toBe(202);
    });
  });

  describe('emailed tokens', () => {
    it('TOKEN_INVALID for unknown tokens and tokens of another purpose, TOKEN_EXPIRED after 24 h', async () => {
      expect((await post('verify-email', { token: 'a'.repeat(43) })).json()).toMatchObject({
        statusCode: 400,
        code: 'TOKEN_INVALID',
      });

      const email = uniqueEmail('exp');
      await post('register', { email, displayName: 'E', password: strongPassword() });
      const token = tokenOf((await smtp.waitFor({ to: email })).links[0]);
      // A verification token cannot reset a password.
      expect((await post('reset-password', { token, password: strongPassword() })).json().code).toBe('TOKEN_INVALID');

      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 24 * 3600_000 + 1000));
      expect((await post('verify-email', { token })).json()).toMatchObject({ statusCode: 410, code: 'TOKEN_EXPIRED' });
    });
  });

  describe('forgot and reset password', () => {
    it('answers the same for known and unknown emails; only the owner gets a link', async () => {
      const { user } = await createUser(t);
      const known = await post('forgot-password', { email: user.email });
      const unknown = await post('forgot-password', { email: uniqueEmail('ghost') });
      expect(known.statusCode).toBe(202);
      expect(unknown.statusCode).toBe(202);
      expect(known.json().message).toBe(unknown.json().message);
      expect(Object.keys(known.json())).toEqual(['message']);
      const mail = await smtp.waitFor({ to: user.email });
      expect(mail.links[0]).toMatch(/^http:\/\/hub\.test\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
    });

    it('sets the new password, ends every session, and works once; expires after 30 minutes', async () => {
      const s = await signIn(t);
      await post('forgot-password', { email: s.user.email });
      const token = tokenOf((await smtp.waitFor({ to: s.user.email, subject: 'Reset your password' })).links[0]);

      const newPassword = strongPassword();
      const res = await post('reset-password', { token, password: newPassword });
      expect(res.statusCode).toBe(204);
      expect((await me(t, s.headers)).json().code).toBe('SESSION_EXPIRED');
      expect((await refresh(t, s.refreshToken)).json().code).toBe('REFRESH_TOKEN_INVALID');
      expect((await login(t, s.user.email, s.password)).statusCode).toBe(401);
      expect((await login(t, s.user.email, newPassword)).statusCode).toBe(200);
      expect((await post('reset-password', { token, password: strongPassword() })).json().code).toBe('TOKEN_USED');

      smtp.clear();
      await post('forgot-password', { email: s.user.email });
      const late = tokenOf((await smtp.waitFor({ to: s.user.email })).links[0]);
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 31 * 60_000));
      expect((await post('reset-password', { token: late, password: strongPassword() })).json().code).toBe(
        'TOKEN_EXPIRED',
      );
    });
  });

  describe('invitation', () => {
    it('an admin invites an operator user, who sets a password (verifying the email) and signs in', async () => {
      const admin = await signIn(t, { role: 'admin' });
      const email = uniqueEmail('invitee');
      const invited = await t.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email, displayName: 'Invited Operator', role: 'operator', operatorId: '002' },
      });
      expect(invited.statusCode).toBe(201);
      expect(invited.json()).toMatchObject({
        email,
        role: 'operator',
        operatorId: '002',
        verifiedAt: null,
        status: 'active',
      });

      const mail = await smtp.waitFor({ to: email });
      const link = mail.links[0];
      expect(link).toMatch(/^http:\/\/hub\.test\/accept-invitation\?token=/);
      expect((await login(t, email, 'anything at all')).json().code).toBe('INVALID_CREDENTIALS');

      const password = strongPassword();
      expect((await post('accept-invitation', { token: tokenOf(link), password })).statusCode).toBe(204);
      const session = await login(t, email, password);
      expect(session.statusCode).toBe(200);
      expect(session.json().user).toMatchObject({
        role: 'operator',
        operatorId: '002',
        verifiedAt: expect.any(String),
      });
      expect((await post('accept-invitation', { token: tokenOf(link), password })).json().code).toBe('TOKEN_USED');
    });

    it('an invitation expires after 72 hours', async () => {
      const admin = await signIn(t, { role: 'admin' });
      const email = uniqueEmail('late-invitee');
      await t.inject({
        method: 'POST',
        url: '/api/v1/users',
        headers: admin.headers,
        payload: { email, displayName: 'L', role: 'viewer' },
      });
      const token = tokenOf((await smtp.waitFor({ to: email })).links[0]);
      jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 72 * 3600_000 + 1000));
      expect((await post('accept-invitation', { token, password: strongPassword() })).json().code).toBe(
        'TOKEN_EXPIRED',
      );
    });
  });
});
