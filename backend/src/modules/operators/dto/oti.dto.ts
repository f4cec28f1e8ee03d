import { ApiProperty } from '@nestjs/swagger';

/** Swagger shapes of the OTI operator-info API 1.1.0 (kebab-case, as the spec). */
export class OtiModeDto {
  @ApiProperty({ example: '010' })
  id: string;

  @ApiProperty({ name: 'short-desc', example: 'train' })
  'short-desc': string;

  @ApiProperty({ name: 'long-desc', example: 'includes intercity, Eurostar / TGV, etc.' })
  'long-desc': string;
}

export class OtiRelValDto {
  @ApiProperty({ example: 'urn:X-opentransport:rels:hasId' })
  rel: string;

  @ApiProperty({ example: '002' })
  val: string;
}

export class OtiItemDto {
  @ApiProperty({
    example: 'https://opentransport.c2c-online.co.uk/',
    description: "The operator's customer-account API",
  })
  href: string;

  @ApiProperty({ name: 'item-metadata', type: [OtiRelValDto] })
  'item-metadata': OtiRelValDto[];
}

export class OtiCatalogueDto {
  @ApiProperty({ name: 'catalogue-metadata', type: [OtiRelValDto] })
  'catalogue-metadata': OtiRelValDto[];

  @ApiProperty({ type: [OtiItemDto] })
  items: OtiItemDto[];
}
