import { randomUUID } from 'node:crypto';
import { BeforeInsert, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { JsonColumn, TimestampColumn, uuidColumnOptions } from '../../../database/columns';
import { User } from '../../users/entities/user.entity';
import type { QueryKind, QueryParams } from '../query-kinds';
import { KIND_CHECK } from './query-history-entry.entity';

/** Names are compared ignoring case: the key both drivers index the same way (the name in lower case). */
export const favouriteNameKey = (name: string): string => name.toLowerCase();

/** A query a staff user saved under a name: the query only, never its results. */
@Entity('favourites')
@Check('chk_favourites_kind', KIND_CHECK)
@Index('uq_favourites_user_name', ['userId', 'nameKey'], { unique: true })
export class Favourite {
  @PrimaryColumn(uuidColumnOptions())
  id: string;

  @Column(uuidColumnOptions())
  userId: string;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'user_id' })
  user?: Relation<User>;

  /** As the user wrote it (trimmed), 1–100 characters. */
  @Column({ type: 'varchar', length: 100 })
  name: string;

  /** `favouriteNameKey(name)`: unique per user, and the list's order. Lower-casing may lengthen a name, hence 300. */
  @Column({ type: 'varchar', length: 300 })
  nameKey: string;

  @Column({ type: 'varchar', length: 16 })
  kind: QueryKind;

  @JsonColumn()
  params: QueryParams;

  @TimestampColumn()
  createdAt: Date;

  @TimestampColumn()
  updatedAt: Date;

  @BeforeInsert()
  protected assignId(): void {
    this.id ??= randomUUID();
  }
}
