import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ThrottleOutcome } from './budget';

/** Where the caller's budget stands after this request, as ThrottleGuard counted it; null when throttling is off. */
export const ThrottleState = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ThrottleOutcome | null =>
    context.switchToHttp().getRequest<FastifyRequest>().throttle ?? null,
);
