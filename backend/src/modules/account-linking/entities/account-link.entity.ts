import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { Customer } from '../../customers/entities/customer.entity';
import { Operator } from '../../operators/entities/operator.entity';

export const LINK_STATUSES = ['pending', 'confirmed', 'declined', 'expired', 'revoked'] as const;
/**
 * pending: waiting for the target account's owner (until `expiresAt`); confirmed: the owner said yes (the source side
 * may read the target's records); declined: the owner said no; expired: nobody answered in time (set by the clean-up,
 * and shown for pending links past `expiresAt` before it runs); revoked: ended by either side.
 */
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Who acted: a staff user or an API client (the principal's kind and id). */
export const LINK_ACTOR_KINDS = ['user', 'apiClient'] as const;
export type LinkActorKind = (typeof LINK_ACTOR_KINDS)[number];

/** The statuses the "one link per pair" rule counts: at most one row per pair of accounts holds one of them. */
export const ACTIVE_LINK_STATUSES: readonly LinkStatus[] = ['pending', 'confirmed'];

/**
 * A request to link a customer account of one operator (the source) with an account of another (the target), and
 * its outcome. The target end is stored as asked (`targetCustomerId`) whether or not such an account exists;
 * `targetCustomerPk` is set only when it does (only then is an email sent, so only then can the link be confirmed).
 *
 * `pairKey` is the same for both directions of a pair of accounts (account-link-tokens.ts `pairKeyOf`); the partial
 * unique index `uq_account_links_active_pair` lets at most one pending or confirmed row exist per pair, enforced by
 * the database on both drivers, so concurrent requests cannot both succeed.
 *
 * Only the SHA-256 of the current emailed token is kept (`tokenHash`); every token ever issued for the link is in
 * `account_link_tokens`, which tells a superseded token from an unknown one and counts the emails for the limits.
 */
@Entity('account_links')
@Check('chk_account_links_status', `"status" IN ('pending', 'confirmed', 'declined', 'expired', 'revoked')`)
@Check('chk_account_links_requested_by_kind', `"requested_by_kind" IN ('user', 'apiClient')`)
@Check('chk_account_links_revoked_by_kind', `"revoked_by_kind" IS NULL OR "revoked_by_kind" IN ('user', 'apiClient')`)
@Index('uq_account_links_active_pair', ['pairKey'], {
  unique: true,
  where: `"status" IN ('pending', 'confirmed')`,
})
@Index('idx_account_links_source', ['sourceOperatorId', 'sourceCustomerId'])
@Index('idx_account_links_target', ['targetOperatorId', 'targetCustomerId'])
@Index('idx_account_links_status_expires', ['status', 'expiresAt'])
export class AccountLink {
  /** Random UUID (never sequential: ids cannot be guessed). */
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  /** SHA-256 (hex) of the sorted pair of ends: the same for a→b and b→a. */
  @Column({ type: 'varchar', length: 64 })
  pairKey: string;

  @Column({ type: 'varchar', length: 16 })
  status: LinkStatus;

  @Column({ type: 'varchar', length: 3 })
  sourceOperatorId: string;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'source_operator_id' })
  sourceOperator?: Relation<Operator>;

  /** The source account's surrogate key (`customers.id`); the link goes when the account does. */
  @Index('idx_account_links_source_customer')
  @Column({ type: 'integer' })
  sourceCustomerPk: number;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'source_customer_pk' })
  sourceCustomer?: Relation<Customer>;

  /** The source operator's account id (as in the API). */
  @Column({ type: 'varchar', length: 32 })
  sourceCustomerId: string;

  @Column({ type: 'varchar', length: 3 })
  targetOperatorId: string;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'target_operator_id' })
  targetOperator?: Relation<Operator>;

  /** The target account's surrogate key, or null when no such account existed when the link was requested. */
  @Index('idx_account_links_target_customer')
  @Column({ type: 'integer', nullable: true })
  targetCustomerPk: number | null;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'target_customer_pk' })
  targetCustomer?: Relation<Customer> | null;

  /** The target account id as the source side asked for it. */
  @Column({ type: 'varchar', length: 32 })
  targetCustomerId: string;

  /** SHA-256 (hex) of the current emailed token; older ones are superseded. */
  @Index('uq_account_links_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  /** When the current token stops working (a pending link is expired from then on). */
  @TimestampColumn()
  expiresAt: Date;

  @Column({ type: 'varchar', length: 16 })
  requestedByKind: LinkActorKind;

  /** The staff user's or API client's id (no foreign key: either table, and the record outlives them). */
  @Column({ type: 'varchar', length: 36 })
  requestedById: string;

  @TimestampColumn()
  requestedAt: Date;

  /** When the latest email was due to go out (the request or the latest resend): the resend cooldown runs from it. */
  @TimestampColumn()
  lastSentAt: Date;

  @Column({ type: 'integer', default: 0 })
  resendCount: number;

  @TimestampColumn({ nullable: true })
  confirmedAt: Date | null;

  /** The client IP of the confirmation (the target account's owner following the emailed link). */
  @Column({ type: 'varchar', length: 45, nullable: true })
  confirmedIp: string | null;

  @TimestampColumn({ nullable: true })
  declinedAt: Date | null;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  revokedByKind: LinkActorKind | null;

  @Column({ type: 'varchar', length: 36, nullable: true })
  revokedById: string | null;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
