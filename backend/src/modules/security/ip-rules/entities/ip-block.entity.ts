import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumnOptions } from '../../../../database/columns';
import { User } from '../../../users/entities/user.entity';

/**
 * A blocked IPv4/IPv6 address or CIDR range: requests from it get 403 IP_BLOCKED before any other work. Added by an
 * admin, or automatically (`auto`) for a while after too many failed sign-ins, refusals or invalid tokens.
 */
@Entity('ip_blocks')
export class IpBlock {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  /** Canonical text (see ip-range.ts): `203.0.113.7`, `203.0.113.0/24`, `2001:db8::/32`. */
  @Column({ type: 'varchar', length: 64 })
  range: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  /** NULL: until removed. Expired rows stop applying at once and are deleted by the clean-up. */
  @Index('idx_ip_blocks_expires_at')
  @TimestampColumn({ nullable: true })
  expiresAt: Date | null;

  /** The admin who added it; NULL for automatic bans (and once that user is deleted). */
  @Column({ ...uuidColumnOptions(), nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;

  /** True for an automatic ban. */
  @Column({ type: 'boolean', default: false })
  auto: boolean;

  @CreatedAtColumn()
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
