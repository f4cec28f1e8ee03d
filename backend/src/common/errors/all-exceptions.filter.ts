import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { EntityNotFoundError } from 'typeorm';
import { methodOf, pathOf, requestIdOf } from '../http/request-info';
import { AppError, ErrorDetail } from './app-error';
import { CommonErrorCode, STATUS_ERRORS } from './common.errors';
import { isDatabaseUnavailable } from './database-errors';

/** `Retry-After` of a 503 for a database that cannot be reached: a few seconds, then ask again. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** The body of every error response. */
export interface ErrorResponseBody {
  statusCode: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  requestId: string;
}

export interface MappedError {
  status: number;
  code: string;
  message: string;
  details?: ErrorDetail[];
  /** Unexpected: log it with its stack. */
  unexpected: boolean;
}

interface FastifyLikeError extends Error {
  code: string;
  statusCode: number;
}

const MALFORMED_JSON_CODES = new Set(['FST_ERR_CTP_INVALID_JSON_BODY', 'FST_ERR_CTP_EMPTY_JSON_BODY']);
/** Statuses whose framework-provided message we replace with our own wording. */
const OWN_MESSAGE_STATUSES = new Set([HttpStatus.PAYLOAD_TOO_LARGE, HttpStatus.UNSUPPORTED_MEDIA_TYPE]);

function isFastifyError(e: unknown): e is FastifyLikeError {
  return (
    e instanceof Error &&
    typeof (e as Partial<FastifyLikeError>).code === 'string' &&
    (e as FastifyLikeError).code.startsWith('FST_') &&
    typeof (e as Partial<FastifyLikeError>).statusCode === 'number'
  );
}

function fromStatus(status: number, message?: string): MappedError {
  const known = STATUS_ERRORS[status];
  if (status >= 500 || status < 400) {
    // 5xx details stay in the log; odd statuses (e.g. a 3xx thrown as an error) become a plain 500.
    const safeStatus = status >= 500 ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    const entry = STATUS_ERRORS[safeStatus] ?? STATUS_ERRORS[HttpStatus.INTERNAL_SERVER_ERROR];
    return { status: safeStatus, code: entry.code, message: entry.message, unexpected: true };
  }
  const fallback = known ?? STATUS_ERRORS[HttpStatus.BAD_REQUEST];
  const text = OWN_MESSAGE_STATUSES.has(status) || !message ? fallback.message : message;
  return { status, code: fallback.code, message: text, unexpected: false };
}

function httpExceptionMessage(exception: HttpException): string | undefined {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message) && message.every((m) => typeof m === 'string')) return message.join('; ');
  return exception.message;
}

/**
 * Maps anything thrown while handling a request to a status, code and client-safe message.
 * `routeMissing` is true when no route matched (Fastify's `request.is404`).
 */
export function mapException(exception: unknown, request: { method: string; path: string; routeMissing: boolean }) {
  if (exception instanceof AppError) {
    return {
      status: exception.status,
      code: exception.code,
      message: exception.message,
      details: exception.details,
      unexpected: exception.status >= 500,
    } satisfies MappedError;
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    if (status === 404 && request.routeMissing) {
      return {
        status,
        code: CommonErrorCode.ROUTE_NOT_FOUND,
        message: `No route for ${request.method} ${request.path}`,
        unexpected: false,
      } satisfies MappedError;
    }
    return fromStatus(status, httpExceptionMessage(exception));
  }
  if (isFastifyError(exception)) {
    if (MALFORMED_JSON_CODES.has(exception.code)) {
      return {
        status: 400,
        code: CommonErrorCode.MALFORMED_JSON,
        message: 'The request body is not valid JSON',
        unexpected: false,
      };
    }
    return fromStatus(exception.statusCode, exception.message);
  }
  if (exception instanceof SyntaxError && (exception as { statusCode?: number; status?: number }).statusCode === 400) {
    return {
      status: 400,
      code: CommonErrorCode.MALFORMED_JSON,
      message: 'The request body is not valid JSON',
      unexpected: false,
    };
  }
  if (exception instanceof EntityNotFoundError) {
    // Its message names the entity and the search criteria, which may be personal data: not sent, not logged.
    return fromStatus(HttpStatus.NOT_FOUND);
  }
  if (isDatabaseUnavailable(exception)) {
    // Logged (someone must look at the database), answered as what it is: try again shortly.
    return {
      status: HttpStatus.SERVICE_UNAVAILABLE,
      code: CommonErrorCode.DATABASE_UNAVAILABLE,
      message: 'The database is not available right now; try again in a few seconds',
      unexpected: true,
    } satisfies MappedError;
  }
  return fromStatus(HttpStatus.INTERNAL_SERVER_ERROR);
}

/** What of an unexpected error goes to the log: never driver parameters, request bodies or other attached data. */
export function loggableError(exception: unknown): Record<string, unknown> {
  if (exception instanceof Error) {
    const code = (exception as { code?: unknown }).code;
    return {
      type: exception.name,
      message: exception.message,
      stack: exception.stack,
      ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    };
  }
  return { type: typeof exception, message: 'A non-Error value was thrown' };
}

/**
 * The one global exception filter: every error response of the API has the body
 * `{ statusCode, code, message, details?, requestId }`. It also receives Fastify's own errors (body parsing, 404s
 * of unknown routes) because Nest routes Fastify's error and not-found handlers through the global filters.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const http = host.switchToHttp();
    const request = http.getRequest<unknown>();
    const response = http.getResponse<unknown>();
    const requestId = requestIdOf(request);
    const method = methodOf(request);
    const path = pathOf(request);
    const routeMissing = (request as { is404?: boolean } | undefined)?.is404 === true;

    const mapped = mapException(exception, { method, path, routeMissing });
    if (mapped.unexpected) {
      this.logger.error({ err: loggableError(exception), requestId, method, path }, 'Request failed unexpectedly');
    }

    const adapter = this.adapterHost.httpAdapter;
    if (adapter.isHeadersSent(response)) return;
    const body: ErrorResponseBody = {
      statusCode: mapped.status,
      code: mapped.code,
      message: mapped.message,
      ...(mapped.details?.length ? { details: mapped.details } : {}),
      requestId,
    };
    // A handler may have set another Content-Type (say text/csv) before failing; the error body is JSON.
    const reply = response as { removeHeader?: (name: string) => void };
    reply.removeHeader?.('content-type');
    if (exception instanceof AppError && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) adapter.setHeader(response, name, value);
    }
    if (mapped.code === CommonErrorCode.DATABASE_UNAVAILABLE) {
      adapter.setHeader(response, 'Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
    }
    adapter.reply(response, body, mapped.status);
  }
}
