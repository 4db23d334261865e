import { DrizzleQueryError } from 'drizzle-orm/errors';

/**
 * SQLSTATE classes and codes that mean the PostgreSQL server cannot serve this connection right
 * now, whatever the query: 08 connection exceptions, 57P01-57P03 (the server is shutting down, was
 * restarted after a crash, or is still starting up), 53300 (too many connections).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53300']);

/**
 * Node's socket errors for a server that is not there or went away. Counted only where they can
 * come from the database: on connecting (`syscall` connect or getaddrinfo: the API makes no other
 * connection), or as the cause of a failed query; an EPIPE from a job child, say, stays a 500.
 */
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
const CONNECTING = new Set(['connect', 'getaddrinfo']);

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
export function isDatabaseUnavailable(err: unknown, depth = 0, inQuery = false): boolean {
  if (!(err instanceof Error) || depth > 5) return false;
  const { code, syscall } = err as { code?: unknown; syscall?: unknown };
  if (typeof code === 'string') {
    if (code.startsWith('08') && code.length === 5) return true;
    if (UNAVAILABLE_STATES.has(code)) return true;
    if (SOCKET_CODES.has(code) && (inQuery || CONNECTING.has(String(syscall)))) return true;
  }
  if (UNAVAILABLE_MESSAGE.test(err.message)) return true;
  const query = inQuery || err instanceof DrizzleQueryError;
  if (err instanceof AggregateError && err.errors.some((e) => isDatabaseUnavailable(e, depth + 1, query))) return true;
  return isDatabaseUnavailable(err.cause, depth + 1, query);
}
