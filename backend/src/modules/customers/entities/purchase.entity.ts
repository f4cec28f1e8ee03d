import { Column, Entity, Index } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../../database/columns';
import { CustomerRecord } from './customer-record.base';
import { OptionalMoney } from './money.embeddable';
import { LocationRef, TicketDetails, TransactionDetails } from './record-details.embeddable';

/**
 * A ticket bought (OTI customer-account `GET /purchase`). Filtered by `travel-valid-during-from/-to` against
 * `travel_valid_from`/`travel_valid_to` (the travel from/to times).
 */
@Entity('purchases')
@Index('idx_purchases_customer_valid_from', ['customerPk', 'travelValidFrom'])
export class Purchase extends CustomerRecord {
  /** e.g. 'standard', 'first'. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  travelClass: string | null;

  @TimestampColumn()
  bookingTime: Date;

  @Column(() => TransactionDetails)
  transaction: TransactionDetails;

  /** Balance of the customer's stored-value account after the purchase, if the operator keeps one. */
  @Column(() => OptionalMoney)
  accountBalance: OptionalMoney;

  /** Who sold it, e.g. 'website', 'app', 'ticket office', a retailer. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  agent: string | null;

  @Column({ type: 'integer', default: 1 })
  passengerNumber: number;

  /** e.g. 'adult', 'child', 'senior', 'student'. */
  @Column({ type: 'varchar', length: 32, default: 'adult' })
  passengerType: string;

  /** Vehicle (bus fleet number, train service, vessel name) if bound to one. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  vehicle: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  route: string | null;

  @TimestampColumn()
  travelValidFrom: Date;

  @TimestampColumn()
  travelValidTo: Date;

  @Column({ type: 'text', nullable: true })
  conditions: string | null;

  /** Name of the concession applied to the price, if any. */
  @Column({ type: 'varchar', length: 200, nullable: true })
  concession: string | null;

  @Column({ type: 'text', nullable: true })
  restrictions: string | null;

  @Column(() => TicketDetails)
  ticket: TicketDetails;

  @JsonColumn({ nullable: true })
  locationFrom: LocationRef | null;

  @JsonColumn({ nullable: true })
  locationTo: LocationRef | null;

  /** Reserved seat, berth or space, e.g. 'Coach C, seat 42'. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reservedPosition: string | null;

  /** Assistance or other service requested, e.g. 'wheelchair ramp at boarding'. */
  @Column({ type: 'varchar', length: 500, nullable: true })
  serviceRequest: string | null;
}
