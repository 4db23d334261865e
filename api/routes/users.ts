import { Hono } from 'hono';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { usersAsync } from '../../db/queries/users.ts';
import { ROLES } from '../../indicators/index.ts';
import { badRequest } from '../errors.ts';
import { requireRole } from '../middleware/auth.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { changeAccount, createAccount } from '../services/auth/accounts.ts';
import { validate } from '../validate.ts';

const RoleSchema = z.enum(ROLES, { message: `must be one of ${ROLES.join(', ')}` });
const NewUserBody = z.object({
  email: z.email({ message: 'must be an email address' }).max(320, 'is too long'),
  name: z.string().trim().max(120, 'must be at most 120 characters').optional(),
  role: RoleSchema,
  password: z.string().max(1024, 'is too long'),
});
const UserChangeBody = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(120, 'must be at most 120 characters').optional(),
  role: RoleSchema.optional(),
  disabled: z.boolean({ message: 'must be true or false' }).optional(),
  password: z.string().max(1024, 'is too long').optional(),
});
const UserParam = z.object({ id: z.coerce.number().int().positive({ message: 'must be a user id' }) });

/**
 * Account management, admins only: `GET /users`, `POST /users` (email, name, role, initial password),
 * `PATCH /users/{id}` (name, role, disabled, password). Every change is audited; the last enabled
 * admin cannot be demoted or disabled.
 */
export function userRoutes(data: AsyncDb, config: SecurityConfig) {
  return new Hono()
    .get('/users', requireRole('admin'), async (c) => c.json(await usersAsync.list(data)))
    .post('/users', requireRole('admin'), validate('json', NewUserBody), async (c) => {
      const user = await createAccount(data, c.req.valid('json'), c.var.actor.name, config.now().toISOString());
      return c.json(user, 201);
    })
    .patch(
      '/users/:id',
      requireRole('admin'),
      validate('param', UserParam),
      validate('json', UserChangeBody),
      async (c) => {
        const change = c.req.valid('json');
        if (Object.keys(change).length === 0)
          throw badRequest([{ field: 'body', message: 'must change at least one of name, role, disabled, password' }]);
        const user = await changeAccount(
          data,
          c.req.valid('param').id,
          change,
          c.var.actor.name,
          config.now().toISOString(),
        );
        return c.json(user);
      },
    );
}
