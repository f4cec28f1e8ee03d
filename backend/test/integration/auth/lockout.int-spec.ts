import { Clock } from '../../../src/common/time/clock';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import { TestApp } from '../../support/test-app';
import { createAuthTestApp, createUser, login, uniqueEmail } from './support/auth-fixtures';

const LOCKED_MESSAGE = 'Too many failed sign-in attempts. Try again in 15 minutes.';

describe('brute-force limits on sign-in', () => {
  let smtp: SmtpCapture;
  let t: TestApp;
  let other: TestApp;
  // Each test uses its own client address, so the per-IP limit of one test does not touch the others.
  let ipCounter = 10;
  const nextIp = () => `10.0.0.${ipCounter++}`;

  beforeAll(async () => {
    smtp = await startSmtpCapture();
    t = await createAuthTestApp({ SMTP_URL: smtp.url });
    other = await createAuthTestApp({ SMTP_URL: smtp.url });
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
    await smtp?.close();
  });
  afterEach(() => jest.restoreAllMocks());

  async function failTimes(app: TestApp, email: string, n: number, ip: string) {
    const responses = [];
    for (let i = 0; i < n; i++) responses.push(await login(app, email, `wrong password ${i}!`, ip));
    return responses;
  }

  it('locks an account after 5 failures in 15 minutes, counted across instances, and emails the owner once', async () => {
    const { user, password } = await createUser(t);
    const ip = nextIp();
    const first = await failTimes(t, user.email, 2, ip);
    const more = await failTimes(other, user.email, 2, ip);
    for (const res of [...first, ...more]) expect(res.json().code).toBe('INVALID_CREDENTIALS');

    const fifth = await login(t, user.email, 'wrong again, fifth', ip);
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ code: 'ACCOUNT_LOCKED', message: LOCKED_MESSAGE });
    expect(fifth.headers['retry-after']).toBe('900');

    // Even the right password is refused while locked, on every instance; the lock is not extended.
    const right = await login(other, user.email, password, ip);
    expect(right.statusCode).toBe(429);
    expect(right.json().code).toBe('ACCOUNT_LOCKED');
    expect(Number(right.headers['retry-after'])).toBeLessThanOrEqual(900);
    await failTimes(t, user.email, 3, ip);

    const notice = await smtp.waitFor({ to: user.email });
    expect(notice.subject).toBe('Sign-in to your account was blocked');
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);

    // After 15 minutes the lock is over and the right password works.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 15 * 60_000 + 1000));
    expect((await login(t, user.email, password, ip)).statusCode).toBe(200);
  });

  it('locks an email without an account exactly like one with an account', async () => {
    const ghost = uniqueEmail('ghost');
    const { user } = await createUser(t);
    const ip = nextIp();
    const ghostAnswers = await failTimes(t, ghost, 6, ip);
    const realAnswers = await failTimes(t, user.email, 6, nextIp());
    const shape = (r: (typeof ghostAnswers)[number]): unknown[] => {
      const body = r.json<{ code: string; message: string }>();
      return [r.statusCode, body.code, body.message, r.headers['retry-after']];
    };
    expect(ghostAnswers.map(shape)).toEqual(realAnswers.map(shape));
    expect(ghostAnswers.map((r) => r.statusCode)).toEqual([401, 401, 401, 401, 429, 429]);
  });

  it('counts failures in a 15-minute window and resets the count on success', async () => {
    const { user, password } = await createUser(t);
    const ip = nextIp();
    await failTimes(t, user.email, 4, ip);
    expect((await login(t, user.email, password, ip)).statusCode).toBe(200);
    // The counter restarted: 4 more failures do not lock.
    const after = await failTimes(t, user.email, 4, ip);
    expect(after.every((r) => r.statusCode === 401)).toBe(true);

    // Failures older than the window do not count.
    jest.spyOn(t.app.get(Clock), 'now').mockReturnValue(new Date(Date.now() + 16 * 60_000));
    expect((await login(t, user.email, 'one more wrong one', ip)).statusCode).toBe(401);
    expect((await login(t, user.email, password, ip)).statusCode).toBe(200);
  });

  it('limits failures per IP address (20 in 15 minutes) with TOO_MANY_ATTEMPTS', async () => {
    const ip = nextIp();
    const answers = [];
    for (let i = 0; i < 20; i++) answers.push(await login(t, uniqueEmail('spray'), 'a wrong password', ip));
    expect(answers.slice(0, 19).every((r) => r.statusCode === 401)).toBe(true);
    expect(answers[19].statusCode).toBe(429);
    expect(answers[19].json().code).toBe('TOO_MANY_ATTEMPTS');
    expect(answers[19].headers['retry-after']).toBe('900');

    const { user, password } = await createUser(t);
    const blocked = await login(other, user.email, password, ip);
    expect(blocked.json().code).toBe('TOO_MANY_ATTEMPTS');
    expect((await login(t, user.email, password, nextIp())).statusCode).toBe(200);
  });
});
