import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsDateString, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** POST body of /api/v1/admin/ip-blocks and /api/v1/admin/ip-allows. */
export class CreateIpRuleDto {
  @ApiProperty({
    example: '203.0.113.0/24',
    maxLength: 100,
    description:
      'An IPv4 or IPv6 address or CIDR range. Host bits must be zero; IPv4-mapped IPv6 (::ffff:…) is stored as IPv4. ' +
      'Anything else: 400 INVALID_IP_RANGE',
  })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  range: string;

  @ApiProperty({ example: 'Credential stuffing from this network', minLength: 1, maxLength: 200 })
  @Transform(trim)
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  reason: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the entry stops applying (in the future); absent or null: until removed',
  })
  @IsOptional()
  @IsDateString({ strict: true })
  expiresAt?: string | null;
}

export class IpRuleCreatorDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'admin@example.org' })
  email: string;

  @ApiProperty({ example: 'Ada Admin' })
  displayName: string;
}

/** An allowlist entry: never banned automatically. */
export class IpAllowDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '203.0.113.0/24', description: 'Canonical form; a single address has no /32 or /128' })
  range: string;

  @ApiProperty({ example: 'Office network' })
  reason: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null: until removed' })
  expiresAt: string | null;

  @ApiProperty({ type: IpRuleCreatorDto, nullable: true, description: 'null for automatic bans or a deleted user' })
  createdBy: IpRuleCreatorDto | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;
}

/** A block: requests from the range get 403 IP_BLOCKED. */
export class IpBlockDto extends IpAllowDto {
  @ApiProperty({ description: 'true for an automatic (temporary) ban' })
  auto: boolean;
}
