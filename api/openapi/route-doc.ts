import type { z } from 'zod';

/** One response a route documents: what it means, and its body as a zod shape (JSON unless `contentType` says otherwise). */
export interface ResponseDoc {
  description: string;
  shape?: z.ZodType;
  /** Media type of the body; default `application/json`. */
  contentType?: string;
}

/**
 * The hand-written half of one operation's description. The other half comes from the served route
 * itself: its parameters and JSON body from the `validate()` schemas, its role from `requireRole`
 * and the public-read list.
 */
export interface RouteDoc {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The path as the app routes it, with `:param` segments, e.g. `/api/regions/:code/scores`. */
  path: string;
  summary: string;
  description?: string;
  /** Descriptions of query and path parameters, by name (common names are described once in build.ts). */
  params?: Record<string, string>;
  /** A body the route reads itself (not through `validate('json', …)`): CSV text, a JSON document checked by a service… */
  body?: { description: string; contentTypes: string[]; shape?: z.ZodType; example?: unknown };
  /** Success responses by status. */
  responses: Record<number, ResponseDoc>;
  /** Error statuses this route can answer besides the ones derived from its role, parameters and body. */
  errors?: Partial<Record<401 | 403 | 404 | 409 | 422 | 429, string>>;
  /** An example request (path and query) a reader can try. */
  example?: string;
}

/** The routes of one resource, shown together (an OpenAPI tag). */
export interface ResourceDoc {
  name: string;
  description: string;
  routes: RouteDoc[];
}

/** What the description of a heavy read adds: where it is built, and the gate in front of it. */
export const HEAVY_READ_NOTE =
  'Heavy: built (when not cached) in a worker thread, off the event loop that answers every other request; at most VIGIL_HEAVY_READS such builds run at once (default 16), VIGIL_HEAVY_READS_PER_CLIENT per account or address (default 6, as many requests as a browser sends to one server), and a request beyond that is refused with 429 busy and Retry-After rather than queued. A request for a body being built waits for that build; a cached one is never refused.';

/** The 429 a heavy read may answer. */
export const HEAVY_READ_429 = { 429: 'Too many heavy builds running (Retry-After says when to try again)' } as const;

/** What the description of a read that is heavy only under a scenario other than the baseline adds. */
export const SCENARIO_HEAVY_NOTE = `Under a scenario other than the baseline the scores are computed, not read: ${HEAVY_READ_NOTE}`;

/** `lang` on routes that write text of their own (reasons, notes, brief and export metadata). */
export const TEXT_LANG =
  'Language of the texts Vigil writes: en, fr or ar (default: the signed-in account’s language, else en); ids and codes stay English, and the answer’s Content-Language says which was used';
