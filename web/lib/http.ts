import type { FieldError } from '../../api/errors.ts';

export type { FieldError };

/** Name of the script-readable cookie that holds the session's CSRF token (set by the API at sign-in). */
const CSRF_COOKIE = 'vigil_csrf';

/**
 * The header every request sends: the session's CSRF token from its cookie, decoded (the API checks
 * it on signed-in writes). Empty when no one is signed in.
 */
export function csrfHeaders(): Record<string, string> {
  const pair = document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return pair ? { 'X-CSRF-Token': decodeURIComponent(pair.slice(CSRF_COOKIE.length + 1)) } : {};
}

/**
 * A request the API refused or could not serve: its status, the error envelope's code and message,
 * each field at fault, and the rest of the body (an import's or a catalogue's report on a 422).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string = 'http_error',
    readonly fields: readonly FieldError[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

/** Throws the response's error envelope as an {@link ApiError} unless it succeeded. */
export async function ensureOk<R extends Response | { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<R> {
  if (res.ok) return res;
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: FieldError[] };
  } | null;
  const e = body?.error;
  throw new ApiError(res.status, e?.message ?? `Request failed (${res.status})`, e?.code, e?.fields ?? [], body);
}

/** The JSON body of the successful responses among `R` (a typed client response: error statuses drop out). */
export type OkBody<R> = R extends { ok: false } ? never : R extends { json(): Promise<infer T> } ? T : never;

/** The JSON body of a successful response, typed by the route (through `hc<AppType>`); throws {@link ApiError} otherwise. */
export async function unwrap<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<OkBody<R>> {
  await ensureOk(res);
  return (await res.json()) as OkBody<R>;
}

/**
 * Request options that send `body` as JSON, for routes that read their body themselves (the write
 * path validates it, so the typed client has no `json` argument for them).
 */
export function jsonBody(body: unknown) {
  return { headers: { 'Content-Type': 'application/json' }, init: { body: JSON.stringify(body) } };
}
