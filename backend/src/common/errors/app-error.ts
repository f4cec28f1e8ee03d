/**
 * One item of an error's `details`: which input was wrong and why. Validation errors carry one item per failed
 * constraint (`{ field: 'email', constraint: 'isEmail', message: 'email must be an email' }`).
 */
export interface ErrorDetail {
  /** Dotted path of the offending input field (`address.street`, `items.0.name`), when there is one. */
  field?: string;
  /** Machine-readable name of the failed rule (class-validator constraint name, or a module's own). */
  constraint?: string;
  message: string;
}

/**
 * The one error type the application throws on purpose. The global exception filter turns it into
 * `{ statusCode, code, message, details?, requestId }` with `status` as the HTTP status.
 *
 * Modules name their codes in `<name>.errors.ts`, e.g.:
 * ```ts
 * export const OperatorErrors = {
 *   notFound: (id: string) => new AppError('OPERATOR_NOT_FOUND', HttpStatus.NOT_FOUND, `Operator ${id} does not exist`),
 * };
 * ```
 * `message` is sent to the client as is: it must not contain secrets, stack traces or other users' data.
 */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly details?: ErrorDetail[],
    options?: { cause?: unknown; headers?: Readonly<Record<string, string>> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.headers = options?.headers;
  }

  /** Response headers that belong to the error, such as `Retry-After` or `WWW-Authenticate`. */
  readonly headers?: Readonly<Record<string, string>>;
}
