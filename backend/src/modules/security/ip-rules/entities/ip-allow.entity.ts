import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { CreatedAtColumn, TimestampColumn, uuidColumnOptions } from '../../../../database/columns';
import { User } from '../../../users/entities/user.entity';

/**
 * An address or CIDR range that is never banned automatically (office networks, partners' gateways, monitoring).
 * An admin's explicit block still applies to it.
 */
@Entity('ip_allows')
export class IpAllow {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  /** Canonical text (see ip-range.ts). */
  @Column({ type: 'varchar', length: 64 })
  range: string;

  @Column({ type: 'varchar', length: 200 })
  reason: string;

  @Index('idx_ip_allows_expires_at')
  @TimestampColumn({ nullable: true })
  expiresAt: Date | null;

  @Column({ ...uuidColumnOptions(), nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;

  @CreatedAtColumn()
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
