/**
 * SQLSTATE classes and codes that mean the PostgreSQL server cannot serve this connection right
 * now, whatever the query: 08 connection exceptions, 57P01-57P03 (the server is shutting down, was
 * restarted after a crash, or is still starting up), 53300 (too many connections).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** Node's socket errors for a server that is not there or went away. */
const SOCKET_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * The messages `pg` gives, without a code, to a connection closed under it ("Connection terminated",
 * "Connection terminated unexpectedly"), a connection that could not be made in time, and a query on a
 * client that lost its connection.
 */
const UNAVAILABLE_MESSAGE =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable)/;

/**
 * Whether `err` says the PostgreSQL server cannot be reached (down, restarting, refusing
 * connections), rather than that the query was wrong: the one place that recognises it, so that
 * the API answers 503 `database_unavailable` for it (api/errors.ts). Follows `cause` (drizzle wraps
 * a failed query in a DrizzleQueryError) and the errors of an AggregateError (Node's connect tries
 * every address of a host name).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_STATES.has(code) || SOCKET_CODES.has(code)) return true;
  }
  if (UNAVAILABLE_MESSAGE.test(err.message)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1))) return true;
  return isDatabaseUnavailable(err.cause, depth + 1);
}
