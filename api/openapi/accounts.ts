import { z } from 'zod';
import { CATALOGUE_LANGS, ROLES } from '../../indicators/index.ts';
import type { ResourceDoc } from './route-doc.ts';

const User = z
  .object({
    id: z.number().int(),
    email: z.string(),
    name: z.string(),
    role: z.enum(ROLES),
    createdAt: z.string(),
    disabledAt: z.string().nullable(),
    language: z
      .enum(CATALOGUE_LANGS)
      .nullable()
      .meta({ description: 'The dashboard language the account chose; null: the browser’s' }),
  })
  .meta({ id: 'User', description: 'An account (never its password)' });

const Token = z
  .object({
    id: z.number().int(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
    expiresAt: z.string().nullable().meta({ description: 'When it stops working; null: until revoked' }),
    lastUsedAt: z.string().nullable().meta({ description: 'Its last answered request, to the minute' }),
  })
  .meta({ id: 'ApiToken' });

const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z
    .string()
    .meta({ description: 'The account’s email, `cli:<user>` for the command line, or vigil-bundled-data' }),
  action: z.string().meta({ examples: ['import'] }),
  entity: z.string().meta({ examples: ['import_batch'] }),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  batchId: z.number().int().nullable(),
});

/** Sign-in, API tokens, the watchlist, accounts and the audit log. */
export const accountsDoc: ResourceDoc = {
  name: 'Accounts and audit',
  description:
    'Sign in for a browser session (an HttpOnly cookie; writes then send the CSRF token in `X-CSRF-Token`), or send `Authorization: Bearer <API token>` from scripts. Roles: viewer < analyst < admin. Every change is audited.',
  routes: [
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Sign in',
      description:
        'Sets the session cookie (HttpOnly, SameSite=Strict) and the CSRF cookie. Attempts are rate-limited per client and account.',
      responses: {
        200: {
          description: 'The account, the CSRF token and when the session ends',
          shape: z.object({ user: User, csrfToken: z.string(), expiresAt: z.string() }),
        },
      },
      errors: {
        401: 'Email or password is wrong, or the account is disabled',
        429: 'Too many attempts (Retry-After says when to try again)',
      },
    },
    {
      method: 'post',
      path: '/api/auth/logout',
      summary: 'Sign out (ends the session)',
      responses: { 204: { description: 'Signed out' } },
    },
    {
      method: 'get',
      path: '/api/auth/me',
      summary: 'Who is calling, and whether public read is on',
      responses: {
        200: {
          description: 'The account, or null for an anonymous caller',
          shape: z.object({
            user: User.nullable(),
            via: z.enum(['session', 'token']).nullable(),
            csrfToken: z.string().nullable(),
            publicRead: z.boolean(),
          }),
        },
      },
      example: '/api/auth/me',
    },
    {
      method: 'patch',
      path: '/api/auth/me',
      summary: 'Change one’s own preferences (the dashboard language)',
      description:
        '`{ "language": "fr" }` keeps the dashboard in that language (`en`, `fr`, `ar`) wherever the account signs in; `null` forgets the choice. Any signed-in account, for itself.',
      responses: { 200: { description: 'The account', shape: z.object({ user: User }) } },
    },
    {
      method: 'post',
      path: '/api/auth/password',
      summary: 'Change one’s own password',
      description:
        'From a signed-in session only (403 with a token), with the current password (a wrong one is a 400 naming `current`, a new one that breaks the policy or equals the current one a 400 naming `password`). The account’s other sessions end and its API tokens are revoked; this one stays.',
      responses: { 200: { description: 'The account', shape: z.object({ user: User }) } },
      errors: { 429: 'Too many attempts (Retry-After says when to try again)' },
    },
    {
      method: 'get',
      path: '/api/auth/tokens',
      summary: 'The caller’s API tokens (never the secrets)',
      responses: { 200: { description: 'Tokens, newest first', shape: z.array(Token) } },
      example: '/api/auth/tokens',
    },
    {
      method: 'post',
      path: '/api/auth/tokens',
      summary: 'Create an API token',
      description:
        'From a signed-in session only (403 with a token), optionally expiring after `expiresInDays`. The token is in this response and nowhere else; a new password revokes it.',
      responses: {
        201: {
          description: 'The token record and its secret',
          shape: Token.extend({ userId: z.number().int(), token: z.string() }),
        },
      },
    },
    {
      method: 'delete',
      path: '/api/auth/tokens/:id',
      summary: 'Revoke an API token (the caller’s own; an admin’s any)',
      responses: { 200: { description: 'The revoked token', shape: Token.extend({ userId: z.number().int() }) } },
      errors: { 404: 'No such token of the caller' },
    },
    {
      method: 'get',
      path: '/api/watchlist',
      summary: 'The caller’s watchlist: region codes, oldest first',
      responses: { 200: { description: 'Region codes', shape: z.array(z.string()) } },
      example: '/api/watchlist',
    },
    {
      method: 'put',
      path: '/api/watchlist/:code',
      summary: 'Watch a region (no change if watched already)',
      responses: { 200: { description: 'The watchlist after the change', shape: z.array(z.string()) } },
      errors: { 404: 'No such region' },
    },
    {
      method: 'delete',
      path: '/api/watchlist/:code',
      summary: 'Stop watching a region (no change if not watched)',
      responses: { 200: { description: 'The watchlist after the change', shape: z.array(z.string()) } },
    },
    {
      method: 'get',
      path: '/api/users',
      summary: 'Accounts',
      responses: { 200: { description: 'Accounts', shape: z.array(User) } },
      example: '/api/users',
    },
    {
      method: 'post',
      path: '/api/users',
      summary: 'Create an account with an initial password',
      responses: { 201: { description: 'The account', shape: User } },
      errors: { 409: 'The email is taken' },
    },
    {
      method: 'patch',
      path: '/api/users/:id',
      summary: 'Change an account: name, role, disabled, password',
      description: 'The last enabled admin cannot be demoted or disabled (409).',
      responses: { 200: { description: 'The account', shape: User } },
      errors: { 404: 'No such account', 409: 'It would leave no enabled admin' },
    },
    {
      method: 'get',
      path: '/api/audit',
      summary: 'The append-only audit log, newest first',
      params: {
        actor: 'Who',
        action: 'What was done, e.g. import',
        entity: 'What it was done to, e.g. observation',
        entityId: 'Which one',
        batch: 'Entries of one import batch',
        from: 'From this date or time',
        to: 'Up to this date or time (a date includes the whole day)',
        before: 'Page backwards: entries older than this id',
        limit: 'At most this many',
      },
      responses: { 200: { description: 'Entries', shape: z.array(AuditEntry) } },
      example: '/api/audit?action=create&limit=20',
    },
  ],
};
