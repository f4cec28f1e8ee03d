import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { OutboxMessage } from '../../../src/modules/mail/entities/outbox-message.entity';
import { EmailMessage } from '../../../src/modules/mail/mail.service';
import { renderEmail } from '../../../src/modules/mail/render-email';
import type { TestApp } from '../../support/test-app';

/**
 * A unique recipient per call: every app instance of a run shares one database, so a worker may also deliver
 * messages another test left behind; tests only look at their own recipients.
 */
export const uniqueAddress = (label = 'mail') => `${label}.${randomBytes(4).toString('hex')}@example.org`;

/** An email as the auth module would enqueue it, with overridable parts. */
export function emailFactory(overrides: Partial<EmailMessage> = {}): EmailMessage {
  const { text, html } = renderEmail({
    heading: 'Confirm your email address',
    paragraphs: ['Hello <Ada> & welcome.'],
    action: { label: 'Verify email', url: 'https://hub.example.org/verify-email?token=abc123' },
    footer: 'The link expires in 24 hours.',
  });
  return { to: uniqueAddress(), subject: 'Confirm your email address', text, html, kind: 'verify-email', ...overrides };
}

export const outboxRows = (t: TestApp, to: string) =>
  t.app
    .get(DataSource)
    .getRepository(OutboxMessage)
    .find({ where: { toAddress: to }, order: { id: 'ASC' } });

/** Polls `probe` until it returns a truthy value, or fails after `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined | null | false>, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface TempDir {
  dir: string;
  remove(): void;
}

export function createTempDir(prefix: string): TempDir {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
