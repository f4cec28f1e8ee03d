import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, TimestampColumn } from '../../../database/columns';

export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
/**
 * pending: waiting for its `nextAttemptAt`; sending: claimed by a worker until `lockedUntil` (a worker that dies
 * mid-send leaves it claimable again after that); sent / failed: final.
 */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * An email waiting to be sent, or the record of one that was. Written in the caller's transaction by
 * `MailService.enqueue`, delivered by the outbox worker (see docs/mail.md). Bodies and links carry one-time tokens,
 * so they are cleared once the message reaches a final status.
 */
@Entity('mail_outbox')
@Check('chk_mail_outbox_status', `"status" IN ('pending', 'sending', 'sent', 'failed')`)
@Index('idx_mail_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn()
  id: number;

  /** What the email is for, e.g. `verify-email`, `password-reset` (logs and .eml file names). */
  @Column({ type: 'varchar', length: 64 })
  kind: string;

  @Column({ type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 300 })
  subject: string;

  @Column({ type: 'text' })
  textBody: string;

  @Column({ type: 'text' })
  htmlBody: string;

  /** The links the email carries, logged in development when no SMTP server is configured. */
  @JsonColumn({ nullable: true })
  links: string[] | null;

  @Column({ type: 'varchar', length: 16, default: 'pending' })
  status: OutboxStatus;

  /** Delivery attempts made so far (failed ones and the successful one). */
  @Column({ type: 'integer', default: 0 })
  attempts: number;

  /** Not sent before this time (now at enqueue; later after a failure, with backoff). */
  @TimestampColumn()
  nextAttemptAt: Date;

  /** While `status = 'sending'`: the claim expires at this time. */
  @TimestampColumn({ nullable: true })
  lockedUntil: Date | null;

  /** The last delivery error, shortened (SMTP response code and text, never credentials). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  lastError: string | null;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn({ nullable: true })
  sentAt: Date | null;
}
