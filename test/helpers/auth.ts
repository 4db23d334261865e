import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openPg } from '../../db/pg/client.ts';
import { openDb, type Db } from '../../db/client.ts';
import type { Role } from '../../indicators/vocabulary.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';

/** Something to send requests to: a running server (`url`) or an in-process app (`request`). */
export type Target =
  | { url: string; dbPath: string; databaseUrl?: string }
  | { request(path: string, init?: RequestInit): Response | Promise<Response>; db: Db; data?: AsyncDb };

/** A signed-in account: its session (cookie and CSRF token) and an API token of its own. */
export interface Credentials {
  user: { id: number; email: string; role: Role };
  email: string;
  password: string;
  /** Cookie header value holding the session. */
  cookie: string;
  csrfToken: string;
  /** The API token (created from the session). */
  token: string;
  /** Headers for a script-style request: `Authorization: Bearer …`. */
  bearer: Record<string, string>;
  /** Headers for a browser-style request: the session cookie and the CSRF token. */
  session: Record<string, string>;
}

let counter = 0;

/** What a request can be sent to: a running server (`url`) or an in-process app (`request`). */
export type Sender = { url: string } | { request(path: string, init?: RequestInit): Response | Promise<Response> };

/** Sends a request to the target (server URL or in-process app). */
export function send(target: Sender, path: string, init?: RequestInit): Promise<Response> {
  return Promise.resolve('url' in target ? fetch(`${target.url}${path}`, init) : target.request(path, init));
}

/** Creates an account with `role` straight in the target's database (as `vigil users add` would), without signing in. */
export async function createUser(
  target: Target,
  role: Role,
  opts: { email?: string } = {},
): Promise<{ id: number; email: string; password: string }> {
  const email = opts.email ?? `${role}-${process.pid}-${++counter}-${randomBytes(3).toString('hex')}@test.vigil`;
  const password = randomBytes(18).toString('base64url');
  // The target's own data: an app's `data` (PostgreSQL in the postgres project), a server's PostgreSQL
  // database or its SQLite file.
  const pool = 'url' in target && target.databaseUrl ? openPg(target.databaseUrl) : undefined;
  const file = 'url' in target && !pool ? openDb(target.dbPath) : undefined;
  const data = pool
    ? pgAsync(pool)
    : file
      ? sqliteAsync(file)
      : 'url' in target
        ? undefined
        : (target.data ?? sqliteAsync(target.db));
  try {
    const user = await createAccount(data!, { email, role, password }, 'test-helper', new Date().toISOString());
    return { id: user.id, email, password };
  } finally {
    file?.$client.close();
    await pool?.$client.end();
  }
}

/**
 * Creates an account with `role` straight in the target's database (as `vigil users add` would) and
 * signs it in through the API: returns its session cookie, CSRF token and a fresh API token. Use
 * `bearer` headers for script-style calls and `session` headers for browser-style ones.
 */
export async function createUserAndLogin(
  target: Target,
  role: Role,
  opts: { email?: string } = {},
): Promise<Credentials> {
  const { email, password } = await createUser(target, role, opts);
  const { user, cookie, csrfToken, session } = await signIn(target, email, password);
  const tokenRes = await send(target, '/api/auth/tokens', {
    method: 'POST',
    headers: { ...session, 'Content-Type': 'application/json' },
    body: JSON.stringify({ label: 'test' }),
  });
  if (tokenRes.status !== 201)
    throw new Error(`token for ${email} failed: ${tokenRes.status} ${await tokenRes.text()}`);
  const { token } = (await tokenRes.json()) as { token: string };
  return {
    user,
    email,
    password,
    cookie,
    csrfToken,
    token,
    bearer: { Authorization: `Bearer ${token}` },
    session,
  };
}

/** One sign-in attempt through the login route, its answer as it comes (401, 429…). */
export function attemptSignIn(target: Sender, email: string, password: string): Promise<Response> {
  return send(target, '/api/auth/login', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
}

/**
 * Wrong passwords for `account` sent to `a` and `b` in turn, twice `limit` of them: the first `limit`
 * refused 401, the rest 429, so both processes count the same attempts. The right password is then
 * refused 429 with Retry-After on both, until the window ends.
 */
export async function expectSignInLimitShared(
  a: Sender,
  b: Sender,
  account: { email: string; password: string },
  limit: number,
): Promise<void> {
  const statuses: number[] = [];
  for (let i = 0; i < 2 * limit; i++)
    statuses.push((await attemptSignIn(i % 2 ? b : a, account.email, `wrong password ${i}`)).status);
  expect(statuses).toEqual([...Array<number>(limit).fill(401), ...Array<number>(limit).fill(429)]);
  for (const server of [a, b]) {
    const blocked = await attemptSignIn(server, account.email, account.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
  }
}

/**
 * Signs an existing account in through the login route: the user, the session cookie and CSRF token,
 * and `session`, the headers of a browser-style request. Throws with the answer when it is not a 200.
 */
export async function signIn(
  target: Sender,
  email: string,
  password: string,
): Promise<Pick<Credentials, 'user' | 'cookie' | 'csrfToken' | 'session'>> {
  const login = await attemptSignIn(target, email, password);
  if (login.status !== 200) throw new Error(`login as ${email} failed: ${login.status} ${await login.text()}`);
  const body = (await login.json()) as { user: Credentials['user']; csrfToken: string };
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c?.startsWith('vigil_session='))
    .join('; ');
  return {
    user: body.user,
    cookie,
    csrfToken: body.csrfToken,
    session: { Cookie: cookie, 'X-CSRF-Token': body.csrfToken },
  };
}
