import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let server: TestApp;
let admin: Credentials;
let viewer: Credentials;
const call = (path: string, init?: RequestInit) => server.request(`${path}`, init);
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});
const login = (email: string, password: string, headers: Record<string, string> = {}) =>
  call('/api/auth/login', { method: 'POST', ...json({ email, password }, headers) });

beforeAll(async () => {
  server = await startApp();
  admin = await createUserAndLogin(server, 'admin');
  viewer = await createUserAndLogin(server, 'viewer');
});
afterAll(() => server?.close());

describe('sign-in with a password and a session cookie', () => {
  it('signs in, knows who is there, and signs out', async () => {
    const res = await login(viewer.email, viewer.password);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { user: Record<string, unknown>; csrfToken: string };
    expect(body.user.email).toBe(viewer.email);
    expect(body.user).not.toHaveProperty('passwordHash');
    const session = res.headers.getSetCookie().find((c) => c.startsWith('vigil_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/i);
    const cookie = session.split(';')[0]!;

    const me = (await (await call('/api/auth/me', { headers: { Cookie: cookie } })).json()) as {
      user: { email: string; role: string } | null;
      csrfToken: string;
    };
    expect(me.user).toMatchObject({ email: viewer.email, role: 'viewer' });
    expect(me.csrfToken).toBe(body.csrfToken);

    expect(
      (await call('/api/auth/logout', { method: 'POST', headers: { Cookie: cookie, 'X-CSRF-Token': body.csrfToken } }))
        .status,
    ).toBe(204);
    const after = (await (await call('/api/auth/me', { headers: { Cookie: cookie } })).json()) as { user: unknown };
    expect(after.user).toBeNull();
  });

  it('marks the cookie Secure behind a TLS-terminating proxy', async () => {
    const res = await login(viewer.email, viewer.password, { 'X-Forwarded-Proto': 'https' });
    expect(res.headers.getSetCookie().find((c) => c.startsWith('vigil_session='))).toMatch(/; Secure/i);
  });

  it('answers a wrong password and an unknown account alike', async () => {
    const wrong = await login(admin.email, 'not the password at all');
    const unknown = await login('nobody@test.vigil', 'not the password at all');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
  });

  it('limits sign-in attempts to 5 a minute per address and email', async () => {
    const target = await createUserAndLogin(server, 'viewer');
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(target.email, `wrong password ${i}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
    const blocked = await login(target.email, target.password);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('Retry-After'))).toBeGreaterThan(0);
    // Another account from the same address is not blocked by this one's failures.
    expect((await login(viewer.email, viewer.password)).status).toBe(200);
  });

  it('rejects a bad login body with a 400 naming the field', async () => {
    const res = await call('/api/auth/login', { method: 'POST', ...json({ email: 'a@b.c' }) });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toContain('password');
  });
});

describe('API tokens for scripts', () => {
  it('shows a token once, stores only its hash, and stops accepting it once revoked', async () => {
    const created = await call('/api/auth/tokens', {
      method: 'POST',
      ...json({ label: 'nightly export' }, admin.session),
    });
    expect(created.status).toBe(201);
    const { id, token } = (await created.json()) as { id: number; token: string };
    expect(token).toMatch(/^vigil_[A-Za-z0-9_-]{43}$/);

    const list = await (await call('/api/auth/tokens', { headers: { Authorization: `Bearer ${token}` } })).text();
    expect(list).toContain('nightly export');
    expect(list).not.toContain(token);
    const { db, t } = server.data;
    const [stored] = await db
      .select({ tokenHash: t.apiTokens.tokenHash })
      .from(t.apiTokens)
      .where(eq(t.apiTokens.id, id));
    expect(stored!.tokenHash).not.toContain(token.slice(6));
    expect(stored!.tokenHash).toMatch(/^[0-9a-f]{64}$/);

    expect((await call('/api/users', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect((await call(`/api/auth/tokens/${id}`, { method: 'DELETE', headers: admin.bearer })).status).toBe(200);
    const revoked = await call('/api/users', { headers: { Authorization: `Bearer ${token}` } });
    expect(revoked.status).toBe(401);
    expect(((await revoked.json()) as { error: { code: string } }).error.code).toBe('invalid_token');
  });

  it('does not let a token mint more tokens, nor anyone revoke a token not theirs', async () => {
    expect((await call('/api/auth/tokens', { method: 'POST', ...json({ label: 'x' }, viewer.bearer) })).status).toBe(
      403,
    );
    const mine = (await (await call('/api/auth/tokens', { headers: admin.bearer })).json()) as { id: number }[];
    expect((await call(`/api/auth/tokens/${mine[0]!.id}`, { method: 'DELETE', headers: viewer.bearer })).status).toBe(
      404,
    );
  });

  it('refuses a malformed Bearer header instead of treating the call as anonymous', async () => {
    expect((await call('/api/scores', { headers: { Authorization: 'Bearer ' } })).status).toBe(401);
    expect((await call('/api/scores', { headers: { Authorization: 'Bearer a b' } })).status).toBe(401);
  });
});

describe('CSRF protection for cookie sessions', () => {
  const newUser = () => ({
    email: `u${Date.now()}${Math.random().toString(36).slice(2)}@test.vigil`,
    role: 'viewer',
    password: 'a long enough password',
  });

  it('refuses a cookie-authenticated write without the CSRF token, and one from another origin', async () => {
    const noToken = await call('/api/users', { method: 'POST', ...json(newUser(), { Cookie: admin.cookie }) });
    expect(noToken.status).toBe(403);
    expect(((await noToken.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const wrongToken = await call('/api/users', {
      method: 'POST',
      ...json(newUser(), { Cookie: admin.cookie, 'X-CSRF-Token': 'guess' }),
    });
    expect(wrongToken.status).toBe(403);
    const crossSite = await call('/api/users', {
      method: 'POST',
      ...json(newUser(), { ...admin.session, 'Sec-Fetch-Site': 'cross-site' }),
    });
    expect(crossSite.status).toBe(403);
    const otherOrigin = await call('/api/users', {
      method: 'POST',
      ...json(newUser(), { ...admin.session, Origin: 'https://evil.example' }),
    });
    expect(otherOrigin.status).toBe(403);
    const formPost = await call('/api/users', {
      method: 'POST',
      headers: { Cookie: admin.cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.c',
    });
    expect(formPost.status).toBe(403);
  });

  it('accepts the same write with the token, or from a same-origin page, or with an API token', async () => {
    expect((await call('/api/users', { method: 'POST', ...json(newUser(), admin.session) })).status).toBe(201);
    expect(
      (
        await call('/api/users', {
          method: 'POST',
          ...json(newUser(), { Cookie: admin.cookie, 'Sec-Fetch-Site': 'same-origin' }),
        })
      ).status,
    ).toBe(201);
    expect(
      (
        await call('/api/users', {
          method: 'POST',
          ...json(newUser(), { ...admin.bearer, Origin: 'https://evil.example' }),
        })
      ).status,
    ).toBe(201);
  });

  it('refuses a sign-in posted from another site (login CSRF)', async () => {
    expect((await login(viewer.email, viewer.password, { Origin: 'https://evil.example' })).status).toBe(403);
  });
});

describe('account management', () => {
  it('lists accounts without password hashes, changes roles, and ends a disabled account at once', async () => {
    const list = await (await call('/api/users', { headers: admin.bearer })).text();
    expect(list).toContain(viewer.email);
    expect(list).not.toMatch(/scrypt|password/i);

    const target = await createUserAndLogin(server, 'viewer');
    const promote = await call(`/api/users/${target.user.id}`, {
      method: 'PATCH',
      ...json({ role: 'analyst' }, admin.bearer),
    });
    expect(((await promote.json()) as { role: string }).role).toBe('analyst');
    // A new role ends sessions (sign in again to get it) but keeps tokens.
    expect(
      ((await (await call('/api/auth/me', { headers: { Cookie: target.cookie } })).json()) as { user: unknown }).user,
    ).toBeNull();
    expect((await call('/api/auth/tokens', { headers: target.bearer })).status).toBe(200);

    expect(
      (await call(`/api/users/${target.user.id}`, { method: 'PATCH', ...json({ disabled: true }, admin.bearer) }))
        .status,
    ).toBe(200);
    expect((await call('/api/auth/tokens', { headers: target.bearer })).status).toBe(401);
    expect((await login(target.email, target.password)).status).toBe(401);
  });

  it('will not demote or disable the last admin', async () => {
    const users = (await (await call('/api/users', { headers: admin.bearer })).json()) as {
      id: number;
      role: string;
      disabledAt: string | null;
    }[];
    const admins = users.filter((u) => u.role === 'admin' && !u.disabledAt);
    expect(admins).toHaveLength(1);
    const res = await call(`/api/users/${admin.user.id}`, {
      method: 'PATCH',
      ...json({ role: 'viewer' }, admin.bearer),
    });
    expect(res.status).toBe(409);
    expect(
      (await call(`/api/users/${admin.user.id}`, { method: 'PATCH', ...json({ disabled: true }, admin.bearer) }))
        .status,
    ).toBe(409);
  });

  it('refuses short passwords and duplicate emails with field-named errors', async () => {
    const weak = await call('/api/users', {
      method: 'POST',
      ...json({ email: 'weak@test.vigil', role: 'viewer', password: 'short' }, admin.bearer),
    });
    expect(weak.status).toBe(400);
    expect(((await weak.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('password');
    const dup = await call('/api/users', {
      method: 'POST',
      ...json({ email: viewer.email.toUpperCase(), role: 'viewer', password: 'a long enough password' }, admin.bearer),
    });
    expect(dup.status).toBe(409);
  });
});

describe('changing one’s own password', () => {
  it('needs the current password, keeps this session, ends the others, and is audited', async () => {
    const person = await createUserAndLogin(server, 'analyst');
    const elsewhere = await login(person.email, person.password);
    const otherCookie = elsewhere.headers
      .getSetCookie()
      .find((c) => c.startsWith('vigil_session='))!
      .split(';')[0]!;
    const change = (body: unknown, headers = person.session) =>
      call('/api/auth/password', { method: 'POST', ...json(body, headers) });

    const wrong = await change({ current: 'not it', password: 'a brand new pass phrase' });
    expect(wrong.status).toBe(400);
    expect(
      ((await wrong.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(['current']);
    const weak = await change({ current: person.password, password: 'short' });
    expect(weak.status).toBe(400);
    expect(
      ((await weak.json()) as { error: { fields: { field: string }[] } }).error.fields.map((f) => f.field),
    ).toEqual(['password']);
    expect(
      (await change({ current: person.password, password: 'a brand new pass phrase' }, person.bearer)).status,
    ).toBe(403);
    expect((await login(person.email, person.password)).status).toBe(200);

    const ok = await change({ current: person.password, password: 'a brand new pass phrase' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).not.toMatch(/scrypt|phrase/);
    const me = async (cookie: string) =>
      (
        (await (await call('/api/auth/me', { headers: { Cookie: cookie } })).json()) as {
          user: { email: string } | null;
        }
      ).user;
    expect((await me(person.cookie))?.email).toBe(person.email);
    expect(await me(otherCookie)).toBeNull();
    expect((await login(person.email, person.password)).status).toBe(401);
    expect((await login(person.email, 'a brand new pass phrase')).status).toBe(200);
    const audit = (await (
      await call(`/api/audit?entity=user&entityId=${person.user.id}`, { headers: admin.bearer })
    ).json()) as { actor: string; action: string }[];
    expect(audit[0]).toMatchObject({ actor: person.email, action: 'update-with-password' });
  });
});

describe('the watchlist, kept with the account', () => {
  it('adds, lists in order, removes, keeps each person’s own, and refuses anonymous callers and unknown regions', async () => {
    const person = await createUserAndLogin(server, 'viewer');
    const other = await createUserAndLogin(server, 'analyst');
    const put = (code: string, who = person.bearer) => call(`/api/watchlist/${code}`, { method: 'PUT', headers: who });
    expect(await (await call('/api/watchlist', { headers: person.bearer })).json()).toEqual([]);
    expect(await (await put('YE-TA')).json()).toEqual(['YE-TA']);
    expect(await (await put('IQ-NI', person.session)).json()).toEqual(['YE-TA', 'IQ-NI']);
    expect(await (await put('YE-TA')).json()).toEqual(['YE-TA', 'IQ-NI']);
    expect(await (await call('/api/watchlist', { headers: other.bearer })).json()).toEqual([]);
    const gone = await call('/api/watchlist/YE-TA', { method: 'DELETE', headers: person.bearer });
    expect(await gone.json()).toEqual(['IQ-NI']);

    expect((await put('XX-NOPE')).status).toBe(404);
    const bad = await put('not a code!');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { fields: { field: string }[] } }).error.fields[0]!.field).toBe('code');
    expect((await call('/api/watchlist')).status).toBe(401);
    expect((await call('/api/watchlist/IQ-NI', { method: 'PUT' })).status).toBe(401);
    const audit = (await (
      await call(`/api/audit?entity=watchlist&actor=${encodeURIComponent(person.email)}`, { headers: admin.bearer })
    ).json()) as { action: string; entityId: string }[];
    expect(audit.map((a) => `${a.action} ${a.entityId}`)).toEqual(['unwatch YE-TA', 'watch IQ-NI', 'watch YE-TA']);
  });
});

describe('audit log', () => {
  it('records account and token changes for admins, and is closed to everyone else', async () => {
    const res = await call(`/api/audit?entity=user&limit=500`, { headers: admin.bearer });
    expect(res.status).toBe(200);
    const rows = (await res.json()) as {
      actor: string;
      action: string;
      entity: string;
      after: { email?: string; disabled?: unknown };
    }[];
    expect(rows.some((r) => r.action === 'create' && r.after.email === viewer.email)).toBe(true);
    expect(rows.some((r) => r.actor === admin.email && r.action === 'update')).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/scrypt\$/);
    const signIns = (await (
      await call(`/api/audit?entity=session&actor=${encodeURIComponent(viewer.email)}`, { headers: admin.bearer })
    ).json()) as { action: string }[];
    expect(signIns.length).toBeGreaterThan(0);
    expect(signIns.every((r) => r.action === 'sign-in')).toBe(true);
    expect((await call('/api/audit', { headers: viewer.bearer })).status).toBe(403);
    expect((await call('/api/audit')).status).toBe(401);
    expect((await call('/api/audit?limit=0', { headers: admin.bearer })).status).toBe(400);
  });

  it('is append-only in the database itself', async () => {
    // Another connection, as a second process would write: the database refuses, not the app.
    await server.another(async ({ db, t }) => {
      // The engine's own message is the error's or its cause's (drizzle wraps a failed query).
      const refusal = (q: Promise<unknown>) =>
        q.then(
          () => 'written',
          (e: Error & { cause?: Error }) => `${e.message} ${e.cause?.message ?? ''}`,
        );
      expect(await refusal(db.update(t.auditLog).set({ actor: 'someone else' }))).toMatch(/append-only/);
      expect(await refusal(db.delete(t.auditLog))).toMatch(/append-only/);
    });
  });
});

describe('hardening', () => {
  it('sends a strict Content-Security-Policy and other security headers on the dashboard and the API', async () => {
    for (const path of ['/', '/api/health']) {
      const res = await call(path);
      const csp = res.headers.get('Content-Security-Policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:/);
      expect(res.headers.get('X-Content-Type-Options')).toBe('nosniff');
      expect(res.headers.get('X-Frame-Options')).toBe('DENY');
      expect(res.headers.get('Referrer-Policy')).toBe('no-referrer');
    }
  });

  it('refuses bodies over the limit with a 413 naming it', async () => {
    const res = await call('/api/users', {
      method: 'POST',
      ...json({ email: 'x'.repeat(2 * 1024 * 1024) }, admin.bearer),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain('1 MB');
  });
});
