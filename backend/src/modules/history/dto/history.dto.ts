import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { QUERY_KINDS, type QueryKind, type QueryParams } from '../query-kinds';
import { QUERY_PARAMS_SCHEMA } from './query-params.schema';

/** A UUID in a path, compared in lower case (SQLite stores the application's lower-case UUIDs as text). */
export class EntryIdParamsDto {
  @ApiProperty({ format: 'uuid' })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.toLowerCase() : value))
  @IsUUID('all', { message: 'id must be a UUID' })
  id: string;
}

export class HistoryQueryDto {
  @ApiPropertyOptional({ enum: QUERY_KINDS, description: 'Only entries of this kind' })
  @IsOptional()
  @IsIn(QUERY_KINDS)
  kind?: QueryKind;

  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;
}

export class HistoryEntryDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: QUERY_KINDS })
  kind: QueryKind;

  @ApiProperty(QUERY_PARAMS_SCHEMA)
  params: QueryParams;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 12,
    description: "The page's total, a keyset page's item count, 1 for a profile, the number of modes",
  })
  resultCount: number | null;

  @ApiProperty({ type: String, format: 'date-time', description: 'When the query last ran' })
  createdAt: string;
}

export class HistoryPageDto {
  @ApiProperty({ type: [HistoryEntryDto], description: 'Newest first' })
  items: HistoryEntryDto[];

  @ApiProperty({ example: 42 })
  total: number;

  @ApiProperty({ example: 1 })
  page: number;

  @ApiProperty({ example: 20 })
  pageSize: number;
}
