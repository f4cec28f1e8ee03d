import { ApiProperty } from '@nestjs/swagger';

export class QuotaWindowDto {
  @ApiProperty({ example: 120, description: 'Requests allowed in this window' })
  limit: number;

  @ApiProperty({ example: 87, description: 'Requests left in this window, after this one' })
  remaining: number;

  @ApiProperty({ example: 42, description: 'Whole seconds until the window ends and the count starts again' })
  resetSeconds: number;
}

/** The caller's request budget after this request (which counts). Both null when throttling is off. */
export class QuotaDto {
  @ApiProperty({ type: QuotaWindowDto, nullable: true, description: 'The current minute (UTC, clock-aligned)' })
  minute: QuotaWindowDto | null;

  @ApiProperty({ type: QuotaWindowDto, nullable: true, description: 'The current day (UTC midnight to midnight)' })
  day: QuotaWindowDto | null;
}
