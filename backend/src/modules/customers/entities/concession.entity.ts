import { Column, Entity, Index } from 'typeorm';
import { TimestampColumn } from '../../../database/columns';
import { CustomerRecord } from './customer-record.base';
import { Money } from './money.embeddable';
import { DiscountDetails, TransactionDetails } from './record-details.embeddable';

/**
 * A discount entitlement held (OTI `GET /concession`), e.g. a railcard. Filtered by
 * `concession-valid-during-from/-to` against `valid_from`/`valid_to`.
 */
@Entity('concessions')
@Index('idx_concessions_customer_valid_from', ['customerPk', 'validFrom'])
export class Concession extends CustomerRecord {
  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** What the concession itself costs. */
  @Column(() => Money)
  price: Money;

  @Column(() => DiscountDetails)
  discount: DiscountDetails;

  @Column(() => TransactionDetails)
  transaction: TransactionDetails;

  @TimestampColumn()
  validFrom: Date;

  @TimestampColumn()
  validTo: Date;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;
}
