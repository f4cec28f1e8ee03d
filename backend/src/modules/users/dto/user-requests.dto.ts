import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';
import { IsDisplayName } from '../../auth/dto/display-name.validator';
import { IsAccountEmail } from '../../auth/dto/email.validator';
import { USER_ROLES, USER_STATUSES, UserRole, UserStatus } from '../entities/user.entity';

const OPERATOR_ID = /^\d{3}$/;

export class InviteUserDto {
  @ApiProperty({ example: 'bob@ferries.example', maxLength: 254 })
  @IsAccountEmail()
  email: string;

  @ApiProperty({ example: 'Bob Example', maxLength: 200 })
  @IsDisplayName()
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  @IsIn(USER_ROLES)
  role: UserRole;

  @ApiPropertyOptional({ type: String, nullable: true, example: '012', description: 'Required for the operator role' })
  @IsOptional()
  @Matches(OPERATOR_ID, { message: 'operatorId must be a 3-digit operator id' })
  operatorId?: string | null;
}

/** What an administrator may change about a user. Email and password are the user's own business. */
export class UpdateUserDto {
  @ApiPropertyOptional({ enum: USER_ROLES })
  @IsOptional()
  @IsIn(USER_ROLES)
  role?: UserRole;

  @ApiPropertyOptional({ type: String, nullable: true, example: '012' })
  @ValidateIf((_o: unknown, value: unknown) => value !== null && value !== undefined)
  @Matches(OPERATOR_ID, { message: 'operatorId must be a 3-digit operator id' })
  operatorId?: string | null;

  @ApiPropertyOptional({ example: 'Bob Example', maxLength: 200 })
  @IsOptional()
  @IsDisplayName()
  displayName?: string;

  @ApiPropertyOptional({ enum: USER_STATUSES, description: "`disabled` ends the user's sessions at once" })
  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;
}

export class ListUsersQueryDto {
  @ApiPropertyOptional({ minimum: 1, default: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  pageSize?: number;

  @ApiPropertyOptional({ description: 'Part of the email or display name (case-insensitive)', maxLength: 100 })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;
}
