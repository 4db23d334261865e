import { zValidator } from '@hono/zod-validator';
import type { Context, ValidationTargets } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.ts';

/** What a `validate()` middleware checks, readable from the app's route table (the OpenAPI description is built from it). */
export interface Validation {
  validation: { target: keyof ValidationTargets; schema: z.ZodType };
}

/**
 * zod validation for a request part; on failure throws a 400 envelope naming each bad field
 * (the query parameter, path segment or JSON path) and what is wrong with it. The middleware
 * carries its target and schema (see {@link Validation}).
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) {
      throw badRequest(
        result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || target, message: i.message })),
        `Invalid ${target}`,
      );
    }
  });
  return Object.assign(middleware, { validation: { target, schema } } satisfies Validation);
}

/** The uploaded file's bytes and name: a multipart `file` field, or the raw body. */
export async function fileOf(c: Context): Promise<{ bytes: Uint8Array; fileName: string | undefined }> {
  if ((c.req.header('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const form = await c.req.parseBody().catch(() => {
      throw badRequest([{ field: 'body', message: 'is not a well-formed multipart/form-data upload' }]);
    });
    if (!(form.file instanceof File))
      throw badRequest([{ field: 'file', message: 'multipart upload needs a file field named "file"' }]);
    return { bytes: new Uint8Array(await form.file.arrayBuffer()), fileName: form.file.name || undefined };
  }
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (!bytes.length)
    throw badRequest([{ field: 'file', message: 'is empty: send GeoJSON, TopoJSON or a zipped Shapefile' }]);
  return { bytes, fileName: undefined };
}
