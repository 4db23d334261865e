import { createMiddleware } from 'hono/factory';
import { ROLES, type Role } from '../../indicators/vocabulary.ts';

/** Who is making a request. `id` is null for the local operator before accounts exist. */
export interface Actor {
  id: number | null;
  name: string;
  role: Role;
}

/** Hono variables set by the auth middleware. */
export type AuthEnv = { Variables: { actor: Actor } };

/** Placeholder actor until accounts exist (issue: accounts, roles and audit). */
const LOCAL_OPERATOR: Actor = { id: null, name: 'local-operator', role: 'admin' };

/**
 * Requires at least `role` for the route and sets `c.var.actor`. For now every request acts as the
 * local operator; the accounts work replaces the body of this function, and routes stay as they are.
 */
export function requireRole(role: Role) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const actor = LOCAL_OPERATOR;
    if (ROLES.indexOf(actor.role) < ROLES.indexOf(role)) return c.json({ error: { code: 'forbidden', message: `Requires the ${role} role` } }, 403);
    c.set('actor', actor);
    await next();
    return undefined;
  });
}
