import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { LoggerService } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import type StreamTransport from 'nodemailer/lib/stream-transport';
import { extractLinks, maskEmailAddress } from '../mail-privacy';
import { buildMailOptions, MailTransport, OutgoingEmail } from './mail-transport';

/** `2025-06-01T09-30-00-123Z-verify-email-42.eml`: sorts by time, readable, safe on every file system. */
export function emlFileName(email: Pick<OutgoingEmail, 'id' | 'kind'>, at = new Date()): string {
  const stamp = at.toISOString().replace(/[:.]/g, '-');
  const kind = email.kind.replace(/[^A-Za-z0-9-]+/g, '_').slice(0, 64) || 'mail';
  return `${stamp}-${kind}-${email.id}.eml`;
}

export interface EmlFileTransportOptions {
  dir: string;
  from: string;
  /** Log the links each email carries (development only: they hold one-time tokens). */
  logLinks: boolean;
}

/**
 * Without SMTP_URL no email leaves the machine: each one is composed exactly as it would be sent and written as an
 * RFC 822 `.eml` file into MAIL_DIR (readable by any mail client), owner-only because links carry tokens. In
 * development the links are also logged, so a developer can follow a verification link from the terminal.
 */
export class EmlFileMailTransport implements MailTransport {
  readonly name = 'eml-file';
  private readonly composer: Transporter<StreamTransport.SentMessageInfo>;

  constructor(
    private readonly options: EmlFileTransportOptions,
    private readonly logger: LoggerService,
  ) {
    this.composer = createTransport({ streamTransport: true, buffer: true });
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = await this.composer.sendMail(buildMailOptions(email, this.options.from));
    await mkdir(this.options.dir, { recursive: true, mode: 0o700 });
    const file = join(this.options.dir, emlFileName(email));
    await writeFile(file, info.message as Buffer, { mode: 0o600 });

    const to = maskEmailAddress(email.to);
    if (this.options.logLinks) {
      const links = email.links.length > 0 ? email.links : extractLinks(email.text);
      for (const link of links) this.logger.log(`Email to ${to} (${email.kind}): ${link}`);
      this.logger.log(`Email to ${to} (${email.kind}) written to ${resolve(file)}`);
    } else {
      this.logger.debug?.(`Email ${email.id} (${email.kind}) to ${to} written to ${file}`);
    }
  }

  close(): void {
    this.composer.close();
  }
}
