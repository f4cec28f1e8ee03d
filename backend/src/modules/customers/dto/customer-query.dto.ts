import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { THREE_DIGITS } from '../../operators/dto/validators';

/** No C0 control characters or DEL (a NUL byte would also be refused by PostgreSQL as text). */
export const NO_CONTROL_CHARACTERS = /^[^\u0000-\u001f\u007f]*$/;
const noControl = (field: string) =>
  Matches(NO_CONTROL_CHARACTERS, { message: `${field} must not contain control characters` });
const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export const CUSTOMER_ID_MAX = 32;

export class OperatorCustomerParamsDto {
  @ApiProperty({ example: '029', pattern: '^\\d{3}$' })
  @Matches(THREE_DIGITS, { message: 'operatorId must be a 3-digit id' })
  operatorId: string;

  @ApiProperty({ example: 'C000042', maxLength: CUSTOMER_ID_MAX })
  @IsString()
  @Length(1, CUSTOMER_ID_MAX)
  @noControl('customerId')
  customerId: string;
}

/** A route without query parameters: any given is refused (400 VALIDATION_FAILED), as on the other routes. */
// eslint-disable-next-line @typescript-eslint/no-extraneous-class -- empty on purpose: forbidNonWhitelisted refuses all
export class NoQueryDto {}

export class CustomerSearchQueryDto {
  @ApiPropertyOptional({
    example: '029',
    description: 'Required for operator users and API clients (their own operator); admins: omit for every operator',
  })
  @IsOptional()
  @Matches(THREE_DIGITS, { message: 'operatorId must be a 3-digit id' })
  operatorId?: string;

  @ApiProperty({
    example: 'smith',
    minLength: 3,
    maxLength: 100,
    description: 'Trimmed; name or email contains it (case-insensitive), or it is the customer id',
  })
  @Transform(trimmed)
  @IsString()
  @Length(3, 100, { message: 'q must be 3 to 100 characters' })
  @noControl('q')
  q: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page (opaque)' })
  @IsOptional()
  @IsString()
  @MaxLength(2048)
  @noControl('cursor')
  cursor?: string;
}

export class RecordQueryDto {
  @ApiPropertyOptional({
    example: '2026-01-01',
    description: 'Window start: ISO date (00:00Z) or date-time with offset; records whose period overlaps are returned',
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @noControl('from')
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'Window end: ISO date (23:59:59.999Z) or date-time' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @noControl('to')
  to?: string;

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
