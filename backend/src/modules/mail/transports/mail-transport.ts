import type Mail from 'nodemailer/lib/mailer';

/** One email as the outbox worker hands it to a transport. */
export interface OutgoingEmail {
  /** The outbox row id (stable across retries). */
  id: number;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  links: string[];
  createdAt: Date;
}

/** Delivers composed emails: over SMTP, or into .eml files when no SMTP server is configured. */
export interface MailTransport {
  readonly name: 'smtp' | 'eml-file';
  /** Resolves once the message is accepted (SMTP) or written (file); rejects with the failure otherwise. */
  send(email: OutgoingEmail): Promise<void>;
  /** Releases connections; sends in flight are not awaited here (the worker does that). */
  close(): void;
}

/** Nest injection token of the MailTransport chosen from the configuration. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** The domain of a `Name <user@domain>` or `user@domain` sender, for Message-IDs. */
export function senderDomain(from: string): string {
  const match = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from.trim());
  return match?.[1] ?? 'localhost';
}

/**
 * The nodemailer message for an outbox email: MAIL_FROM as sender, text and HTML parts, marked as automatic
 * (`Auto-Submitted`, RFC 3834, so vacation responders stay quiet), and a Message-ID derived from the outbox row, so a
 * message sent twice (a worker died after sending, before recording it) is recognisably the same message.
 */
export function buildMailOptions(email: OutgoingEmail, from: string): Mail.Options {
  return {
    from,
    to: email.to,
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<outbox.${email.id}.${email.createdAt.getTime()}@${senderDomain(from)}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  };
}
