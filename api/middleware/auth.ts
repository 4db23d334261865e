import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { AsyncDb } from '../../db/async.ts';
import { sessionsAsync } from '../../db/queries/sessions.ts';
import { tokensAsync, type PublicUser } from '../../db/queries/users.ts';
import { ROLES } from '../../indicators/index.ts';
import type { Role } from '../../indicators/index.ts';
import { ApiError } from '../errors.ts';
import type { Actor } from '../services/auth/actor.ts';
import { hashSecret } from '../services/auth/tokens.ts';
import type { SecurityConfig } from '../services/auth/config.ts';

/** How a request proved who it is: a browser session cookie or an API token. */
export type Auth =
  | { via: 'session'; actor: Actor; user: PublicUser; sessionIdHash: string; csrfToken: string }
  | { via: 'token'; actor: Actor; user: PublicUser; tokenId: number };

/** Hono variables set by the auth middleware: `auth` for every request that proved itself, `actor` on role-checked routes. */
export type AuthEnv = { Variables: { actor: Actor; auth?: Auth } };

/** Name of the HttpOnly cookie holding the session id. */
export const SESSION_COOKIE = 'vigil_session';
/** Name of the script-readable cookie holding the session's CSRF token (sent back in `X-CSRF-Token`). */
export const CSRF_COOKIE = 'vigil_csrf';

/** The actor for an account. */
export function actorOf(user: PublicUser): Actor {
  return { id: user.id, name: user.email, role: user.role };
}

/** Whether `have` is at least `need` in the order viewer < analyst < admin. */
export function hasRole(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** The request's proven identity, or undefined for an anonymous request. */
export function authOf(c: Context): Auth | undefined {
  return (c as Context<AuthEnv>).get('auth');
}

/**
 * Resolves who is calling, for every `/api` request: an `Authorization: Bearer <token>` header (a
 * wrong, revoked or expired token is a 401, never anonymous; an answered request records the token's
 * last use), else the session cookie (an expired or unknown
 * one is ignored: the request is anonymous). Other schemes (`Basic`, `Digest`, `Negotiate`…) are not
 * Vigil's: a reverse proxy in front may demand them of every request, so the header is ignored as if
 * absent. Decides nothing itself; the access gate and `requireRole` do. Reads through `data`, so a
 * session or token made through any API process on the same database is valid here.
 */
export function authenticate(data: AsyncDb, config: Pick<SecurityConfig, 'now'>) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('Authorization')?.trim();
    if (header && /^Bearer(\s|$)/i.test(header)) {
      const token = /^Bearer +(\S+)$/i.exec(header)?.[1];
      if (!token) throw new ApiError(401, 'unauthorized', 'Authorization must be "Bearer <API token>"');
      const now = config.now();
      const found = await tokensAsync.owner(data, hashSecret(token), now.toISOString());
      if (!found) throw new ApiError(401, 'invalid_token', 'The API token is unknown, revoked or expired');
      c.set('auth', { via: 'token', actor: actorOf(found.user), user: found.user, tokenId: found.tokenId });
      await next();
      // Last use, to the minute: only answered requests count (a refused one changes nothing), and a
      // token used many times a minute is written once.
      const since = new Date(now.getTime() - 60_000).toISOString();
      if (c.res.status < 400 && !(found.lastUsedAt && found.lastUsedAt >= since))
        await tokensAsync.touch(data, found.tokenId, now.toISOString(), since);
      return;
    } else {
      const sid = getCookie(c, SESSION_COOKIE);
      const found = sid ? await sessionsAsync.find(data, hashSecret(sid), config.now().toISOString()) : undefined;
      if (found) {
        c.set('auth', {
          via: 'session',
          actor: actorOf(found.user),
          user: found.user,
          sessionIdHash: found.session.idHash,
          csrfToken: found.session.csrfToken,
        });
      }
    }
    await next();
  });
}

/** The role a `requireRole` middleware demands (read by the authorisation test matrix through `app.routes`). */
export interface RoleRequirement {
  requiredRole: Role;
}

/**
 * Requires an account with at least `role` for the route, and sets `c.var.actor`. Anonymous requests
 * get a 401, accounts with a lower role a 403. Identity comes from `authenticate`, which the app runs
 * on every `/api` request; routes mounted without it reject everyone.
 */
export function requireRole(role: Role) {
  const middleware = createMiddleware<AuthEnv>(async (c, next) => {
    const auth = c.get('auth');
    if (!auth) throw new ApiError(401, 'unauthorized', 'Sign in, or send an API token, to do this');
    if (!hasRole(auth.actor.role, role)) throw new ApiError(403, 'forbidden', `Requires the ${role} role`);
    c.set('actor', auth.actor);
    await next();
  });
  return Object.assign(middleware, { requiredRole: role } satisfies RoleRequirement);
}
