import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { extractLinks } from './mail-privacy';
import { MailOutboxRepository } from './mail-outbox.repository';
import { MailOutboxWorker } from './mail-outbox.worker';

/** An email to send. Build `text` and `html` with `renderEmail`. */
export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What the email is for, e.g. `verify-email` (letters, digits, `-`; used in logs and .eml names). */
  kind: string;
  /** The links it carries (logged in development without SMTP); default: every http(s) URL in `text`. */
  links?: string[];
}

const KIND = /^[a-z0-9][a-z0-9-]{0,63}$/;
const MAX_SUBJECT = 300;
const MAX_ADDRESS = 254;

/**
 * The way to send email. `enqueue` only writes the outbox row — in the caller's transaction when `manager` is given,
 * so the email exists exactly when the change that caused it commits — and returns; MailOutboxWorker delivers it
 * asynchronously, with retries (docs/mail.md).
 */
@Injectable()
export class MailService {
  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly worker: MailOutboxWorker,
  ) {}

  async enqueue(message: EmailMessage, manager?: EntityManager): Promise<void> {
    const to = message.to.trim();
    const subject = message.subject.replace(/[\r\n]+/g, ' ').trim();
    if (!to.includes('@') || to.length > MAX_ADDRESS || /[\s,;<>]/.test(to))
      throw new Error('MailService.enqueue: `to` must be one email address');
    if (!subject || subject.length > MAX_SUBJECT)
      throw new Error(`MailService.enqueue: subject must have 1-${MAX_SUBJECT} characters`);
    if (!KIND.test(message.kind))
      throw new Error('MailService.enqueue: kind must be lower-case letters, digits and dashes');

    await this.outbox.add({ ...message, to, subject, links: message.links ?? extractLinks(message.text) }, manager);

    const runner = manager?.queryRunner;
    if (runner?.isTransactionActive) this.worker.wakeAfterCommit(runner);
    else this.worker.wake();
  }
}
