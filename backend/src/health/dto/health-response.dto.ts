import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class DatabaseHealthDto {
  @ApiProperty({ enum: ['up', 'down'], example: 'up' })
  status: 'up' | 'down';

  @ApiProperty({ enum: ['sqlite', 'postgres'], example: 'sqlite' })
  type: 'sqlite' | 'postgres';

  @ApiPropertyOptional({
    example: 1.2,
    description: 'Round trip of the last `SELECT 1` in milliseconds (when up); a ping result is reused for up to 1 s',
  })
  latencyMs?: number;
}

export class HealthResponseDto {
  @ApiProperty({
    enum: ['ok', 'degraded'],
    example: 'ok',
    description: '`degraded` (HTTP 503) when the database is down',
  })
  status: 'ok' | 'degraded';

  @ApiProperty({ example: '0.1.0' })
  version: string;

  @ApiProperty({ example: 3600, description: 'Seconds since the process started' })
  uptimeSeconds: number;

  @ApiProperty({ type: DatabaseHealthDto })
  database: DatabaseHealthDto;
}
