import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { User } from '../../users/entities/user.entity';

export const EMAIL_TOKEN_PURPOSES = ['verify-email', 'invitation', 'password-reset'] as const;
export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number];

/** A one-time token sent by email. Only its SHA-256 hash is stored; it works for one purpose, once, until it expires. */
@Entity('email_tokens')
@Check('chk_email_tokens_purpose', `"purpose" IN ('verify-email', 'invitation', 'password-reset')`)
@Index('idx_email_tokens_user', ['userId'])
export class EmailToken {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  @Column(uuidColumnOptions())
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 32 })
  purpose: EmailTokenPurpose;

  @Index('uq_email_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn({ nullable: true })
  usedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
