import { type ApiError, genericErrorMessage } from '../../../core/http/api-error';

/** What the operator and mode pages say about a failed request, by the server's error code. */
export function operatorsErrorMessage(error: ApiError): string {
  switch (error.code) {
    case 'OPERATOR_NOT_FOUND':
      return 'This operator does not exist (any more).';
    case 'OPERATOR_IN_USE':
      return 'This operator cannot be deleted: staff users or customers still belong to it.';
    case 'OPERATOR_EXISTS':
      return 'An operator with this ID already exists. Choose another ID.';
    case 'MODE_NOT_FOUND':
      return 'This mode does not exist (any more).';
    case 'MODE_EXISTS':
      return 'A mode with this ID already exists. Choose another ID.';
    case 'MODE_IN_USE':
      return 'This mode cannot be deleted: at least one operator runs it. Remove it from those operators first.';
    case 'UNKNOWN_MODE':
      return 'One of the chosen modes does not exist. Reload the page and choose again.';
    case 'FIELD_NOT_ALLOWED':
      return 'You may not change one of these fields. Only an administrator can.';
    case 'FORBIDDEN':
      return 'You are not allowed to change this operator.';
    case 'VALIDATION_FAILED':
      return 'Some values are not valid. Check the highlighted fields.';
    case 'UNAUTHORIZED':
      return 'Your session has ended. Sign in again.';
    default:
      return genericErrorMessage(error);
  }
}

/** One item of a `VALIDATION_FAILED` (or `FIELD_NOT_ALLOWED`) error's details. */
interface ErrorDetail {
  readonly field?: string;
  readonly message: string;
}

function isErrorDetail(value: unknown): value is ErrorDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Record<string, unknown>)['message'] === 'string' &&
    ['string', 'undefined'].includes(typeof (value as Record<string, unknown>)['field'])
  );
}

/**
 * The server's per-field messages: `{ field: 'miptaUrls.1', message }` becomes `miptaUrls → message` (the top-level
 * field of a dotted path). Several messages for one field are joined.
 */
export function fieldErrorsOf(error: ApiError | null): Readonly<Record<string, string>> {
  if (!error || !Array.isArray(error.details)) {
    return {};
  }
  const messages: Record<string, string[]> = {};
  for (const detail of error.details as unknown[]) {
    if (isErrorDetail(detail) && detail.field) {
      const field = detail.field.split('.')[0] ?? detail.field;
      (messages[field] ??= []).push(detail.message);
    }
  }
  return Object.fromEntries(Object.entries(messages).map(([field, list]) => [field, list.join(' ')]));
}
