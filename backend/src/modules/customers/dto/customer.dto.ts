import { ApiProperty } from '@nestjs/swagger';

/** One search hit. `email` is masked for API clients without `customer-account:pii`. */
export class CustomerSummaryDto {
  @ApiProperty({ example: '029', description: 'The operator holding the account' })
  operatorId: string;

  @ApiProperty({ example: 'PSD Buses' })
  operatorName: string;

  @ApiProperty({ example: 'C000042', description: "The operator's customer id (OTI filterString)" })
  customerId: string;

  @ApiProperty({ example: 'Jane Doe' })
  name: string;

  @ApiProperty({ example: 'jane.doe42@example.com', description: 'Masked (`j***@example.com`) without PII scope' })
  email: string;
}

export class AddressDto {
  @ApiProperty({ type: String, nullable: true, example: '12 Harbour Road' })
  line1: string | null;

  @ApiProperty({ type: String, nullable: true, example: null })
  line2: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Portsmouth' })
  city: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'PO1 2AB' })
  postcode: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'GB', description: 'ISO 3166-1 alpha-2' })
  country: string | null;
}

/** A customer profile. Personal fields are masked when `piiMasked`. */
export class CustomerDto extends CustomerSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '07700 900123', description: 'Masked: `***23`' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, example: '1984-06-30', description: 'YYYY-MM-DD; null when masked' })
  dateOfBirth: string | null;

  @ApiProperty({ type: AddressDto, nullable: true, description: 'null when masked' })
  address: AddressDto | null;

  @ApiProperty({ example: '2026-01-15T09:30:00.000Z' })
  createdAt: string;

  @ApiProperty({ description: 'True when email, phone, dateOfBirth and address are masked' })
  piiMasked: boolean;
}

export class CustomerSearchPageDto {
  @ApiProperty({ type: [CustomerSummaryDto] })
  items: CustomerSummaryDto[];

  @ApiProperty({ example: 20 })
  pageSize: number;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Pass as `cursor` for the next page; null on the last page',
  })
  nextCursor: string | null;
}
