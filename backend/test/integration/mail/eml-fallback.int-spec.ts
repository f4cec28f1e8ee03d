import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { simpleParser } from 'mailparser';
import { MailService } from '../../../src/modules/mail/mail.service';
import { EmlFileMailTransport } from '../../../src/modules/mail/transports/eml-file.transport';
import { createTestApp, TestApp } from '../../support/test-app';
import { createTempDir, emailFactory, eventually, outboxRows, TempDir } from './mail-test-helpers';

jest.setTimeout(20_000);

describe('mail without SMTP_URL: .eml files in MAIL_DIR', () => {
  let mailDir: TempDir;
  let t: TestApp;

  beforeAll(async () => {
    mailDir = createTempDir('oth-mail-');
    // MAIL_DIR below a folder that does not exist yet: the transport creates it.
    t = await createTestApp({ MAIL_DIR: join(mailDir.dir, 'nested', 'mail') });
  });
  afterAll(async () => {
    await t?.close();
    mailDir?.remove();
  });

  it('writes each email as a parseable .eml file named <timestamp>-<kind>-<id>.eml', async () => {
    const email = emailFactory({ kind: 'verify-email' });
    await t.app.get(MailService).enqueue(email);

    const [row] = await eventually(async () => {
      const rows = await outboxRows(t, email.to);
      return rows[0]?.status === 'sent' ? rows : undefined;
    });
    const dir = join(mailDir.dir, 'nested', 'mail');
    const file = readdirSync(dir).find((name) => name.endsWith(`-verify-email-${row.id}.eml`));
    expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z-verify-email-\d+\.eml$/);

    const parsed = await simpleParser(readFileSync(join(dir, file!)));
    expect(parsed.to).toMatchObject({ text: email.to });
    expect(parsed.from?.text).toBe('"Open Transport Hub" <no-reply@localhost>');
    expect(parsed.subject).toBe(email.subject);
    expect(parsed.text).toContain('https://hub.example.org/verify-email?token=abc123');
    expect(parsed.html).toContain('href="https://hub.example.org/verify-email?token=abc123"');
    expect(parsed.headers.get('auto-submitted')).toBe('auto-generated');
  });
});

describe('EmlFileMailTransport logging', () => {
  const logged: string[] = [];
  const logger: LoggerService = {
    log: (m: string) => logged.push(`log ${m}`),
    debug: (m: string) => logged.push(`debug ${m}`),
    warn: (m: string) => logged.push(`warn ${m}`),
    error: (m: string) => logged.push(`error ${m}`),
  };
  let dir: TempDir;
  const email = {
    id: 9,
    kind: 'password-reset',
    to: 'jane.doe@example.org',
    subject: 'Reset',
    text: 'Open https://hub.example.org/reset-password?token=secret-token now.',
    html: '<p>x</p>',
    links: [],
    createdAt: new Date(),
  };

  beforeEach(() => {
    logged.length = 0;
    dir = createTempDir('oth-eml-');
  });
  afterEach(() => dir.remove());

  it('in development logs each link with the address masked', async () => {
    await new EmlFileMailTransport({ dir: dir.dir, from: 'hub@example.org', logLinks: true }, logger).send(email);
    expect(logged).toContain(
      'log Email to j***@example.org (password-reset): https://hub.example.org/reset-password?token=secret-token',
    );
    expect(logged.join('\n')).not.toContain('jane.doe');
  });

  it('otherwise never logs links or addresses', async () => {
    await new EmlFileMailTransport({ dir: dir.dir, from: 'hub@example.org', logLinks: false }, logger).send(email);
    expect(readdirSync(dir.dir)).toHaveLength(1);
    expect(logged.join('\n')).not.toMatch(/secret-token|jane\.doe/);
  });
});
