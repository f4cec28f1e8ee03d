import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiForbiddenResponse, ApiSecurity } from '@nestjs/swagger';
import { API_KEY_SCHEME } from '../../bootstrap/swagger';
import type { ApiScope } from '../auth/scopes';
import { ErrorResponseDto } from '../errors/error-response.dto';

export const SCOPES_KEY = 'auth:scopes';

/**
 * API clients (X-API-Key) may call the route when they hold every scope listed. Staff users are let in only when
 * the route also declares `@Roles` or `@Authenticated`.
 */
export const Scopes = (...scopes: [ApiScope, ...ApiScope[]]) =>
  applyDecorators(
    SetMetadata(SCOPES_KEY, scopes),
    ApiSecurity(API_KEY_SCHEME),
    ApiForbiddenResponse({ type: ErrorResponseDto, description: `FORBIDDEN without the scope ${scopes.join(', ')}` }),
  );
