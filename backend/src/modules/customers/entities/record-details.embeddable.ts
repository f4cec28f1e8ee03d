import { Column } from 'typeorm';
import { JsonColumn, TimestampColumn } from '../../../database/columns';
import { Money } from './money.embeddable';

/**
 * Value objects shared by the customer-account records (purchases, concessions, usages). Each is embedded into the
 * record's table with a snake_case prefix, e.g. `transaction.price.amount` → column `transaction_price_amount`.
 */

/** A place as the OTI records give it: coordinates, a NaPTAN stop code and/or free text, with an accuracy. */
export interface LocationRef {
  latLong?: { latitude: number; longitude: number };
  /** NaPTAN ATCO code of a stop or station, e.g. '9100MNCRPIC'. */
  naptan?: string;
  /** Free-text place when neither coordinates nor NaPTAN fit. */
  other?: string;
  /** Accuracy of `latLong` in metres. */
  accuracy?: number;
}

/** One extra service consumed on a journey (e.g. bike space): `amount` units of `unit`, at `price` in total. */
export interface UsageService {
  type: string;
  unit: string;
  amount: number;
  price: { amount: number; currency: string };
}

/** The payment of a purchase or concession. */
export class TransactionDetails {
  @TimestampColumn()
  time: Date;

  @Column({ type: 'varchar', length: 64 })
  reference: string;

  /** e.g. 'purchase', 'refund', 'top-up'. */
  @Column({ type: 'varchar', length: 32 })
  paymentType: string;

  /** e.g. 'card', 'contactless', 'cash', 'account'. */
  @Column({ type: 'varchar', length: 32 })
  paymentMethod: string;

  @Column(() => Money)
  price: Money;
}

/** The ticket behind a purchase or usage. */
export class TicketDetails {
  @Column({ type: 'integer', nullable: true })
  numberOfUsages: number | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;

  /** e.g. 'barcode', 'smartcard', 'eticket'. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  referenceType: string | null;

  /** e.g. 'mobile', 'paper', 'smartcard'. */
  @Column({ type: 'varchar', length: 32, nullable: true })
  medium: string | null;
}

/** The discount a concession grants. `value` is whole percent for 'percentage', minor units for 'amount'. */
export class DiscountDetails {
  @Column({ type: 'varchar', length: 16 })
  type: 'percentage' | 'amount';

  @Column({ type: 'integer' })
  value: number;

  @Column({ type: 'varchar', length: 200, nullable: true })
  description: string | null;
}

/** Where and when a journey started or ended. */
export class JourneyPoint {
  @JsonColumn({ nullable: true })
  location: LocationRef | null;

  @TimestampColumn()
  time: Date;

  /** The operator's reference for the stop or gate, e.g. a NaPTAN code or a validator id. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  reference: string | null;
}
