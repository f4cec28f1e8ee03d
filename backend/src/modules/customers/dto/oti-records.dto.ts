import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DISCOUNT_TYPES, LatLongDto, MoneyDto, RefDto, UsageServiceDto } from './customer-records.dto';

/**
 * Swagger shapes of the OTI customer-account records: the staff records (customer-records.dto.ts) with every key in
 * kebab-case (`travelValidFrom` → `travel-valid-from`). Keys without a hyphen (amount, currency, id, name, latitude,
 * longitude, type, unit, price) are shared with the staff shapes.
 */

export class OtiLocationRefDto {
  @ApiPropertyOptional({ name: 'lat-long', type: LatLongDto })
  'lat-long'?: LatLongDto;

  @ApiPropertyOptional({ example: '9100PMBHHBR' })
  naptan?: string;

  @ApiPropertyOptional({ example: 'Gunwharf Quays pontoon' })
  other?: string;

  @ApiPropertyOptional({ example: 25 })
  accuracy?: number;
}

export class OtiTransactionDto {
  @ApiProperty({ example: '2026-03-01T08:12:00.000Z' })
  time: string;

  @ApiProperty({ example: 'TX-8F3A21' })
  reference: string;

  @ApiProperty({ name: 'payment-type', example: 'purchase' })
  'payment-type': string;

  @ApiProperty({ name: 'payment-method', example: 'contactless' })
  'payment-method': string;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;
}

export class OtiTicketDto {
  @ApiProperty({ name: 'number-of-usages', type: Number, nullable: true, description: 'null = unlimited' })
  'number-of-usages': number | null;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;

  @ApiProperty({ name: 'reference-type', type: String, nullable: true, example: 'barcode' })
  'reference-type': string | null;

  @ApiProperty({ type: String, nullable: true, example: 'mobile' })
  medium: string | null;
}

export class OtiPurchaseDto {
  @ApiProperty({ example: 1042 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ name: 'travel-class', type: String, nullable: true })
  'travel-class': string | null;

  @ApiProperty({ name: 'booking-time', example: '2026-03-01T08:10:00.000Z' })
  'booking-time': string;

  @ApiProperty({ type: OtiTransactionDto })
  transaction: OtiTransactionDto;

  @ApiProperty({ name: 'account-balance', type: MoneyDto, nullable: true })
  'account-balance': MoneyDto | null;

  @ApiProperty({ type: String, nullable: true })
  agent: string | null;

  @ApiProperty({ name: 'passenger-number', example: 1 })
  'passenger-number': number;

  @ApiProperty({ name: 'passenger-type', example: 'adult' })
  'passenger-type': string;

  @ApiProperty({ type: String, nullable: true })
  vehicle: string | null;

  @ApiProperty({ type: String, nullable: true })
  route: string | null;

  @ApiProperty({ name: 'travel-valid-from', example: '2026-03-02T00:00:00.000Z' })
  'travel-valid-from': string;

  @ApiProperty({ name: 'travel-valid-to', example: '2026-03-02T23:59:59.000Z' })
  'travel-valid-to': string;

  @ApiProperty({ type: String, nullable: true })
  conditions: string | null;

  @ApiProperty({ type: String, nullable: true })
  concession: string | null;

  @ApiProperty({ type: String, nullable: true })
  restrictions: string | null;

  @ApiProperty({ type: OtiTicketDto })
  ticket: OtiTicketDto;

  @ApiProperty({ name: 'location-from', type: OtiLocationRefDto, nullable: true })
  'location-from': OtiLocationRefDto | null;

  @ApiProperty({ name: 'location-to', type: OtiLocationRefDto, nullable: true })
  'location-to': OtiLocationRefDto | null;

  @ApiProperty({ name: 'reserved-position', type: String, nullable: true })
  'reserved-position': string | null;

  @ApiProperty({ name: 'service-request', type: String, nullable: true })
  'service-request': string | null;
}

export class OtiDiscountDto {
  @ApiProperty({ enum: DISCOUNT_TYPES })
  type: (typeof DISCOUNT_TYPES)[number];

  @ApiProperty({ example: '34', description: 'Whole percent, or an amount in the price currency ("2.50")' })
  value: string;

  @ApiProperty({ type: String, nullable: true })
  description: string | null;
}

export class OtiConcessionDto {
  @ApiProperty({ example: 311 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ example: '16-25 Railcard' })
  name: string;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;

  @ApiProperty({ type: OtiDiscountDto })
  discount: OtiDiscountDto;

  @ApiProperty({ type: OtiTransactionDto })
  transaction: OtiTransactionDto;

  @ApiProperty({ name: 'valid-from', example: '2026-01-01T00:00:00.000Z' })
  'valid-from': string;

  @ApiProperty({ name: 'valid-to', example: '2026-12-31T23:59:59.000Z' })
  'valid-to': string;

  @ApiProperty({ type: String, nullable: true })
  conditions: string | null;
}

export class OtiJourneyPointDto {
  @ApiProperty({ type: OtiLocationRefDto, nullable: true })
  location: OtiLocationRefDto | null;

  @ApiProperty({ example: '2026-03-02T07:45:00.000Z' })
  time: string;

  @ApiProperty({ type: String, nullable: true })
  reference: string | null;
}

export class OtiUsageDto {
  @ApiProperty({ example: 2210 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ example: 'TAP-77AC01' })
  reference: string;

  @ApiProperty({ name: 'travel-class', type: String, nullable: true })
  'travel-class': string | null;

  @ApiProperty({ name: 'travel-from', type: OtiJourneyPointDto })
  'travel-from': OtiJourneyPointDto;

  @ApiProperty({ name: 'travel-to', type: OtiJourneyPointDto })
  'travel-to': OtiJourneyPointDto;

  @ApiProperty({ name: 'purchase-id', type: Number, nullable: true })
  'purchase-id': number | null;

  @ApiProperty({ name: 'route-via', type: [OtiLocationRefDto], nullable: true })
  'route-via': OtiLocationRefDto[] | null;

  @ApiProperty({ name: 'route-avoid', type: [OtiLocationRefDto], nullable: true })
  'route-avoid': OtiLocationRefDto[] | null;

  @ApiProperty({ type: OtiTicketDto })
  ticket: OtiTicketDto;

  @ApiProperty({ name: 'pre-paid' })
  'pre-paid': boolean;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;

  @ApiProperty({ type: [UsageServiceDto] })
  services: UsageServiceDto[];
}
