import { hc } from 'hono/client';
import type { AppType } from '../../api/app.ts';
import { csrfHeaders } from './http.ts';

/**
 * Typed client of Vigil's API: the dashboard's only way to call it (types only come from api/; no
 * server code reaches the bundle). Every request carries the session's CSRF header.
 */
export const api = hc<AppType>('/api', { headers: csrfHeaders });
