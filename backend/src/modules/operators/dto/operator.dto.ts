import { ApiProperty } from '@nestjs/swagger';
import { OPERATOR_KINDS, OperatorKind } from '../entities/operator.entity';

export class OperatorModeDto {
  @ApiProperty({ example: '010' })
  id: string;

  @ApiProperty({ example: 'train' })
  shortDesc: string;
}

export class OperatorDto {
  @ApiProperty({ example: '002', description: "Three-digit OTI operator id ('000'…'999')" })
  id: string;

  @ApiProperty({ example: 'ScotRail' })
  name: string;

  @ApiProperty({ enum: OPERATOR_KINDS })
  kind: OperatorKind;

  @ApiProperty({ example: 'www.scotrail.co.uk/', description: 'As published (may lack a scheme)' })
  homepage: string;

  @ApiProperty({
    example: 'https://api.scotrail.co.uk/oti/',
    description:
      "The operator's customer-account API (catalogue href): this hub's `/api/oti/v1/accounts/{id}` when " +
      'accountsHosted, otherwise the URL the operator published',
  })
  customerAccountUrl: string;

  @ApiProperty({ example: false, description: "Whether this hub serves the operator's customer accounts" })
  accountsHosted: boolean;

  @ApiProperty({ example: 'contact@scotrail.example', description: "'' when unknown" })
  email: string;

  @ApiProperty({ example: '0344 811 0141', description: "'' when unknown" })
  phone: string;

  @ApiProperty({ example: 'en', description: 'ISO 639-1' })
  defaultLanguage: string;

  @ApiProperty({ type: [OperatorModeDto], description: "In the operator's order" })
  modes: OperatorModeDto[];

  @ApiProperty({ type: [String], example: ['https://mipta.scotrail.co.uk/'] })
  miptaUrls: string[];

  @ApiProperty({ example: '2026-11-23T10:00:00.000Z' })
  updatedAt: string;
}

export class OperatorPageDto {
  @ApiProperty({ type: [OperatorDto] })
  items: OperatorDto[];

  @ApiProperty({ example: 31, description: 'Matches over all pages' })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}
