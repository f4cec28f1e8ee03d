import { Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { AccountLink } from './account-link.entity';

export const LINK_TOKEN_KINDS = ['request', 'resend'] as const;
/** Why the token was issued: with the request, or by a resend (which supersedes the one before). */
export type LinkTokenKind = (typeof LINK_TOKEN_KINDS)[number];

/**
 * Every token issued for a link, by its SHA-256 only. The link row holds the current one; a token found here but not
 * there was superseded (LINK_TOKEN_SUPERSEDED rather than LINK_TOKEN_UNKNOWN). The rows also count the emails for the
 * request and resend limits (whether or not the target account exists, so the answers cannot tell).
 */
@Entity('account_link_tokens')
@Check('chk_account_link_tokens_kind', `"kind" IN ('request', 'resend')`)
@Index('idx_account_link_tokens_link', ['linkId', 'issuedAt'])
export class AccountLinkToken {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column(uuidColumnOptions())
  linkId: string;

  @ManyToOne(() => AccountLink, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'link_id' })
  link?: Relation<AccountLink>;

  @Column({ type: 'varchar', length: 16 })
  kind: LinkTokenKind;

  @TimestampColumn()
  issuedAt: Date;
}
