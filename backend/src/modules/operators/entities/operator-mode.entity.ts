import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn, Relation } from 'typeorm';
import { Mode } from './mode.entity';
import { Operator } from './operator.entity';

/** A mode an operator runs; `position` (1-based) keeps the catalogue order. */
@Entity('operator_modes')
export class OperatorMode {
  @PrimaryColumn({ type: 'varchar', length: 3 })
  operatorId: string;

  /** Indexed for "operators running mode X" filters. */
  @Index('idx_operator_modes_mode')
  @PrimaryColumn({ type: 'varchar', length: 3 })
  modeId: string;

  @Column({ type: 'integer' })
  position: number;

  @ManyToOne(() => Operator, (o) => o.modes, { onDelete: 'CASCADE', orphanedRowAction: 'delete' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<Operator>;

  @ManyToOne(() => Mode, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mode_id' })
  mode?: Relation<Mode>;
}
