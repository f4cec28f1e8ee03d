import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { JsonColumn, TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { User } from '../../users/entities/user.entity';
import { QUERY_KINDS, type QueryKind, type QueryParams } from '../query-kinds';

export const KIND_CHECK = `"kind" IN (${QUERY_KINDS.map((kind) => `'${kind}'`).join(', ')})`;

/**
 * One query a staff user ran in the query tool: what was asked (kind and normalised params), never the results.
 * A repeat of the user's newest entry within a minute updates `createdAt` and `resultCount` instead of adding a row.
 */
@Entity('query_history')
@Check('chk_query_history_kind', KIND_CHECK)
@Index('idx_query_history_user_created', ['userId', 'createdAt'])
@Index('idx_query_history_created', ['createdAt'])
export class QueryHistoryEntry {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  @Column(uuidColumnOptions())
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  @Column({ type: 'varchar', length: 16 })
  kind: QueryKind;

  @JsonColumn()
  params: QueryParams;

  /** The page's total, a keyset page's item count, 1 for a profile, the list length for modes; NULL if unknown. */
  @Column({ type: 'integer', nullable: true })
  resultCount: number | null;

  /** When the query last ran (set by the application's clock). */
  @TimestampColumn()
  createdAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
