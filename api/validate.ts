import { zValidator } from '@hono/zod-validator';
import type { ValidationTargets } from 'hono';
import type { z } from 'zod';
import { badRequest } from './errors.ts';

/**
 * zod validation for a request part; on failure throws a 400 envelope naming each bad field
 * (the query parameter, path segment or JSON path) and what is wrong with it.
 */
export function validate<T extends z.ZodType, Target extends keyof ValidationTargets>(target: Target, schema: T) {
  return zValidator(target, schema, (result) => {
    if (!result.success) {
      throw badRequest(
        result.error.issues.map((i) => ({ field: i.path.map(String).join('.') || target, message: i.message })),
        `Invalid ${target}`,
      );
    }
  });
}
