import {
  applyDecorators,
  CallHandler,
  ExecutionContext,
  Injectable,
  Logger,
  NestInterceptor,
  SetMetadata,
} from '@nestjs/common';
import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Observable, tap } from 'rxjs';
import { resultCountOf } from '../../common/http/result-count';
import { HistoryRecorder } from './history-recorder';
import type { QueryKind } from './query-kinds';
import { checkQuery, QueryInput } from './query-params';
import type { RanQuery } from './history.service';

/** The header the query tool sends on the queries a person runs (docs/history-api.md, "Recording"). */
export const QUERY_SOURCE_HEADER = 'x-query-source';
export const QUERY_TOOL_SOURCE = 'query-tool';

export const RECORD_QUERY_KIND = 'history:recordQueryKind';

/**
 * Records the query a staff user ran with the query tool (`X-Query-Source: query-tool`) in their history, once the
 * answer has been sent with a 2xx status. API clients, requests without the header and failed requests are not
 * recorded; recording never changes or delays the answer.
 *
 * The params are those of the validated request: the route's own DTOs are applied again to the route and query
 * parameters (the handler's validated arguments are not visible here, and on a response-cache hit the handler does
 * not even run). The result count comes from the answer, or — when an inner interceptor sent bytes (the directory's
 * SnapshotResponseCache) — from `request.queryResultCount`, which that cache sets.
 */
@Injectable()
export class RecordQueryInterceptor implements NestInterceptor {
  private readonly logger = new Logger(RecordQueryInterceptor.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly recorder: HistoryRecorder,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const kind = this.reflector.get<QueryKind | undefined>(RECORD_QUERY_KIND, context.getHandler());
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const principal = request.principal;
    if (!kind || principal?.kind !== 'user' || !fromQueryTool(request.headers[QUERY_SOURCE_HEADER])) {
      return next.handle();
    }
    const userId = principal.user.id;
    const reply = http.getResponse<FastifyReply>();
    return next.handle().pipe(
      tap((body: unknown) => {
        const resultCount = kind === 'customer' ? 1 : countOf(request, body);
        // 'finish': the answer has been handed to the network (not on an aborted connection).
        reply.raw.once('finish', () => {
          if (reply.raw.statusCode < 200 || reply.raw.statusCode > 299) return;
          const route = { ...(request.params as Record<string, unknown>) };
          const query = { ...(request.query as Record<string, unknown>) };
          this.recorder.record(userId, () => this.ranQuery(kind, { route, query }, resultCount));
        });
      }),
    );
  }

  /** The query to record: its params by the route's own rules (which accepted it), or null if they do not. */
  private async ranQuery(kind: QueryKind, input: QueryInput, resultCount: number | null): Promise<RanQuery | null> {
    const checked = await checkQuery(kind, input);
    if (!checked.params) {
      this.logger.warn({ kind }, 'Query history not recorded: the query does not pass its own rules');
      return null;
    }
    return { kind, params: checked.params, resultCount };
  }
}

function fromQueryTool(header: string | string[] | undefined): boolean {
  return typeof header === 'string' && header.trim().toLowerCase() === QUERY_TOOL_SOURCE;
}

function countOf(request: FastifyRequest, body: unknown): number | null {
  if (Buffer.isBuffer(body)) return request.queryResultCount ?? null;
  return resultCountOf(body);
}

/**
 * Puts RecordQueryInterceptor first among the handler's interceptors, wherever this decorator is written: it must
 * wrap any response cache, which answers repeats without calling the handler (nor the interceptors after it).
 */
const InterceptFirst = (): MethodDecorator => (_target, _key, descriptor) => {
  const handler = descriptor.value as object;
  const others = (Reflect.getMetadata(INTERCEPTORS_METADATA, handler) as unknown[] | undefined) ?? [];
  Reflect.defineMetadata(
    INTERCEPTORS_METADATA,
    [RecordQueryInterceptor, ...others.filter((i) => i !== RecordQueryInterceptor)],
    handler,
  );
  return descriptor;
};

/**
 * Records successful runs of this query route by the query tool in the caller's history as `kind`
 * (RecordQueryInterceptor). Decorate the handler; the route's own DTOs must be the ones KIND_RULES names for `kind`.
 */
export const RecordQuery = (kind: QueryKind) =>
  applyDecorators(
    SetMetadata(RECORD_QUERY_KIND, kind),
    InterceptFirst(),
    ApiHeader({
      name: 'X-Query-Source',
      required: false,
      description: '`query-tool`: a staff user ran this query in the query tool; it is recorded in their history',
    }),
  );
