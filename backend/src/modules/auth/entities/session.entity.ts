import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { User } from '../../users/entities/user.entity';

export const SESSION_REVOKE_REASONS = [
  'logout',
  'logout-all',
  'password-changed',
  'password-reset',
  'user-disabled',
  'refresh-token-reused',
] as const;
export type SessionRevokeReason = (typeof SESSION_REVOKE_REASONS)[number];

/**
 * A sign-in of a staff user on one device. Access tokens carry its id (`sid`) and the auth guard checks it on every
 * request, so revoking the row ends the session at once. The refresh token is stored only as an HMAC-SHA-256 hash;
 * tokens it replaced are kept in `refresh_tokens` to detect reuse.
 */
@Entity('sessions')
@Index('idx_sessions_user', ['userId'])
export class Session {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  @Column(uuidColumnOptions())
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** Hash of the current refresh token. */
  @Index('uq_sessions_refresh_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  refreshTokenHash: string;

  @CreatedAtColumn()
  createdAt: Date;

  @TimestampColumn()
  lastUsedAt: Date;

  /** Sliding end (idle timeout), never later than `absoluteExpiresAt`. */
  @TimestampColumn()
  expiresAt: Date;

  @TimestampColumn()
  absoluteExpiresAt: Date;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'varchar', length: 32, nullable: true })
  revokeReason: SessionRevokeReason | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  userAgent: string | null;

  @Column({ type: 'varchar', length: 45, nullable: true })
  ip: string | null;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
