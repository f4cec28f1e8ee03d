import { randomUUID } from 'node:crypto';
import { BeforeInsert, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import type { ApiScope } from '../../../common/auth/scopes';
import { CreatedAtColumn, JsonColumn, TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { Operator } from '../../operators/entities/operator.entity';
import { User } from '../../users/entities/user.entity';

/**
 * An application allowed to call the API with a key (`X-API-Key: oth_<prefix>_<secret>`). The key is shown once;
 * only its SHA-256 hash is stored, and its prefix identifies it in lists and logs.
 */
@Entity('api_clients')
export class ApiClient {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Index('uq_api_clients_key_prefix', { unique: true })
  @Column({ type: 'varchar', length: 8 })
  keyPrefix: string;

  @Column({ type: 'varchar', length: 64 })
  keyHash: string;

  @JsonColumn()
  scopes: ApiScope[];

  /** The operator whose customer accounts the client may read (customer-account scopes). */
  @Column({ type: 'varchar', length: 3, nullable: true })
  operatorId: string | null;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT', nullable: true })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<Operator> | null;

  @Column({ ...uuidColumnOptions(), nullable: true })
  createdById: string | null;

  @ManyToOne(() => User, { onDelete: 'SET NULL', nullable: true })
  @JoinColumn({ name: 'created_by_id' })
  createdBy?: Relation<User> | null;

  @TimestampColumn({ nullable: true })
  expiresAt: Date | null;

  /** Requests per UTC day; NULL: the default (THROTTLE_CLIENT_PER_DAY). */
  @Column({ type: 'integer', nullable: true })
  dailyLimit: number | null;

  @TimestampColumn({ nullable: true })
  revokedAt: Date | null;

  @TimestampColumn({ nullable: true })
  lastUsedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
