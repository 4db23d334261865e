import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isBusyError, WritesPausedError } from '../db/write-gate.ts';
import { isDatabaseUnavailable } from '../db/pg/errors.ts';

/** One problem with one input field. */
export interface FieldError {
  field: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorEnvelope {
  error: { code: string; message: string; fields?: FieldError[] };
}

/** An error that becomes a JSON error envelope with its status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly fields?: FieldError[],
  ) {
    super(message);
  }
}

/** A 400 naming the fields at fault. */
export function badRequest(fields: FieldError[], message = 'Invalid request'): ApiError {
  return new ApiError(
    400,
    'invalid_request',
    `${message}: ${fields.map((f) => `${f.field} ${f.message}`).join('; ')}`,
    fields,
  );
}

/** A 404 for a missing resource. */
export function notFound(what: string): ApiError {
  return new ApiError(404, 'not_found', `${what} not found`);
}

/** Seconds a write refused because the database was locked is told to wait (the busy timeout already waited 5). */
export const BUSY_RETRY_AFTER = 5;

/** Seconds a request refused because the database could not be reached is told to wait. */
export const UNAVAILABLE_RETRY_AFTER = 10;

/**
 * Renders any thrown error as an envelope; never leaks a stack trace or SQL. A write that met the
 * database busy (paused while a full recompute stores its scores, or locked by another process past
 * the busy timeout) is a 503 `busy` with Retry-After, not an internal error. A paused write wrote
 * nothing; a busy one had its transaction rolled back (an earlier step of the same request, if any,
 * may have committed).
 *
 * A request that needed the database while it could not be reached (PostgreSQL down or restarting,
 * `isDatabaseUnavailable`) is a 503 `database_unavailable` with Retry-After: the message says so and
 * nothing more (never the driver's text, which may name the host or user). Nothing is kept from the
 * outage: the next request after the database is back is served as usual.
 */
export function onError(err: Error, c: Context): Response {
  if (isDatabaseUnavailable(err)) {
    c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER));
    const message = `The database cannot be reached (it may be restarting). Retry after ${UNAVAILABLE_RETRY_AFTER} s.`;
    return c.json({ error: { code: 'database_unavailable', message } } satisfies ErrorEnvelope, 503);
  }
  if (err instanceof WritesPausedError || isBusyError(err)) {
    const wait = err instanceof WritesPausedError ? err.retryAfterSeconds : BUSY_RETRY_AFTER;
    c.header('Retry-After', String(wait));
    const message =
      err instanceof WritesPausedError
        ? err.message
        : `The database is busy with another write. Retry after ${wait} s.`;
    return c.json({ error: { code: 'busy', message } } satisfies ErrorEnvelope, 503);
  }
  if (err instanceof ApiError) {
    const body: ErrorEnvelope = {
      error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
    };
    return c.json(body, err.status);
  }
  if (err instanceof HTTPException) {
    return c.json(
      { error: { code: 'http_error', message: err.message || 'Request failed' } } satisfies ErrorEnvelope,
      err.status,
    );
  }
  console.error(err);
  return c.json({ error: { code: 'internal', message: 'Internal error' } } satisfies ErrorEnvelope, 500);
}
