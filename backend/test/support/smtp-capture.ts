import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { extractLinks } from '../../src/modules/mail/mail-privacy';

/** An email received by the capture server, parsed with mailparser. */
export interface CapturedMail {
  /** Envelope recipients (RCPT TO), lower-case. */
  to: string[];
  /** The From header as text, e.g. `Open Transport Hub <no-reply@localhost>`. */
  from: string;
  subject: string;
  text: string;
  html: string;
  /** Every http(s) URL in the text body, in order. */
  links: string[];
  /** All headers, lower-case names (e.g. `auto-submitted`). */
  headers: Map<string, unknown>;
  /** The raw message as received. */
  raw: string;
}

export interface MailMatch {
  /** A recipient (case-insensitive). */
  to?: string;
  /** The whole subject, or a pattern it must match. */
  subject?: RegExp | string;
}

export interface SmtpCapture {
  /** `smtp://127.0.0.1:<port>`, ready for SMTP_URL. */
  url: string;
  port: number;
  /** Every message received so far, oldest first. */
  messages: CapturedMail[];
  /** The first message (received so far or later) that matches; rejects after `timeoutMs` (default 5000). */
  waitFor(match?: MailMatch, timeoutMs?: number): Promise<CapturedMail>;
  clear(): void;
  close(): Promise<void>;
}

export interface SmtpCaptureOptions {
  /** Listen on this port (default: any free one), e.g. to restart a capture where a stopped one was. */
  port?: number;
}

function matches(mail: CapturedMail, match: MailMatch): boolean {
  if (match.to && !mail.to.includes(match.to.toLowerCase())) return false;
  if (match.subject !== undefined) {
    if (typeof match.subject === 'string' ? mail.subject !== match.subject : !match.subject.test(mail.subject))
      return false;
  }
  return true;
}

/**
 * A real SMTP server on 127.0.0.1 that accepts every message (no TLS, no authentication) and keeps it in memory:
 * `createTestApp({ SMTP_URL: capture.url })` and read what the app sent.
 */
export async function startSmtpCapture(options: SmtpCaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMail[] = [];
  let waiters: { match: MailMatch; resolve: (mail: CapturedMail) => void }[] = [];

  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw)
          .then((parsed) => {
            const text = parsed.text ?? '';
            const mail: CapturedMail = {
              to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: parsed.from?.text ?? '',
              subject: parsed.subject ?? '',
              text,
              html: typeof parsed.html === 'string' ? parsed.html : '',
              links: extractLinks(text),
              headers: parsed.headers,
              raw,
            };
            messages.push(mail);
            const ready = waiters.filter((w) => matches(mail, w.match));
            waiters = waiters.filter((w) => !ready.includes(w));
            for (const w of ready) w.resolve(mail);
            callback();
          })
          .catch((error: Error) => callback(error));
      });
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  // A client disconnecting abruptly (e.g. an app closing its pool) must not fail the test run.
  server.on('error', () => undefined);
  const port = (server.server.address() as AddressInfo).port;

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    waitFor(match: MailMatch = {}, timeoutMs = 5000): Promise<CapturedMail> {
      const found = messages.find((m) => matches(m, match));
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: CapturedMail) => {
            clearTimeout(timer);
            resolve(mail);
          },
        };
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          const seen = messages.map((m) => `${m.to.join(',')}: ${m.subject}`).join('; ') || 'none';
          reject(
            new Error(
              `No email matching ${JSON.stringify(match, (_k, v: unknown) => (v instanceof RegExp ? String(v) : v))} within ${timeoutMs} ms (received: ${seen})`,
            ),
          );
        }, timeoutMs);
        waiters.push(waiter);
      });
    },
    clear(): void {
      messages.length = 0;
    },
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}
