import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Relation } from 'typeorm';
import { CreatedAtColumn } from '../../../database/columns';
import { Operator } from '../../operators/entities/operator.entity';
import { PostalAddress } from './postal-address.embeddable';

/**
 * A customer account held with one operator. `customerId` is the operator's own account id (the API's
 * `filterString`), unique within the operator; `id` is the internal surrogate key that records point at.
 */
@Entity('customers')
@Index('uq_customers_operator_customer', ['operatorId', 'customerId'], { unique: true })
// Staff search (customer-search.ts), PostgreSQL only: created by the hand-written migration CustomerSearchIndexes
// (trigram GIN on expressions, INCLUDE columns: beyond what the schema builder describes), so `synchronize: false`
// keeps the builder from creating or dropping them. See docs/data-model.md.
@Index('idx_customers_name_trgm', { synchronize: false })
@Index('idx_customers_email_trgm', { synchronize: false })
@Index('idx_customers_customer_id_lower', { synchronize: false })
@Index('idx_customers_name_order', { synchronize: false })
@Index('idx_customers_operator_name_order', { synchronize: false })
export class Customer {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 3 })
  operatorId: string;

  @ManyToOne(() => Operator, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'operator_id' })
  operator?: Relation<Operator>;

  /** The operator's account id, e.g. 'C000123'. */
  @Column({ type: 'varchar', length: 32 })
  customerId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  phone: string | null;

  /** ISO date 'YYYY-MM-DD'. */
  @Column({ type: 'date', nullable: true })
  dateOfBirth: string | null;

  @Column(() => PostalAddress)
  address: PostalAddress;

  @CreatedAtColumn()
  createdAt: Date;
}
