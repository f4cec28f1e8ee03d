import { Column, Entity, PrimaryColumn } from 'typeorm';
import { TimestampColumn } from '../../../database/columns';

/**
 * How many entries of a spool segment are already in `audit_records`. Updated in the transaction that appends them,
 * so a replay that stops half-way (crash, outage) resumes after the last committed entry: nothing twice, nothing lost.
 */
@Entity('audit_spool_cursors')
export class AuditSpoolCursor {
  /** The segment's id (a UUID written in its first line). */
  @PrimaryColumn({ type: 'varchar', length: 64 })
  segmentId: string;

  @Column({ type: 'integer' })
  replayed: number;

  @TimestampColumn()
  updatedAt: Date;
}
