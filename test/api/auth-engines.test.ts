import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { pgAsync, type AsyncDb } from '../../db/async.ts';
import { openPg, type PgConnection } from '../../db/pg/client.ts';
import { sessionsAsync } from '../../db/queries/sessions.ts';
import { getSettingAsync, setSettingAsync } from '../../db/queries/settings.ts';
import { inTransaction } from '../../db/write-lock.ts';
import { signIn as signInThrough } from '../helpers/auth.ts';
import { ENGINES, seededOnBothEngines } from '../helpers/engines.ts';

// Sign-in, sessions, API tokens, accounts, the audit log and the watchlist on the awaited interface:
// the same assertions on SQLite and PostgreSQL, then two apps over two pools on one PostgreSQL, as
// two API processes behind a proxy.
const both = seededOnBothEngines();
const PASSWORD = 'a long pass phrase for the tests';
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});

type App = ReturnType<typeof createApp>;

/** Signs in through `app`; the session's headers for browser-style requests, and the user. */
async function signIn(app: App, email: string, password = PASSWORD) {
  const { user, session } = await signInThrough(app, email, password);
  return { user, headers: session };
}

async function me(app: App, headers: Record<string, string>) {
  const res = await app.request('/api/auth/me', { headers });
  return (await res.json()) as { user: { email: string } | null; via: string | null };
}

describe.each(ENGINES)('on %s', (engine) => {
  let data: AsyncDb;
  let app: App;
  const admin = `admin-${engine}@test.vigil`;
  const analyst = `analyst-${engine}@test.vigil`;
  beforeAll(async () => {
    data = both.engines[engine]();
    app = createApp({ db: both.seeded(), data, version: 'test', security: { loginAttemptsPerMinute: 3 } });
    await createAccount(data, { email: admin, role: 'admin', password: PASSWORD }, 'test', new Date().toISOString());
  });

  it('signs in by cookie and Bearer token, and a sign-in clears the account’s failed attempts', async () => {
    expect((await app.request('/api/auth/login', json({ email: admin, password: 'wrong' }))).status).toBe(401);
    expect((await app.request('/api/auth/login', json({ email: admin, password: 'wrong' }))).status).toBe(401);
    const { t } = data;
    const counted = (await data.db.select().from(t.rateLimits)).filter((r) => r.key.startsWith('sign-in-account:'));
    expect(counted.map((r) => r.count)).toEqual([2]);
    const session = await signIn(app, admin);
    expect((await data.db.select().from(t.rateLimits)).filter((r) => r.key.startsWith('sign-in-account:'))).toEqual([]);
    expect(await me(app, session.headers)).toMatchObject({ user: { email: admin }, via: 'session' });

    const made = await app.request('/api/auth/tokens', {
      ...json({ label: 'script' }),
      headers: { ...session.headers, 'Content-Type': 'application/json' },
    });
    expect(made.status).toBe(201);
    const { token, id } = (await made.json()) as { token: string; id: number };
    const bearer = { Authorization: `Bearer ${token}` };
    expect(await me(app, bearer)).toMatchObject({ user: { email: admin }, via: 'token' });
    const tokens = (await (await app.request('/api/auth/tokens', { headers: bearer })).json()) as {
      id: number;
      lastUsedAt: string | null;
    }[];
    expect(tokens.find((x) => x.id === id)?.lastUsedAt).toBeTruthy();
    expect((await app.request('/api/auth/me', { headers: { Authorization: 'Bearer nope' } })).status).toBe(401);
    const audit = (await (
      await app.request(`/api/audit?actor=${admin}&action=sign-in`, { headers: bearer })
    ).json()) as unknown[];
    expect(audit).toHaveLength(1);
  });

  it('creates an account (audited), and a new password ends the other sessions and revokes tokens', async () => {
    const { headers } = await signIn(app, admin);
    const write = { ...headers, 'Content-Type': 'application/json' };
    const created = await app.request('/api/users', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ email: analyst, role: 'analyst', password: PASSWORD }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    const again = await app.request('/api/users', {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ email: analyst, role: 'viewer', password: PASSWORD }),
    });
    expect(again.status).toBe(409);
    const users = (await (await app.request('/api/users', { headers })).json()) as { email: string }[];
    expect(users.map((u) => u.email)).toEqual([admin, analyst]);

    const first = await signIn(app, analyst);
    const second = await signIn(app, analyst);
    const made = await app.request('/api/auth/tokens', {
      ...json({ label: 'script' }),
      headers: { ...first.headers, 'Content-Type': 'application/json' },
    });
    const bearer = { Authorization: `Bearer ${((await made.json()) as { token: string }).token}` };
    expect((await me(app, bearer)).user?.email).toBe(analyst);
    const changed = await app.request('/api/auth/password', {
      method: 'POST',
      headers: { ...first.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ current: PASSWORD, password: 'another long pass phrase 2026' }),
    });
    expect(changed.status).toBe(200);
    expect((await me(app, first.headers)).user?.email).toBe(analyst);
    expect((await me(app, second.headers)).user).toBeNull();
    expect((await app.request('/api/auth/me', { headers: bearer })).status).toBe(401);

    const audit = (await (await app.request(`/api/audit?entity=user&entityId=${id}`, { headers })).json()) as {
      action: string;
      actor: string;
    }[];
    expect(audit.map((e) => [e.action, e.actor])).toEqual([
      ['update-with-password', analyst],
      ['create', admin],
    ]);
  });

  it('keeps a watchlist, each change audited once', async () => {
    const { headers } = await signIn(app, admin);
    const put = () => app.request('/api/watchlist/SDN', { method: 'PUT', headers });
    expect(await (await put()).json()).toEqual(['SDN']);
    expect(await (await put()).json()).toEqual(['SDN']);
    expect((await app.request('/api/watchlist/NOPE', { method: 'PUT', headers })).status).toBe(404);
    const audit = (await (await app.request('/api/audit?entity=watchlist', { headers })).json()) as unknown[];
    expect(audit).toHaveLength(1);
    expect(await (await app.request('/api/watchlist/SDN', { method: 'DELETE', headers })).json()).toEqual([]);
    expect(await (await app.request('/api/watchlist', { headers })).json()).toEqual([]);
  });

  it('reads and replaces a setting', async () => {
    expect(await getSettingAsync(data, 'test.pg-auth')).toBeUndefined();
    await setSettingAsync(data, 'test.pg-auth', 'one');
    await setSettingAsync(data, 'test.pg-auth', 'two');
    expect(await getSettingAsync(data, 'test.pg-auth')).toBe('two');
  });

  it('rolls a transaction back whole when it throws', async () => {
    const [user] = await data.db.select().from(data.t.users).where(eq(data.t.users.email, admin));
    const row = {
      idHash: `rolled-back-${engine}`,
      userId: user!.id,
      csrfToken: 'x',
      createdAt: 'x',
      expiresAt: '9999',
    };
    await expect(
      inTransaction(data, async (tx) => {
        await sessionsAsync.insert(tx, row);
        expect(await sessionsAsync.find(tx, row.idHash, '2000')).toBeTruthy();
        throw new Error('no');
      }),
    ).rejects.toThrow('no');
    expect(await sessionsAsync.find(data, row.idHash, '2000')).toBeUndefined();
  });
});

describe('two API processes on one PostgreSQL', () => {
  let second: PgConnection;
  let a: App;
  let b: App;
  const email = 'shared@test.vigil';
  beforeAll(async () => {
    second = openPg(both.url());
    const security = { loginAttemptsPerMinute: 3 };
    a = createApp({ db: both.seeded(), data: both.engines.postgres(), version: 'test', security });
    b = createApp({ db: both.seeded(), data: pgAsync(second), version: 'test', security });
    await createAccount(both.engines.postgres(), { email, role: 'viewer', password: PASSWORD }, 'test', '2026-01-01');
  });
  afterAll(async () => {
    await second?.$client.end();
  });

  it('honours a session made through one on the other, and a sign-out through one ends it on both', async () => {
    const session = await signIn(a, email);
    expect((await me(b, session.headers)).user?.email).toBe(email);
    const out = await b.request('/api/auth/logout', { method: 'POST', headers: session.headers });
    expect(out.status).toBe(204);
    expect((await me(a, session.headers)).user).toBeNull();
    expect((await me(b, session.headers)).user).toBeNull();
  });

  it('shares the sign-in rate limit', async () => {
    const wrong = (app: App) => app.request('/api/auth/login', json({ email, password: 'wrong' }));
    expect((await wrong(a)).status).toBe(401);
    expect((await wrong(b)).status).toBe(401);
    expect((await wrong(a)).status).toBe(401);
    expect((await wrong(b)).status).toBe(429);
    expect((await a.request('/api/auth/login', json({ email, password: PASSWORD }))).status).toBe(429);
  });
});
