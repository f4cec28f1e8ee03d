import { HttpStatus } from '@nestjs/common';
import { AppError, ErrorDetail } from './app-error';

/** Error codes shared by every module; modules add their own in `<name>.errors.ts`. */
export const CommonErrorCode = {
  BAD_REQUEST: 'BAD_REQUEST',
  VALIDATION_FAILED: 'VALIDATION_FAILED',
  MALFORMED_JSON: 'MALFORMED_JSON',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  ROUTE_NOT_FOUND: 'ROUTE_NOT_FOUND',
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  NOT_ACCEPTABLE: 'NOT_ACCEPTABLE',
  REQUEST_TIMEOUT: 'REQUEST_TIMEOUT',
  CONFLICT: 'CONFLICT',
  GONE: 'GONE',
  PAYLOAD_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  UNPROCESSABLE_ENTITY: 'UNPROCESSABLE_ENTITY',
  TOO_MANY_REQUESTS: 'TOO_MANY_REQUESTS',
  INTERNAL_ERROR: 'INTERNAL_ERROR',
  NOT_IMPLEMENTED: 'NOT_IMPLEMENTED',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  /** 503: the database cannot be reached or is not serving (connection lost, refused, locked too long). */
  DATABASE_UNAVAILABLE: 'DATABASE_UNAVAILABLE',
} as const;
export type CommonErrorCode = (typeof CommonErrorCode)[keyof typeof CommonErrorCode];

/** Code and client-safe default message for an HTTP status that arrives without an AppError. */
export const STATUS_ERRORS: Readonly<Record<number, { code: CommonErrorCode; message: string }>> = {
  400: { code: 'BAD_REQUEST', message: 'The request is invalid' },
  401: { code: 'UNAUTHORIZED', message: 'Authentication is required' },
  403: { code: 'FORBIDDEN', message: 'You are not allowed to do this' },
  404: { code: 'NOT_FOUND', message: 'The resource does not exist' },
  405: { code: 'METHOD_NOT_ALLOWED', message: 'The method is not allowed on this resource' },
  406: { code: 'NOT_ACCEPTABLE', message: 'No acceptable representation is available' },
  408: { code: 'REQUEST_TIMEOUT', message: 'The request took too long' },
  409: { code: 'CONFLICT', message: 'The request conflicts with the current state' },
  410: { code: 'GONE', message: 'The resource is gone' },
  413: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
  415: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported Content-Type; send application/json' },
  422: { code: 'UNPROCESSABLE_ENTITY', message: 'The request cannot be processed' },
  429: { code: 'TOO_MANY_REQUESTS', message: 'Too many requests; try again later' },
  500: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' },
  501: { code: 'NOT_IMPLEMENTED', message: 'Not implemented' },
  503: { code: 'SERVICE_UNAVAILABLE', message: 'The service is temporarily unavailable' },
};

export const CommonErrors = {
  validationFailed: (details: ErrorDetail[]) =>
    new AppError(CommonErrorCode.VALIDATION_FAILED, HttpStatus.BAD_REQUEST, 'The request is invalid', details),
  malformedJson: (reason = 'The request body is not valid JSON') =>
    new AppError(CommonErrorCode.MALFORMED_JSON, HttpStatus.BAD_REQUEST, reason),
  routeNotFound: (method: string, path: string) =>
    new AppError(CommonErrorCode.ROUTE_NOT_FOUND, HttpStatus.NOT_FOUND, `No route for ${method} ${path}`),
};
