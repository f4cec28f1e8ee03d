import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsDateString,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
} from 'class-validator';
import { API_SCOPES, ApiScope } from '../../../common/auth/scopes';
import { ApiClient } from '../entities/api-client.entity';

/** The largest daily budget an admin may give one client. */
export const MAX_DAILY_LIMIT = 10_000_000;

export class CreateApiClientDto {
  @ApiProperty({ example: 'Query tool', maxLength: 100 })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  name: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true, example: ['operator-info:read'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(API_SCOPES.length)
  @ArrayUnique()
  @IsIn(API_SCOPES, { each: true })
  scopes: ApiScope[];

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '012',
    description: 'Required for customer-account scopes: the operator whose customers the client may read',
  })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'operatorId must be a 3-digit operator id' })
  operatorId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'No expiry when absent' })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string | null;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_DAILY_LIMIT,
    example: 1000,
    description: 'Requests per UTC day; absent or null: the default (THROTTLE_CLIENT_PER_DAY, 200)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAILY_LIMIT)
  dailyLimit?: number | null;
}

/** PATCH /api/v1/api-clients/{id}: the client's own daily request budget (null: back to the default). */
export class UpdateApiClientDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 1,
    maximum: MAX_DAILY_LIMIT,
    example: 1000,
    description: 'Requests per UTC day; null: the default (THROTTLE_CLIENT_PER_DAY)',
  })
  @ValidateIf((_dto: UpdateApiClientDto, value: unknown) => value !== null)
  @IsInt()
  @Min(1)
  @Max(MAX_DAILY_LIMIT)
  dailyLimit: number | null;
}

export class ApiClientDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Query tool' })
  name: string;

  @ApiProperty({ example: '3fa9c2e1', description: 'The 8 characters after `oth_` that identify the key' })
  keyPrefix: string;

  @ApiProperty({ enum: API_SCOPES, isArray: true })
  scopes: ApiScope[];

  @ApiProperty({ type: String, nullable: true, example: '012' })
  operatorId: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  expiresAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  revokedAt: string | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    example: 1000,
    description: 'Requests per UTC day; null: the default (THROTTLE_CLIENT_PER_DAY)',
  })
  dailyLimit: number | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Updated at most once a minute' })
  lastUsedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

export class CreatedApiClientDto {
  @ApiProperty({ type: ApiClientDto })
  client: ApiClientDto;

  @ApiProperty({
    example: 'oth_3fa9c2e1_0Q1x…',
    description: 'The key, shown this once only: send it as `X-API-Key`',
  })
  key: string;
}

export function toApiClientDto(client: ApiClient): ApiClientDto {
  return {
    id: client.id,
    name: client.name,
    keyPrefix: client.keyPrefix,
    scopes: client.scopes,
    operatorId: client.operatorId,
    expiresAt: client.expiresAt?.toISOString() ?? null,
    revokedAt: client.revokedAt?.toISOString() ?? null,
    dailyLimit: client.dailyLimit,
    lastUsedAt: client.lastUsedAt?.toISOString() ?? null,
    createdAt: client.createdAt.toISOString(),
  };
}
