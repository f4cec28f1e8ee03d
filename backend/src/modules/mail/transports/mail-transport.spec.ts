import { emlFileName } from './eml-file.transport';
import { buildMailOptions, OutgoingEmail, senderDomain } from './mail-transport';
import { smtpOptions } from './smtp.transport';

const email = (overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  id: 42,
  kind: 'verify-email',
  to: 'ada@example.org',
  subject: 'Confirm',
  text: 'text',
  html: '<p>html</p>',
  links: [],
  createdAt: new Date('2025-06-01T09:30:00.000Z'),
  ...overrides,
});

describe('buildMailOptions', () => {
  it('sends from MAIL_FROM with text and HTML parts, marked as auto-generated, with a stable Message-ID', () => {
    const options = buildMailOptions(email(), 'Open Transport Hub <no-reply@hub.example.org>');
    expect(options).toMatchObject({
      from: 'Open Transport Hub <no-reply@hub.example.org>',
      to: 'ada@example.org',
      subject: 'Confirm',
      text: 'text',
      html: '<p>html</p>',
      messageId: '<outbox.42.1748770200000@hub.example.org>',
      headers: { 'Auto-Submitted': 'auto-generated' },
    });
  });

  it.each([
    ['no-reply@example.org', 'example.org'],
    ['Hub <hub@mail.example.org> ', 'mail.example.org'],
    ['nobody', 'localhost'],
  ])('takes the Message-ID domain of %s', (from, domain) => {
    expect(senderDomain(from)).toBe(domain);
  });
});

describe('emlFileName', () => {
  it('is <timestamp>-<kind>-<id>.eml, safe on every file system', () => {
    const at = new Date('2025-06-01T09:30:00.123Z');
    expect(emlFileName(email(), at)).toBe('2025-06-01T09-30-00-123Z-verify-email-42.eml');
    expect(emlFileName(email({ kind: '../x y' }), at)).toBe('2025-06-01T09-30-00-123Z-_x_y-42.eml');
  });
});

describe('smtpOptions', () => {
  it('pools with timeouts, and lets the URL override them', () => {
    expect(smtpOptions('smtps://user:p%40ss@smtp.example.org:465')).toMatchObject({
      pool: true,
      secure: true,
      host: 'smtp.example.org',
      port: 465,
      connectionTimeout: 10_000,
      socketTimeout: 30_000,
    });
    expect(smtpOptions('smtp://127.0.0.1:2525/?socketTimeout=5000')).toMatchObject({
      secure: false,
      socketTimeout: 5000,
    });
  });
});
