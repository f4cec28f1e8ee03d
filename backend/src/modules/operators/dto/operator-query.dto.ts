import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { THREE_DIGITS } from './validators';

export const OPERATOR_SORTS = ['name', '-name', 'id', '-id'] as const;
export type OperatorSort = (typeof OPERATOR_SORTS)[number];
export const EXPORT_FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

const TEXT_MAX = 200;
const asList = ({ value }: { value: unknown }) => (value === undefined || Array.isArray(value) ? value : [value]);

/** The directory filters; every given one applies (AND). Text filters are case-insensitive "contains". */
export class OperatorFilterDto {
  @ApiPropertyOptional({ description: 'Name contains (case-insensitive)', maxLength: TEXT_MAX, example: 'scot' })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  q?: string;

  @ApiPropertyOptional({ description: 'Operator id starts with (1–3 digits; 3 digits = exact id)', example: '002' })
  @IsOptional()
  @IsString()
  @Matches(/^\d{1,3}$/, { message: 'id must be 1 to 3 digits' })
  id?: string;

  @ApiPropertyOptional({
    type: [String],
    description: 'Mode ids, repeatable (`mode=010&mode=007`): operators running all of them',
    example: ['010'],
  })
  @IsOptional()
  @Transform(asList)
  @IsString({ each: true })
  @Matches(THREE_DIGITS, { each: true, message: 'each mode must be a 3-digit mode id' })
  @ArrayMaxSize(20)
  mode?: string[];

  @ApiPropertyOptional({ description: 'Email contains (case-insensitive)', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  email?: string;

  @ApiPropertyOptional({ description: 'Phone contains', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  phone?: string;

  @ApiPropertyOptional({ description: 'Homepage contains (case-insensitive)', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  homepage?: string;

  @ApiPropertyOptional({ description: 'Default language, exact ISO 639-1 code (case-insensitive)', example: 'en' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z]{2}$/, { message: 'language must be a two-letter ISO 639-1 code' })
  language?: string;

  @ApiPropertyOptional({ description: 'A MIPTA URL contains (case-insensitive)', maxLength: TEXT_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(TEXT_MAX)
  mipta?: string;

  @ApiPropertyOptional({ enum: OPERATOR_SORTS, default: 'name', description: 'Ties are broken by id' })
  @IsOptional()
  @IsIn(OPERATOR_SORTS)
  sort?: OperatorSort;
}

export class OperatorQueryDto extends OperatorFilterDto {
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

export class OperatorExportQueryDto extends OperatorFilterDto {
  @ApiProperty({ enum: EXPORT_FORMATS })
  @IsIn(EXPORT_FORMATS)
  format: ExportFormat;
}

/** The filters after validation, normalised (absent = not filtering). */
export type OperatorFilter = Pick<
  OperatorFilterDto,
  'q' | 'id' | 'mode' | 'email' | 'phone' | 'homepage' | 'language' | 'mipta' | 'sort'
>;
