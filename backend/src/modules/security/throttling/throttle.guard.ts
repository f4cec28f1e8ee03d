import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Clock } from '../../../common/time/clock';
import { SecurityErrors } from '../security.errors';
import { rateLimitHeaders, ThrottleOutcome } from './budget';
import { RouteClass, routeClassOf, ThrottleService } from './throttle.service';

declare module 'fastify' {
  interface FastifyRequest {
    /** Where the caller's budget stands after this request (set by ThrottleGuard; null when not throttled). */
    throttle: ThrottleOutcome | null;
  }
}

/**
 * The global throttle, registered as APP_GUARD after the AuthGuard (Nest runs global guards in registration order),
 * so it sees the principal the AuthGuard set: signed-in callers are counted against their own budget, anonymous
 * callers of public routes per address and route class. Requests the AuthGuard refused never get here (they are
 * counted for automatic bans instead, see AutoBanService). Sets the RateLimit-* headers on every throttled response;
 * a refusal is 429 RATE_LIMITED with Retry-After.
 */
@Injectable()
export class ThrottleGuard implements CanActivate {
  /** A public route's class, worked out once per handler from its path template. */
  private readonly classByHandler = new WeakMap<object, RouteClass>();

  constructor(
    private readonly throttle: ThrottleService,
    private readonly clock: Clock,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.throttle.enabled || context.getType() !== 'http') return true;
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const now = this.clock.now().getTime();
    const principal = request.principal;
    const outcome = principal
      ? await this.throttle.forPrincipal(principal, now)
      : await this.throttle.forAddress(this.routeClass(context, request), request.ip, now);
    request.throttle = outcome;
    const reply = http.getResponse<FastifyReply>();
    const headers = rateLimitHeaders(outcome);
    for (const name in headers) reply.header(name, headers[name]);
    if (!outcome.allowed) throw SecurityErrors.rateLimited(outcome);
    return true;
  }

  private routeClass(context: ExecutionContext, request: FastifyRequest): RouteClass {
    const handler = context.getHandler();
    let routeClass = this.classByHandler.get(handler);
    if (routeClass === undefined) {
      routeClass = routeClassOf(request.routeOptions.url ?? request.url);
      this.classByHandler.set(handler, routeClass);
    }
    return routeClass;
  }
}
