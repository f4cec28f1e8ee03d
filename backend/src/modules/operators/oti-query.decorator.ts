import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { ErrorDetail } from '../../common/errors/app-error';
import { OperatorErrors } from './operators.errors';

const MAX_VALUE_LENGTH = 500;

/**
 * Checks an OTI route's raw query string against the parameters the spec names: an unknown parameter, a repeated one
 * (Fastify's parser turns `a=1&a=2` into an array) or an over-long value → 400 BAD_INPUT_PARAMETER ("bad input
 * parameter" in the spec), in the common error body. Yields `{ name: value }` of the ones given.
 */
export function validateOtiQuery(query: unknown, allowed: readonly string[]): Record<string, string> {
  const params = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const details: ErrorDetail[] = [];
  const result: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (!allowed.includes(name)) {
      details.push({ field: name, constraint: 'knownParameter', message: `unknown query parameter ${name}` });
    } else if (typeof value !== 'string') {
      details.push({ field: name, constraint: 'notRepeated', message: `${name} may be given once` });
    } else if (value.length > MAX_VALUE_LENGTH) {
      details.push({ field: name, constraint: 'maxLength', message: `${name} is longer than ${MAX_VALUE_LENGTH}` });
    } else {
      result[name] = value;
    }
  }
  if (details.length) throw OperatorErrors.badInputParameter(details);
  return result;
}

/** The validated OTI query parameters of the request (see validateOtiQuery). */
export const OtiQuery = createParamDecorator((allowed: readonly string[], context: ExecutionContext) =>
  validateOtiQuery(context.switchToHttp().getRequest<FastifyRequest>().query, allowed),
);
