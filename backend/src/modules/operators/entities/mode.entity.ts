import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One of the 16 fixed OTI transport modes (`001` on foot … `016` suspended cable car). */
@Entity('modes')
export class Mode {
  /** Three-digit OTI mode id, '001'…'016'. */
  @PrimaryColumn({ type: 'varchar', length: 3 })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  shortDesc: string;

  @Column({ type: 'varchar', length: 500 })
  longDesc: string;
}
