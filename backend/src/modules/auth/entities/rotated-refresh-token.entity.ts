import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { Session } from './session.entity';

/**
 * A refresh token that was rotated away. Presenting one again means it was copied: the whole session is revoked
 * (reuse detection). Rows go with their session.
 */
@Entity('refresh_tokens')
export class RotatedRefreshToken {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('idx_refresh_tokens_session')
  @Column(uuidColumnOptions())
  sessionId: string;

  @ManyToOne(() => Session, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'session_id' })
  session?: Relation<Session>;

  @Index('uq_refresh_tokens_token_hash', { unique: true })
  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @TimestampColumn()
  rotatedAt: Date;
}
