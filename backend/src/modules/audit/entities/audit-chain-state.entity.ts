import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns';
import { bigintNumber } from './audit-record.entity';

/** The id of the one chain-state row. */
export const AUDIT_CHAIN_ID = 1;

/**
 * The one row (`id = 1`) describing the audit chain: its head (the last record appended) and its anchor (the last
 * record purged by retention, from which verification starts). Every append locks this row, so writers on several
 * instances take turns and sequence numbers never collide; a purge moves the anchor in the transaction that deletes.
 */
@Entity('audit_chain_state')
export class AuditChainState {
  @PrimaryColumn({ type: 'integer' })
  id: number;

  /** seq of the last record appended (0: none yet). */
  @Column({ type: 'bigint', transformer: bigintNumber })
  headSeq: number;

  @Column({ type: 'varchar', length: 64 })
  headHash: string;

  /** seq of the last record purged (0: none purged); verification starts after it. */
  @Column({ type: 'bigint', transformer: bigintNumber })
  anchorSeq: number;

  /** hash of that record, the `prevHash` the first record kept must carry. */
  @Column({ type: 'varchar', length: 64 })
  anchorHash: string;

  @TimestampColumn()
  updatedAt: Date;
}
