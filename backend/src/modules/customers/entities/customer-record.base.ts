import { Column, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { Mode } from '../../operators/entities/mode.entity';
import { Operator } from '../../operators/entities/operator.entity';
import { Customer } from './customer.entity';

/**
 * Columns every customer-account record (purchase, concession, usage) has: the owning customer account and the
 * mode and operator of the travel. The operator is usually the account's operator but need not be (through tickets).
 * Deleting a customer deletes its records; modes and operators that records use cannot be deleted.
 */
export abstract class CustomerRecord {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  /** `customers.id` (the surrogate key, not the operator's customer id). */
  @Column({ type: 'integer' })
  customerPk: number;

  @ManyToOne(() => Customer, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'customer_pk' })
  customer?: Relation<Customer>;

  @Column({ type: 'varchar', length: 3 })
  modeId: string;

  @ManyToOne(() => Mode, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'mode_id' })
  mode?: Relation<Mode>;

  @Column({ type: 'varchar', length: 3 })
  operatorId: string;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<Operator>;
}
