import { hc } from 'hono/client';
import type { AppType } from '../../api/app.ts';

/** Typed client of Vigil's API (types only come from api/; no server code reaches the bundle). */
export const api = hc<AppType>('/api');

/** The error envelope's message, carried to the UI. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Returns the JSON body of a successful response, or throws with the API's own error message. */
export async function unwrap<R extends { ok: boolean; status: number; json(): Promise<unknown> }>(
  res: R,
): Promise<Awaited<ReturnType<R['json']>>> {
  if (res.ok) return (await res.json()) as Awaited<ReturnType<R['json']>>;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new ApiRequestError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
}

/**
 * GET a JSON route that the typed client does not know (yet): same error handling as {@link unwrap}.
 * `query` values that are null or undefined are left out.
 */
export async function getJson<T>(
  path: string,
  query: Record<string, string | number | boolean | null | undefined> = {},
  signal?: AbortSignal,
): Promise<T> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== null && v !== undefined) qs.set(k, String(v));
  const q = qs.toString();
  const res = await fetch(`/api${path}${q ? `?${q}` : ''}`, { signal });
  return (await unwrap(res)) as T;
}
