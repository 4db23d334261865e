import { z } from 'zod';
import type { ResourceDoc } from './route-doc.ts';

/** Health and the description of the API itself. */
export const metaDoc: ResourceDoc = {
  name: 'Service',
  description: 'Liveness, version, and this description of the API (as OpenAPI 3.1 and as a page).',
  routes: [
    {
      method: 'get',
      path: '/api/health',
      summary: 'Liveness and version (and, for admins, the scheduled backups)',
      description:
        'Open to anyone. Reads the database once: when it cannot be reached (PostgreSQL down or restarting), a 503 `database_unavailable` with Retry-After. An admin (a session, or an API token as a monitoring probe would send) also gets `backup`: whether scheduled backups are configured (`VIGIL_BACKUP_DIR`), the last successful one and its age, the last error, the next attempt, the files kept, and `stale` (no success yet, or none for twice the interval) to alert on.',
      responses: {
        200: {
          description: 'The server is up',
          shape: z.object({
            status: z.literal('ok'),
            version: z.string().meta({ examples: ['0.1.0'] }),
            backup: z
              .object({
                configured: z.boolean(),
                dir: z.string().optional(),
                every: z
                  .string()
                  .optional()
                  .meta({ examples: ['24h'] }),
                keep: z.number().int().optional(),
                lastSuccessAt: z.string().nullable(),
                lastSuccessFile: z.string().nullable(),
                ageSeconds: z.number().int().nullable(),
                lastAttemptAt: z.string().nullable(),
                lastError: z.string().nullable(),
                nextAt: z.string().nullable(),
                stale: z.boolean(),
                kept: z.array(z.string()),
              })
              .optional()
              .meta({ description: 'Admins only' }),
          }),
        },
      },
      example: '/api/health',
    },
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This API as an OpenAPI 3.1 document',
      description:
        'Every route the server answers: parameters with their constraints (from the same zod schemas that validate requests), bodies, responses, the error envelope and the role each route needs (`x-vigil-role`).',
      responses: {
        200: {
          description: 'The OpenAPI document',
          shape: z.object({
            openapi: z.string(),
            info: z.object({ title: z.string(), version: z.string() }),
            paths: z.record(z.string(), z.unknown()),
          }),
        },
      },
      example: '/api/openapi.json',
    },
    {
      method: 'get',
      path: '/api/docs',
      summary: 'This API as a page to browse',
      description:
        'The OpenAPI document rendered by Vigil itself, grouped by resource, each route with its parameters, role and an example. Loads nothing from another server.',
      responses: { 200: { description: 'An HTML page', contentType: 'text/html' } },
      example: '/api/docs',
    },
    {
      method: 'get',
      path: '/api/docs/docs.css',
      summary: 'Stylesheet of the API page',
      responses: { 200: { description: 'CSS', contentType: 'text/css' } },
    },
    {
      method: 'get',
      path: '/api/docs/docs.js',
      summary: 'Script of the API page (filtering routes as you type)',
      responses: { 200: { description: 'JavaScript', contentType: 'text/javascript' } },
    },
  ],
};
