import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Principal, UserPrincipal } from '../auth/principal';

/**
 * The caller the global auth guard authenticated (`request.principal`). Only meaningful on non-public routes; on a
 * route that forgot its declaration the guard has already refused the request.
 */
export const CurrentPrincipal = createParamDecorator((_data: unknown, context: ExecutionContext): Principal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without an authenticated principal');
  return principal;
});

/**
 * The signed-in staff user and their session, for routes only staff can reach (`@Authenticated()` or `@Roles()`
 * without `@Scopes()`); throws if an API client got here, which the guard's rules prevent.
 */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): UserPrincipal => {
  const principal = context.switchToHttp().getRequest<FastifyRequest>().principal;
  if (principal?.kind !== 'user') throw new Error('CurrentUser used on a route an API client or no one reached');
  return principal;
});
