import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Staff shapes of the customer-account records (camelCase). The OTI face serves the same in kebab-case. */

export class MoneyDto {
  @ApiProperty({ example: '8.70', description: 'Decimal string in the currency’s minor-unit precision' })
  amount: string;

  @ApiProperty({ example: 'GBP', description: 'ISO 4217' })
  currency: string;
}

export class RefDto {
  @ApiProperty({ example: '007' })
  id: string;

  @ApiProperty({ example: 'bus', description: 'Mode: its short description; operator: its name' })
  name: string;
}

export class LatLongDto {
  @ApiProperty({ example: 50.7989 })
  latitude: number;

  @ApiProperty({ example: -1.0912 })
  longitude: number;
}

/** A place: any of coordinates, a NaPTAN code and free text (absent keys are omitted). */
export class LocationRefDto {
  @ApiPropertyOptional({ type: LatLongDto })
  latLong?: LatLongDto;

  @ApiPropertyOptional({ example: '9100PMBHHBR', description: 'NaPTAN ATCO code' })
  naptan?: string;

  @ApiPropertyOptional({ example: 'Gunwharf Quays pontoon' })
  other?: string;

  @ApiPropertyOptional({ example: 25, description: 'Accuracy of latLong in metres' })
  accuracy?: number;
}

export class TransactionDto {
  @ApiProperty({ example: '2026-03-01T08:12:00.000Z' })
  time: string;

  @ApiProperty({ example: 'TX-8F3A21' })
  reference: string;

  @ApiProperty({ example: 'purchase' })
  paymentType: string;

  @ApiProperty({ example: 'contactless' })
  paymentMethod: string;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;
}

export class TicketDto {
  @ApiProperty({ type: Number, nullable: true, example: 10, description: 'null = unlimited' })
  numberOfUsages: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'TK-55102' })
  reference: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'barcode' })
  referenceType: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'mobile' })
  medium: string | null;
}

export class PurchaseDto {
  @ApiProperty({ example: 1042 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ type: String, nullable: true, example: 'standard' })
  travelClass: string | null;

  @ApiProperty({ example: '2026-03-01T08:10:00.000Z' })
  bookingTime: string;

  @ApiProperty({ type: TransactionDto })
  transaction: TransactionDto;

  @ApiProperty({ type: MoneyDto, nullable: true, description: 'null when the operator keeps no balance' })
  accountBalance: MoneyDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'app' })
  agent: string | null;

  @ApiProperty({ example: 1 })
  passengerNumber: number;

  @ApiProperty({ example: 'adult' })
  passengerType: string;

  @ApiProperty({ type: String, nullable: true, example: 'Wight Ryder' })
  vehicle: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Portsmouth – Ryde' })
  route: string | null;

  @ApiProperty({ example: '2026-03-02T00:00:00.000Z', description: 'Travel valid from' })
  travelValidFrom: string;

  @ApiProperty({ example: '2026-03-02T23:59:59.000Z', description: 'Travel valid to' })
  travelValidTo: string;

  @ApiProperty({ type: String, nullable: true })
  conditions: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'Name of the concession applied' })
  concession: string | null;

  @ApiProperty({ type: String, nullable: true })
  restrictions: string | null;

  @ApiProperty({ type: TicketDto })
  ticket: TicketDto;

  @ApiProperty({ type: LocationRefDto, nullable: true })
  locationFrom: LocationRefDto | null;

  @ApiProperty({ type: LocationRefDto, nullable: true })
  locationTo: LocationRefDto | null;

  @ApiProperty({ type: String, nullable: true, example: 'Coach C, seat 42' })
  reservedPosition: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'wheelchair ramp at boarding' })
  serviceRequest: string | null;
}

export const DISCOUNT_TYPES = ['percentage', 'amount'] as const;

export class DiscountDto {
  @ApiProperty({ enum: DISCOUNT_TYPES })
  type: (typeof DISCOUNT_TYPES)[number];

  @ApiProperty({
    example: '34',
    description:
      'Decimal string: whole percent for `percentage`, an amount in the price currency for `amount` ("2.50")',
  })
  value: string;

  @ApiProperty({ type: String, nullable: true, example: '1/3 off most rail fares' })
  description: string | null;
}

export class ConcessionDto {
  @ApiProperty({ example: 311 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ example: '16-25 Railcard' })
  name: string;

  @ApiProperty({ type: MoneyDto, description: 'What the concession itself costs' })
  price: MoneyDto;

  @ApiProperty({ type: DiscountDto })
  discount: DiscountDto;

  @ApiProperty({ type: TransactionDto })
  transaction: TransactionDto;

  @ApiProperty({ example: '2026-01-01T00:00:00.000Z' })
  validFrom: string;

  @ApiProperty({ example: '2026-12-31T23:59:59.000Z' })
  validTo: string;

  @ApiProperty({ type: String, nullable: true })
  conditions: string | null;
}

export class JourneyPointDto {
  @ApiProperty({ type: LocationRefDto, nullable: true })
  location: LocationRefDto | null;

  @ApiProperty({ example: '2026-03-02T07:45:00.000Z' })
  time: string;

  @ApiProperty({ type: String, nullable: true, example: '9100PMBHHBR' })
  reference: string | null;
}

export class UsageServiceDto {
  @ApiProperty({ example: 'bike space' })
  type: string;

  @ApiProperty({ example: 'bike' })
  unit: string;

  @ApiProperty({ example: 1 })
  amount: number;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;
}

export class UsageDto {
  @ApiProperty({ example: 2210 })
  id: number;

  @ApiProperty({ type: RefDto })
  mode: RefDto;

  @ApiProperty({ type: RefDto })
  operator: RefDto;

  @ApiProperty({ example: 'TAP-77AC01' })
  reference: string;

  @ApiProperty({ type: String, nullable: true, example: 'standard' })
  travelClass: string | null;

  @ApiProperty({ type: JourneyPointDto })
  travelFrom: JourneyPointDto;

  @ApiProperty({ type: JourneyPointDto })
  travelTo: JourneyPointDto;

  @ApiProperty({ type: Number, nullable: true, example: 1042, description: 'The purchase (ticket) used' })
  purchaseId: number | null;

  @ApiProperty({ type: [LocationRefDto], nullable: true })
  routeVia: LocationRefDto[] | null;

  @ApiProperty({ type: [LocationRefDto], nullable: true })
  routeAvoid: LocationRefDto[] | null;

  @ApiProperty({ type: TicketDto })
  ticket: TicketDto;

  @ApiProperty({ description: 'Paid in advance (season ticket, carnet) rather than pay-as-you-go' })
  prePaid: boolean;

  @ApiProperty({ type: MoneyDto })
  price: MoneyDto;

  @ApiProperty({ type: [UsageServiceDto] })
  services: UsageServiceDto[];
}

abstract class RecordPageDto {
  @ApiProperty({ example: 3, description: 'Matching records over all pages' })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}

export class PurchasePageDto extends RecordPageDto {
  @ApiProperty({ type: [PurchaseDto] })
  items: PurchaseDto[];
}

export class ConcessionPageDto extends RecordPageDto {
  @ApiProperty({ type: [ConcessionDto] })
  items: ConcessionDto[];
}

export class UsagePageDto extends RecordPageDto {
  @ApiProperty({ type: [UsageDto] })
  items: UsageDto[];
}
