import { ApiProperty } from '@nestjs/swagger';
import { USER_ROLES, USER_STATUSES, User, UserRole, UserStatus } from '../entities/user.entity';

/** A staff user as the API shows it: never the hash or other internal columns. */
export class UserDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'ann@example.org' })
  email: string;

  @ApiProperty({ example: 'Ann Example' })
  displayName: string;

  @ApiProperty({ enum: USER_ROLES })
  role: UserRole;

  @ApiProperty({ type: String, nullable: true, example: '012', description: 'Set for the operator role only' })
  operatorId: string | null;

  @ApiProperty({ enum: USER_STATUSES })
  status: UserStatus;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  verifiedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  lastLoginAt: string | null;
}

export function toUserDto(user: User): UserDto {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    role: user.role,
    operatorId: user.operatorId,
    status: user.status,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
  };
}
