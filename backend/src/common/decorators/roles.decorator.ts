import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import type { UserRole } from '../../modules/users/entities/user.entity';

export const ROLES_KEY = 'auth:roles';
export const AUTHENTICATED_KEY = 'auth:authenticated';

const staffResponses = () => [
  ApiBearerAuth(),
  ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'UNAUTHENTICATED or SESSION_EXPIRED' }),
];

/** Staff users with one of these roles may call the route (with a Bearer access token). */
export const Roles = (...roles: [UserRole, ...UserRole[]]) =>
  applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    ...staffResponses(),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: `FORBIDDEN unless the role is ${roles.join(', ')}` }),
  );

/** Any signed-in staff user may call the route (with a Bearer access token), whatever the role. */
export const Authenticated = () => applyDecorators(SetMetadata(AUTHENTICATED_KEY, true), ...staffResponses());
