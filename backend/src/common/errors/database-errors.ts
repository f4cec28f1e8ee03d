import { QueryFailedError } from 'typeorm';

/** Network error codes of a database connection that failed or was lost (Node.js / libpq level). */
const CONNECTION_ERROR_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
]);
/**
 * PostgreSQL SQLSTATEs of a server that cannot serve now: connection exceptions (08…), the server shutting down or
 * refusing new connections (57P01–57P03), too many connections (53300). (A database that takes no connections says
 * 55000, "object not in prerequisite state", which other real errors share: it is recognised by its message.)
 */
const UNAVAILABLE_SQLSTATES = /^(08\d{3}|57P0[123]|53300)$/;
/** Messages of the pg driver and pool when the connection is gone or cannot be made. */
const UNAVAILABLE_MESSAGES =
  /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|is not currently accepting connections|does not allow connections/i;

/**
 * True when an error says the database cannot be reached or is not serving now (as opposed to a statement it
 * refused): answered 503 SERVICE_UNAVAILABLE, not 500. SQLite's `SQLITE_BUSY` (another connection held the file's
 * write lock for longer than busy_timeout) counts too: the request can be retried.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const driverError = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = (driverError as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') {
    if (CONNECTION_ERROR_CODES.has(code) || UNAVAILABLE_SQLSTATES.test(code)) return true;
    if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY_')) return true;
  }
  const message = driverError instanceof Error ? driverError.message : error.message;
  return UNAVAILABLE_MESSAGES.test(message);
}

/** True for a unique-constraint violation on PostgreSQL (23505) or SQLite (SQLITE_CONSTRAINT_UNIQUE). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: unknown } | undefined;
  const code = driverError?.code ?? (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}
