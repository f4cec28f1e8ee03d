import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Operator } from './operator.entity';

/** One MIPTA URL of an operator; `position` (1-based) keeps the catalogue order. */
@Entity('operator_mipta_urls')
export class OperatorMiptaUrl {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  operatorId: string;

  @PrimaryColumn({ type: 'integer' })
  position: number;

  @Column({ type: 'varchar', length: 500 })
  url: string;

  @ManyToOne(() => Operator, (o) => o.miptaUrls, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<Operator>;
}
