import { Hono, type Context } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { AsyncDb } from '../../db/async.ts';
import { auditAsync } from '../../db/queries/audit.ts';
import { tokensAsync, usersAsync } from '../../db/queries/users.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { CATALOGUE_LANGS } from '../../indicators/index.ts';
import { ApiError, notFound } from '../errors.ts';
import { authOf, CSRF_COOKIE, requireRole, SESSION_COOKIE } from '../middleware/auth.ts';
import { clientIp } from '../middleware/client-ip.ts';
import { RateLimiter, rateLimit } from '../middleware/rate-limit.ts';
import type { SecurityConfig } from '../services/auth/config.ts';
import { changeOwnPassword } from '../services/auth/accounts.ts';
import { signIn, signOut } from '../services/auth/sessions.ts';
import { hashSecret, newApiToken } from '../services/auth/tokens.ts';
import { validate } from '../validate.ts';

const LoginBody = z.object({
  email: z.string().trim().min(3, 'is required').max(320, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});
const TokenBody = z.object({
  label: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
  /** Days until the token stops working; omitted or null: until revoked. */
  expiresInDays: z
    .number({ error: 'must be a number of days' })
    .int('must be a whole number of days')
    .min(1, 'must be at least 1 day')
    .max(3650, 'must be at most 3650 days')
    .nullish(),
});
const PasswordBody = z.object({
  current: z.string().min(1, 'is required').max(1024, 'is too long'),
  password: z.string().min(1, 'is required').max(1024, 'is too long'),
});
/** The account's own preferences; `language` null forgets the choice (the browser's language is used again). */
const MeBody = z
  .object({
    language: z.enum(CATALOGUE_LANGS, { error: `must be one of ${CATALOGUE_LANGS.join(', ')}, or null` }).nullable(),
  })
  .strict();
const TokenParam = z.object({ id: z.coerce.number().int().positive({ message: 'must be a token id' }) });

/** Cookies are `Secure` when configured, or when the request came over TLS (directly or via a proxy saying so). */
function isSecure(c: Context, config: SecurityConfig): boolean {
  return (
    config.secureCookies ||
    c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim() === 'https' ||
    new URL(c.req.url).protocol === 'https:'
  );
}

/**
 * Sign-in and API tokens. `POST /auth/login` (email, password → session cookie, HttpOnly and
 * SameSite=Strict, plus the CSRF token), `POST /auth/logout`, `GET /auth/me` (the account or null, and
 * whether public read is on), `PATCH /auth/me` (the account's own preferences: `language`), and the
 * caller's own API tokens: `POST /auth/tokens` (the token is in
 * this response only; optionally expiring after `expiresInDays`), `GET /auth/tokens` (with expiry and
 * last use), `DELETE /auth/tokens/{id}`; `POST /auth/password` (the current password and a new one,
 * from a signed-in session; other sessions end and every API token of the account is revoked).
 */
export function authRoutes(data: AsyncDb, config: SecurityConfig) {
  // Counted in the database: every API process on it shares these limits.
  const perAccount = new RateLimiter('sign-in-account', config.loginAttemptsPerMinute, 60_000, data);
  const perClient = new RateLimiter('sign-in-client', config.loginAttemptsPerMinute * 10, 60_000, data);
  // Guessing the current password from a stolen session meets the same limit as guessing at sign-in.
  const perPasswordChange = new RateLimiter('password-change', config.loginAttemptsPerMinute, 60_000, data);
  const ip = (c: Context) => clientIp(c, config.trustProxy);
  const accountKey = async (c: Context) =>
    `${ip(c)}|${String(((await c.req.json()) as { email: string }).email)
      .trim()
      .toLowerCase()}`;

  return new Hono()
    .post(
      '/auth/login',
      rateLimit(perClient, ip),
      validate('json', LoginBody),
      rateLimit(perAccount, accountKey),
      async (c) => {
        const { email, password } = c.req.valid('json');
        const key = await accountKey(c);
        // The account's failed attempts are forgotten in the sign-in's own transaction.
        const session = await signIn(data, email, password, config.now(), config.sessionTtlHours, (tx) =>
          perAccount.reset(key, tx),
        );
        if (!session)
          throw new ApiError(401, 'invalid_credentials', 'Email or password is wrong, or the account is disabled');
        const secure = isSecure(c, config);
        const maxAge = Math.floor(config.sessionTtlHours * 3600);
        setCookie(c, SESSION_COOKIE, session.sessionId, {
          httpOnly: true,
          sameSite: 'Strict',
          secure,
          path: '/',
          maxAge,
        });
        setCookie(c, CSRF_COOKIE, session.csrfToken, {
          httpOnly: false,
          sameSite: 'Strict',
          secure,
          path: '/',
          maxAge,
        });
        return c.json({ user: session.user, csrfToken: session.csrfToken, expiresAt: session.expiresAt });
      },
    )
    .post('/auth/logout', async (c) => {
      const auth = authOf(c);
      if (auth?.via === 'session') await signOut(data, auth.sessionIdHash);
      deleteCookie(c, SESSION_COOKIE, { path: '/' });
      deleteCookie(c, CSRF_COOKIE, { path: '/' });
      return c.body(null, 204);
    })
    .get('/auth/me', (c) => {
      const auth = authOf(c);
      c.header('Cache-Control', 'no-store');
      return c.json({
        user: auth ? auth.user : null,
        via: auth?.via ?? null,
        csrfToken: auth?.via === 'session' ? auth.csrfToken : null,
        publicRead: config.publicRead,
      });
    })
    .patch('/auth/me', requireRole('viewer'), validate('json', MeBody), async (c) => {
      const auth = authOf(c)!;
      const user = await usersAsync.update(data, auth.user.id, { language: c.req.valid('json').language });
      if (!user) throw notFound('account');
      return c.json({ user });
    })
    .post(
      '/auth/password',
      requireRole('viewer'),
      rateLimit(perPasswordChange, (c) => String(authOf(c)!.user.id)),
      validate('json', PasswordBody),
      async (c) => {
        const auth = authOf(c)!;
        if (auth.via !== 'session')
          throw new ApiError(
            403,
            'session_required',
            'A password is changed from a signed-in session, not with an API token',
          );
        const user = await changeOwnPassword(
          data,
          auth.user,
          c.req.valid('json'),
          config.now().toISOString(),
          auth.sessionIdHash,
        );
        return c.json({ user });
      },
    )
    .get('/auth/tokens', requireRole('viewer'), async (c) => c.json(await tokensAsync.list(data, authOf(c)!.user.id)))
    .post('/auth/tokens', requireRole('viewer'), validate('json', TokenBody), async (c) => {
      const auth = authOf(c)!;
      if (auth.via !== 'session')
        throw new ApiError(
          403,
          'session_required',
          'API tokens are created from a signed-in session, not with another token',
        );
      const token = newApiToken();
      const now = config.now();
      const at = now.toISOString();
      const { label, expiresInDays } = c.req.valid('json');
      const expiresAt = expiresInDays ? new Date(now.getTime() + expiresInDays * 86_400_000).toISOString() : null;
      const row = await inTransaction(data, async (tx) => {
        const r = await tokensAsync.insert(tx, {
          userId: auth.user.id,
          label,
          tokenHash: hashSecret(token),
          createdAt: at,
          expiresAt,
        });
        await auditAsync.append(tx, {
          at,
          actor: auth.actor.name,
          action: 'create',
          entity: 'api_token',
          entityId: String(r.id),
          before: null,
          after: r,
        });
        return r;
      });
      c.header('Cache-Control', 'no-store');
      return c.json({ ...row, token }, 201);
    })
    .delete('/auth/tokens/:id', requireRole('viewer'), validate('param', TokenParam), async (c) => {
      const auth = authOf(c)!;
      const { id } = c.req.valid('param');
      const before = await tokensAsync.get(data, id);
      if (!before || (before.userId !== auth.user.id && auth.actor.role !== 'admin')) throw notFound(`Token ${id}`);
      const at = config.now().toISOString();
      const after = await inTransaction(data, async (tx) => {
        if (await tokensAsync.revoke(tx, id, at)) {
          await auditAsync.append(tx, {
            at,
            actor: auth.actor.name,
            action: 'revoke',
            entity: 'api_token',
            entityId: String(id),
            before,
            after: { ...before, revokedAt: at },
          });
        }
        return (await tokensAsync.get(tx, id))!;
      });
      return c.json(after);
    });
}
