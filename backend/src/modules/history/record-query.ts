import { applyDecorators, Injectable, Logger, OnModuleInit, SetMetadata } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resultCountOf } from '../../common/http/result-count';
import { HistoryRecorder } from './history-recorder';
import type { RanQuery } from './history.service';
import { QUERY_KINDS, type QueryKind } from './query-kinds';
import { checkQuery, QueryInput } from './query-params';

/** The header the query tool sends on the queries a person runs (docs/history-api.md, "Recording"). */
export const QUERY_SOURCE_HEADER = 'x-query-source';
export const QUERY_TOOL_SOURCE = 'query-tool';

/** Handler metadata (and Fastify route config) key naming the kind a route's queries are recorded as. */
export const RECORD_QUERY_KIND = 'history:recordQueryKind';

/**
 * Records successful runs of this query route by the query tool in the caller's history as `kind`. Decorate the
 * handler; the route's own DTOs must be the ones KIND_RULES names for `kind`. The kind is handler metadata and, for
 * QueryRecordingHooks, Fastify route config: recording runs in Fastify hooks, not in a Nest interceptor, so routes
 * that are mostly not recorded (API clients, the standard face, repeats from the response cache) pay nothing per
 * request for it.
 */
export const RecordQuery = (kind: QueryKind) =>
  applyDecorators(
    SetMetadata(RECORD_QUERY_KIND, kind),
    RouteConfig({ [RECORD_QUERY_KIND]: kind }),
    ApiHeader({
      name: 'X-Query-Source',
      required: false,
      description: '`query-tool`: a staff user ran this query in the query tool; it is recorded in their history',
    }),
  );

function fromQueryTool(header: string | string[] | undefined): boolean {
  return typeof header === 'string' && header.trim().toLowerCase() === QUERY_TOOL_SOURCE;
}

/** The kind the request's query is recorded as, when it is one to record: a staff user's query tool ran it. */
function recordedKindOf(request: FastifyRequest): QueryKind | null {
  if (!fromQueryTool(request.headers[QUERY_SOURCE_HEADER]) || request.principal?.kind !== 'user') return null;
  const config: unknown = request.routeOptions.config;
  const kind = (config as Record<string, unknown> | undefined)?.[RECORD_QUERY_KIND];
  return typeof kind === 'string' && (QUERY_KINDS as readonly string[]).includes(kind) ? (kind as QueryKind) : null;
}

/**
 * Records the query a staff user ran with the query tool (`X-Query-Source: query-tool`) in their history, once the
 * answer has been sent with a 2xx status. API clients, requests without the header and failed requests are not
 * recorded; recording never changes or delays the answer.
 *
 * Two Fastify hooks, both after Nest's guards have run (they run inside the route's handler): `preSerialization`
 * counts the results of an answer that leaves the handler as an object (an answer sent as bytes by the directory's
 * response cache carries its count on `request.queryResultCount`), `onResponse` records it. The params are those of
 * the validated request: the route's own DTOs are applied again to the route and query parameters (the handler's
 * validated arguments are not visible here, and on a response-cache hit the handler does not even run).
 */
@Injectable()
export class QueryRecordingHooks implements OnModuleInit {
  private readonly logger = new Logger('RecordQuery');

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly recorder: HistoryRecorder,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('preSerialization', (request, _reply, payload, done) => {
      if (request.queryResultCount === undefined && recordedKindOf(request)) {
        request.queryResultCount = resultCountOf(payload);
      }
      done(null, payload);
    });

    fastify.addHook('onResponse', (request, reply, done) => {
      const kind = reply.statusCode >= 200 && reply.statusCode <= 299 ? recordedKindOf(request) : null;
      if (kind && request.principal?.kind === 'user') {
        const userId = request.principal.user.id;
        const resultCount = kind === 'customer' ? 1 : (request.queryResultCount ?? null);
        const route = { ...(request.params as Record<string, unknown>) };
        const query = { ...(request.query as Record<string, unknown>) };
        this.recorder.record(userId, () => this.ranQuery(kind, { route, query }, resultCount));
      }
      done();
    });
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
