import { DataSource } from 'typeorm';
import { MailService } from '../../../src/modules/mail/mail.service';
import { MAIL_TRANSPORT, MailTransport } from '../../../src/modules/mail/transports/mail-transport';
import { startSmtpCapture, SmtpCapture } from '../../support/smtp-capture';
import { createTestApp, TestApp } from '../../support/test-app';
import { emailFactory, eventually, outboxRows, uniqueAddress } from './mail-test-helpers';

jest.setTimeout(30_000);

describe('mail outbox over SMTP', () => {
  let capture: SmtpCapture;
  let t: TestApp;

  beforeAll(async () => {
    capture = await startSmtpCapture();
    t = await createTestApp({ SMTP_URL: capture.url, MAIL_FROM: 'Open Transport Hub <no-reply@hub.example.org>' });
  });
  afterAll(async () => {
    await t?.close();
    await capture?.close();
  });

  it('delivers an enqueued email with subject, text and HTML parts, and records it as sent', async () => {
    const email = emailFactory();
    await t.app.get(MailService).enqueue(email);

    const mail = await capture.waitFor({ to: email.to, subject: 'Confirm your email address' });
    expect(mail.from).toBe('"Open Transport Hub" <no-reply@hub.example.org>');
    expect(mail.text).toContain('Hello <Ada> & welcome.');
    expect(mail.text).toContain('https://hub.example.org/verify-email?token=abc123');
    expect(mail.links).toEqual(['https://hub.example.org/verify-email?token=abc123']);
    expect(mail.html).toContain('Hello &lt;Ada&gt; &amp; welcome.');
    expect(mail.html).toContain('href="https://hub.example.org/verify-email?token=abc123"');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
    expect(mail.headers.get('message-id')).toMatch(/^<outbox\.\d+\.\d+@hub\.example\.org>$/);

    const [row] = await eventually(async () => {
      const rows = await outboxRows(t, email.to);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    expect(row).toMatchObject({
      kind: 'verify-email',
      status: 'sent',
      attempts: 1,
      lastError: null,
      lockedUntil: null,
    });
    expect(row.sentAt).toBeInstanceOf(Date);
    // The bodies carried a one-time link: not kept once delivered.
    expect(row).toMatchObject({ textBody: '', htmlBody: '', links: null });
  });

  it('writes the outbox row in the caller’s transaction: sent after commit, never after rollback', async () => {
    const dataSource = t.app.get(DataSource);
    const mail = t.app.get(MailService);
    const committed = emailFactory({ kind: 'invitation' });
    const rolledBack = emailFactory({ kind: 'invitation' });

    await dataSource.transaction(async (manager) => {
      await mail.enqueue(committed, manager);
      // Not visible outside the transaction yet (checked on PostgreSQL; SQLite serialises the whole transaction).
    });
    await expect(
      dataSource.transaction(async (manager) => {
        await mail.enqueue(rolledBack, manager);
        throw new Error('business rule failed');
      }),
    ).rejects.toThrow('business rule failed');

    await capture.waitFor({ to: committed.to });
    expect(await outboxRows(t, rolledBack.to)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1200)); // a full poll interval
    expect(capture.messages.filter((m) => m.to.includes(rolledBack.to))).toEqual([]);
  });

  it('rejects malformed messages before writing anything', async () => {
    const mail = t.app.get(MailService);
    const to = uniqueAddress();
    await expect(mail.enqueue(emailFactory({ to: `${to}, other@example.org` }))).rejects.toThrow('`to`');
    await expect(mail.enqueue(emailFactory({ to, subject: '' }))).rejects.toThrow('subject');
    await expect(mail.enqueue(emailFactory({ to, kind: 'Verify Email' }))).rejects.toThrow('kind');
    expect(await outboxRows(t, to)).toEqual([]);
  });
});

describe('mail outbox when the SMTP server is down', () => {
  it('keeps the message, retries with backoff, and delivers it once the server is back', async () => {
    const first = await startSmtpCapture();
    const port = first.port;
    const t = await createTestApp({ SMTP_URL: first.url });
    let second: SmtpCapture | undefined;
    try {
      await first.close();
      const email = emailFactory({ kind: 'password-reset', subject: 'Reset your password' });
      await t.app.get(MailService).enqueue(email);

      const [failed] = await eventually(async () => {
        const rows = await outboxRows(t, email.to);
        return rows[0]?.lastError ? rows : undefined;
      });
      expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
      expect(failed.lastError).toMatch(/ECONNREFUSED/);
      // Retried about 5 s after the failure, not sooner.
      expect(failed.nextAttemptAt.getTime() - Date.now()).toBeGreaterThan(2_000);
      expect(failed.textBody).toContain('token=abc123');

      second = await startSmtpCapture({ port });
      const mail = await second.waitFor({ to: email.to, subject: 'Reset your password' }, 15_000);
      expect(mail.text).toContain('https://hub.example.org/verify-email?token=abc123');

      const [sent] = await eventually(async () => {
        const rows = await outboxRows(t, email.to);
        return rows[0]?.status === 'sent' ? rows : undefined;
      });
      expect(sent).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
      expect(second.messages.filter((m) => m.to.includes(email.to))).toHaveLength(1);
    } finally {
      await t.close();
      await second?.close();
    }
  });
});

describe('mail outbox with two app instances on one database', () => {
  it('delivers every message exactly once', async () => {
    const capture = await startSmtpCapture();
    const one = await createTestApp({ SMTP_URL: capture.url });
    const two = await createTestApp({ SMTP_URL: capture.url });
    const sends = [one, two].map((t) => jest.spyOn(t.app.get<MailTransport>(MAIL_TRANSPORT), 'send'));
    try {
      const emails = Array.from({ length: 24 }, (_, i) => emailFactory({ to: uniqueAddress(`pair${i}`) }));
      // Half from each instance, all in one go, so both workers poll a full outbox at the same time.
      await Promise.all(emails.map((email, i) => (i % 2 === 0 ? one : two).app.get(MailService).enqueue(email)));
      const wanted = new Set(emails.map((e) => e.to));
      const allArrived = () =>
        new Set(capture.messages.flatMap((m) => m.to).filter((to) => wanted.has(to))).size === wanted.size;
      await eventually(() => Promise.resolve(allArrived()), 15_000);
      await new Promise((resolve) => setTimeout(resolve, 1500)); // any duplicate would arrive by now

      const received = capture.messages.flatMap((m) => m.to).filter((to) => wanted.has(to));
      expect(received).toHaveLength(emails.length);
      expect(new Set(received).size).toBe(emails.length);
      // Counted at the transports as well: no message was handed to SMTP twice, by either instance.
      const handedOver = sends
        .flatMap((spy) => spy.mock.calls.map(([email]) => email.to))
        .filter((to) => wanted.has(to));
      expect(handedOver).toHaveLength(emails.length);
      for (const email of emails.slice(0, 3)) {
        expect(await outboxRows(one, email.to)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1 })]);
      }
    } finally {
      await one.close();
      await two.close();
      await capture.close();
    }
  });
});
