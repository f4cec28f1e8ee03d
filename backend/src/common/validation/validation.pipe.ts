import { ValidationError, ValidationPipe } from '@nestjs/common';
import { ErrorDetail } from '../errors/app-error';
import { CommonErrors } from '../errors/common.errors';

/** Flattens class-validator's error tree into one detail per failed constraint, with dotted field paths. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [constraint, message] of Object.entries(error.constraints ?? {})) {
      details.push({ field, constraint, message });
    }
    if (error.children?.length) details.push(...flattenValidationErrors(error.children, field));
  }
  return details;
}

/**
 * The global pipe: unknown properties are rejected (not silently dropped), payloads become DTO instances, and
 * failures become 400 `VALIDATION_FAILED` with one detail per failed constraint.
 */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // Values are never echoed back in messages or details: they may be passwords or personal data.
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => CommonErrors.validationFailed(flattenValidationErrors(errors)),
  });
}
