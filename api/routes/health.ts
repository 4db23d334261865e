import { Hono } from 'hono';

/** `GET /api/health`: liveness and version. */
export function healthRoutes(version: string) {
  return new Hono().get('/health', (c) => c.json({ status: 'ok' as const, version }));
}
