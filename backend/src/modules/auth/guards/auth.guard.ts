import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../common/auth/principal';
import type { ApiScope } from '../../../common/auth/scopes';
import { IS_PUBLIC_KEY } from '../../../common/decorators/public.decorator';
import { AUTHENTICATED_KEY, ROLES_KEY } from '../../../common/decorators/roles.decorator';
import { SCOPES_KEY } from '../../../common/decorators/scopes.decorator';
import type { UserRole } from '../../users/entities/user.entity';
import { ApiClientsService } from '../../api-clients/api-clients.service';
import { AccessTokenService } from '../access-token.service';
import { AuthErrors } from '../auth.errors';
import { SessionService } from '../session.service';

/** What a route declares about who may call it (handler metadata overrides the controller's). */
export interface RouteAccess {
  isPublic: boolean;
  roles?: UserRole[];
  authenticated: boolean;
  scopes?: ApiScope[];
}

export function readRouteAccess(
  reflector: Reflector,
  targets: Parameters<Reflector['getAllAndOverride']>[1],
): RouteAccess {
  return {
    isPublic: reflector.getAllAndOverride<boolean>(IS_PUBLIC_KEY, targets) === true,
    roles: reflector.getAllAndOverride<UserRole[] | undefined>(ROLES_KEY, targets),
    authenticated: reflector.getAllAndOverride<boolean>(AUTHENTICATED_KEY, targets) === true,
    scopes: reflector.getAllAndOverride<ApiScope[] | undefined>(SCOPES_KEY, targets),
  };
}

/** True when the route says who may call it; a route that does not is refused to everyone (deny by default). */
export function declaresAccess(access: RouteAccess): boolean {
  return access.isPublic || access.authenticated || !!access.roles?.length || !!access.scopes?.length;
}

const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

/**
 * The one global guard. Every route needs a principal unless `@Public()`: staff send `Authorization: Bearer <jwt>`
 * (checked against the live session on every request), API clients `X-API-Key`. Staff may call routes with
 * `@Roles` naming their role or `@Authenticated()`; API clients only routes whose `@Scopes` they all hold. A route
 * that declares nothing is refused.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  /** Route metadata never changes at run time: read once per handler and class. */
  private readonly accessByHandler = new WeakMap<object, WeakMap<object, RouteAccess>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly sessions: SessionService,
    private readonly apiClients: ApiClientsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return false;
    const access = this.routeAccess(context);
    if (access.isPublic) return true;
    if (!declaresAccess(access)) {
      this.logger.error(
        { handler: `${context.getClass().name}.${context.getHandler().name}` },
        'Route declares neither @Public, @Roles, @Authenticated nor @Scopes: refused',
      );
      throw AuthErrors.forbidden('This route is not open to anyone');
    }
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = await this.authenticate(request);
    request.principal = principal;
    this.authorize(principal, access);
    return true;
  }

  private routeAccess(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const controller = context.getClass();
    let byClass = this.accessByHandler.get(handler);
    if (!byClass) this.accessByHandler.set(handler, (byClass = new WeakMap()));
    let access = byClass.get(controller);
    if (!access) byClass.set(controller, (access = readRouteAccess(this.reflector, [handler, controller])));
    return access;
  }

  private async authenticate(request: FastifyRequest): Promise<Principal> {
    const apiKey = request.headers['x-api-key'];
    const authorization = request.headers.authorization;
    if (apiKey !== undefined && authorization !== undefined) {
      throw AuthErrors.unauthenticated('Send either a Bearer token or an API key, not both');
    }
    if (apiKey !== undefined) {
      if (typeof apiKey !== 'string') throw AuthErrors.unauthenticated('Send one X-API-Key header');
      return { kind: 'apiClient', client: await this.apiClients.authenticate(apiKey.trim()) };
    }
    if (authorization === undefined) throw AuthErrors.unauthenticated();
    const token = BEARER.exec(authorization)?.[1];
    if (!token) throw AuthErrors.unauthenticated('Use Authorization: Bearer <access token>');
    const claims = this.accessTokens.verify(token);
    const user = await this.sessions.authenticate(claims.sid, claims.sub);
    return { kind: 'user', user, sessionId: claims.sid };
  }

  private authorize(principal: Principal, access: RouteAccess): void {
    if (principal.kind === 'user') {
      if (access.authenticated || access.roles?.includes(principal.user.role)) return;
      throw AuthErrors.forbidden();
    }
    const held = principal.client.scopes;
    if (access.scopes?.length && access.scopes.every((scope) => held.includes(scope))) return;
    throw AuthErrors.forbidden(
      access.scopes?.length
        ? `This API key lacks the scope ${access.scopes.join(', ')}`
        : 'API keys cannot call this route',
    );
  }
}
