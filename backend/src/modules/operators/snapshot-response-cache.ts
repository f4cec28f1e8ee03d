import { CallHandler, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { gzipSync } from 'node:zlib';
import { map, Observable, of } from 'rxjs';
import { resultCountOf } from '../../common/http/result-count';
import type { DirectorySnapshot } from './directory-snapshot';
import { DirectorySnapshotService } from './directory-snapshot.service';

/** Answers per snapshot, at most; the oldest tenth goes when full. */
const MAX_ENTRIES = 500;
/** Longer URLs are answered but not remembered. */
const MAX_KEY_LENGTH = 1024;
/** Smaller bodies are not worth compressing (the headers alone are about this size). */
const MIN_GZIP_BYTES = 1024;

interface CachedBody {
  identity: Buffer;
  /** How many results the answer holds (resultCountOf), told to interceptors outside this one on every send. */
  resultCount: number | null;
  /** Compressed on the first request that accepts gzip; null when not worth it. */
  gzip?: Buffer | null;
}

const answersBySnapshot = new WeakMap<DirectorySnapshot, Map<string, CachedBody>>();

/**
 * Remembers the JSON answers of directory reads per snapshot. Those reads are pure functions of the snapshot and the
 * URL (path and raw query string): the same for every caller the guard lets in, and replaced wholesale when the
 * snapshot is (a write, or another instance's write seen by the version check). So a repeated read skips query
 * validation, filtering and serialisation, and sends bytes kept from the first time — gzip-compressed, once, for
 * clients that accept it (every browser and HTTP library does).
 *
 * It runs after the auth guard (Nest runs guards before interceptors), so only callers allowed to read get an answer.
 * Only successful answers are kept; an invalid query fails its validation every time. Anything that must happen per
 * request on these routes (e.g. recording a user's query history) belongs in a guard or an interceptor ordered
 * before this one, not in the handler. Such an interceptor receives the bytes: the answer's result count is on
 * `request.queryResultCount` (common/http/result-count.ts), so nobody has to parse them.
 */
@Injectable()
export class SnapshotResponseCache implements NestInterceptor {
  constructor(private readonly snapshots: DirectorySnapshotService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const snapshot = this.snapshots.peek();
    const key = request.url;
    if (!snapshot || key.length > MAX_KEY_LENGTH) return next.handle();

    const gzip = acceptsGzip(request.headers['accept-encoding']);
    const answers = answersOf(snapshot);
    const hit = answers.get(key);
    if (hit) return of(send(request, reply, hit, gzip));
    return next.handle().pipe(
      map((body: unknown) => {
        const cached: CachedBody = {
          identity: Buffer.from(JSON.stringify(body), 'utf8'),
          resultCount: resultCountOf(body),
        };
        // The handler may have seen a newer snapshot (a reload while it ran): keep the answer only under its own.
        if (this.snapshots.peek() === snapshot) remember(answers, key, cached);
        return send(request, reply, cached, gzip);
      }),
    );
  }
}

/** Directory reads answered from the snapshot: see SnapshotResponseCache. */
export const CachedFromSnapshot = (): MethodDecorator & ClassDecorator => UseInterceptors(SnapshotResponseCache);

function answersOf(snapshot: DirectorySnapshot): Map<string, CachedBody> {
  let answers = answersBySnapshot.get(snapshot);
  if (!answers) answersBySnapshot.set(snapshot, (answers = new Map<string, CachedBody>()));
  return answers;
}

function remember(answers: Map<string, CachedBody>, key: string, body: CachedBody): void {
  if (answers.size >= MAX_ENTRIES) {
    let drop = Math.ceil(MAX_ENTRIES / 10);
    for (const old of answers.keys()) {
      answers.delete(old);
      if (--drop === 0) break;
    }
  }
  answers.set(key, body);
}

function send(request: FastifyRequest, reply: FastifyReply, body: CachedBody, gzip: boolean): Buffer {
  request.queryResultCount = body.resultCount;
  reply.header('content-type', 'application/json; charset=utf-8');
  reply.header('vary', 'accept-encoding');
  if (gzip) {
    if (body.gzip === undefined) {
      body.gzip = body.identity.length >= MIN_GZIP_BYTES ? gzipSync(body.identity) : null;
    }
    if (body.gzip) {
      reply.header('content-encoding', 'gzip');
      return body.gzip;
    }
  }
  return body.identity;
}

/** Whether `Accept-Encoding` allows gzip (by name or `*`) with a non-zero quality. */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  if (typeof header !== 'string' || header.length === 0) return false;
  let allowed = false;
  for (const part of header.split(',')) {
    const [name, ...params] = part.split(';');
    const coding = name.trim().toLowerCase();
    if (coding !== 'gzip' && coding !== '*') continue;
    const q = params.map((p) => p.trim().toLowerCase()).find((p) => p.startsWith('q='));
    const quality = q === undefined ? 1 : Number(q.slice(2));
    // An explicit gzip entry wins over `*`.
    if (coding === 'gzip') return quality > 0;
    allowed = quality > 0;
  }
  return allowed;
}
