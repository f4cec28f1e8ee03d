import type { LoggerService } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { parseConnectionUrl } from 'nodemailer/lib/shared';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { describeSendError } from '../retry-policy';
import { buildMailOptions, MailTransport, OutgoingEmail } from './mail-transport';

/**
 * Defaults for the pooled SMTP connection. A query string on SMTP_URL overrides them
 * (e.g. `smtp://host:587/?socketTimeout=60000&tls.rejectUnauthorized=false`).
 */
export const SMTP_DEFAULTS = {
  pool: true,
  maxConnections: 3,
  /** Milliseconds to establish the TCP connection. */
  connectionTimeout: 10_000,
  /** Milliseconds from connection to the server's greeting. */
  greetingTimeout: 10_000,
  /** Milliseconds of inactivity on an open connection. */
  socketTimeout: 30_000,
} as const;

/** The nodemailer options for SMTP_URL: the defaults above, then whatever the URL says. */
export function smtpOptions(url: string): SMTPPool.Options {
  return { ...SMTP_DEFAULTS, ...parseConnectionUrl(url), pool: true };
}

/** Sends through the SMTP server of SMTP_URL over a small connection pool. */
export class SmtpMailTransport implements MailTransport {
  readonly name = 'smtp';
  private readonly transporter: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    logger: LoggerService,
  ) {
    this.transporter = createTransport(smtpOptions(url));
    // An idle pooled connection can fail (server restart); without a listener that would crash the process.
    this.transporter.on('error', (error) => {
      logger.warn(`SMTP connection error: ${describeSendError(error)}`);
    });
  }

  async send(email: OutgoingEmail): Promise<void> {
    await this.transporter.sendMail(buildMailOptions(email, this.from));
  }

  close(): void {
    this.transporter.close();
  }
}
