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
export async function unwrap<T>(res: { ok: boolean; status: number; json(): Promise<T> }): Promise<T> {
  if (res.ok) return res.json();
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  throw new ApiRequestError(res.status, body?.error?.message ?? `Request failed (${res.status})`);
}
