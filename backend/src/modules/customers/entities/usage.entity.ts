import { Column, Entity, Index, JoinColumn, ManyToOne, Relation } from 'typeorm';
import { JsonColumn } from '../../../database/columns';
import { CustomerRecord } from './customer-record.base';
import { Money } from './money.embeddable';
import { Purchase } from './purchase.entity';
import { JourneyPoint, LocationRef, TicketDetails, UsageService } from './record-details.embeddable';

/**
 * A journey made (OTI `GET /usage`). Filtered by `usage-occurred-during-from/-to` against
 * `travel_from_time`/`travel_to_time`.
 */
@Entity('usages')
@Index('idx_usages_customer_from_time', ['customerPk', 'travelFrom.time'])
export class Usage extends CustomerRecord {
  /** The operator's reference for the journey (tap, validation or trip id). */
  @Column({ type: 'varchar', length: 64 })
  reference: string;

  @Column({ type: 'varchar', length: 32, nullable: true })
  travelClass: string | null;

  @Column(() => JourneyPoint)
  travelFrom: JourneyPoint;

  @Column(() => JourneyPoint)
  travelTo: JourneyPoint;

  /** The purchase (ticket) the journey used, if known. */
  @Index('idx_usages_purchase')
  @Column({ type: 'integer', nullable: true })
  purchaseId: number | null;

  @ManyToOne(() => Purchase, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'purchase_id' })
  purchase?: Relation<Purchase> | null;

  /** Places the route went via, in order. */
  @JsonColumn({ nullable: true })
  routeVia: LocationRef[] | null;

  /** Places the route avoided. */
  @JsonColumn({ nullable: true })
  routeAvoid: LocationRef[] | null;

  @Column(() => TicketDetails)
  ticket: TicketDetails;

  /** Whether the journey was paid in advance (season ticket, carnet) rather than pay-as-you-go. */
  @Column({ type: 'boolean', default: false })
  prePaid: boolean;

  @Column(() => Money)
  price: Money;

  @JsonColumn()
  services: UsageService[];
}
