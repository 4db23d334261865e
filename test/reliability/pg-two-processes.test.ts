import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOSUL } from '../helpers/areas.ts';
import { attemptSignIn, expectSignInLimitShared, signIn, type Credentials } from '../helpers/auth.ts';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { spawnServer, type ServerProcess } from './processes.ts';

// Issue 18, "Several processes, one truth": two API processes on one PostgreSQL database, as behind
// a reverse proxy. What one process writes or issues (a session, a token, an account change, a
// watchlist entry, an area, a region alias) holds on the other at once, and the sign-in limit counts
// the attempts made on both. Each process has a SQLite file of its own: neither may read from it.
const LIMIT = 3;
const ADMIN = { email: 'two-admin@pg.test', password: 'a long bootstrap passphrase 5' };
let postgres: TestPostgres;
let a: ServerProcess;
let b: ServerProcess;
const folders: string[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  const env = { VIGIL_DATABASE_URL: postgres.url, VIGIL_LOGIN_RATE: String(LIMIT) };
  a = await spawnServer(await firstStartDbCopy(), {
    ...env,
    VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
    VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
  });
  const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-two-'));
  folders.push(dir);
  b = await spawnServer(join(dir, 'vigil.db'), env);
  expect(b.output()).toMatch(/already holds data \(\d+ regions\): nothing copied/);
});
afterAll(async () => {
  await Promise.all([a, b].map((s) => s?.stop()));
  await postgres?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

function call(server: ServerProcess, headers: Record<string, string>, method: string, path: string, body?: unknown) {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function ok<T>(res: Promise<Response>, status = 200): Promise<T> {
  const r = await res;
  const text = await r.text();
  expect(r.status, text).toBe(status);
  return (text ? JSON.parse(text) : undefined) as T;
}

const me = (server: ServerProcess, headers: Record<string, string>) =>
  ok<{ user: Credentials['user'] | null; via: string | null }>(call(server, headers, 'GET', '/api/auth/me'));

describe('two API processes on one PostgreSQL database', () => {
  let admin: Awaited<ReturnType<typeof signIn>>;
  let analyst: { id: number; email: string; password: string };
  beforeAll(async () => {
    admin = await signIn(a, ADMIN.email, ADMIN.password);
    analyst = { id: 0, email: 'analyst@two.test', password: 'an analyst passphrase 11' };
    const made = await ok<{ id: number }>(
      call(a, admin.session, 'POST', '/api/users', {
        email: analyst.email,
        role: 'analyst',
        password: analyst.password,
      }),
      201,
    );
    analyst.id = made.id;
  });

  it('runs as two processes', () => {
    expect(a.child.pid).not.toBe(b.child.pid);
    expect(a.url).not.toBe(b.url);
  });

  it('honours on B a session signed in on A, and an API token made on A', async () => {
    expect((await me(b, admin.session)).user).toMatchObject({ email: ADMIN.email, role: 'admin' });
    const { token } = await ok<{ token: string }>(
      call(a, admin.session, 'POST', '/api/auth/tokens', { label: 'made on A' }),
      201,
    );
    expect(await me(b, { Authorization: `Bearer ${token}` })).toMatchObject({
      via: 'token',
      user: { email: ADMIN.email },
    });
    // Signing out on B ends the session on A too.
    await ok(call(b, admin.session, 'POST', '/api/auth/logout'), 204);
    expect((await me(a, admin.session)).user).toBeNull();
    admin = await signIn(a, ADMIN.email, ADMIN.password);
  });

  it('shows on B, at once, an account made and changed through A', async () => {
    const session = await signIn(b, analyst.email, analyst.password);
    expect(session.user.role).toBe('analyst');
    // A new role ends the account's sessions: the one on B with it.
    await ok(call(a, admin.session, 'PATCH', `/api/users/${analyst.id}`, { role: 'viewer' }));
    expect((await me(b, session.session)).user).toBeNull();
    const listed = await ok<{ email: string; role: string }[]>(call(b, admin.session, 'GET', '/api/users'));
    expect(listed.find((u) => u.email === analyst.email)?.role).toBe('viewer');
    expect((await signIn(b, analyst.email, analyst.password)).user.role).toBe('viewer');
    // Disabled on A: refused on B.
    await ok(call(a, admin.session, 'PATCH', `/api/users/${analyst.id}`, { role: 'analyst', disabled: true }));
    expect((await attemptSignIn(b, analyst.email, analyst.password)).status).toBe(401);
    await ok(call(a, admin.session, 'PATCH', `/api/users/${analyst.id}`, { disabled: false }));
    expect((await signIn(b, analyst.email, analyst.password)).user.role).toBe('analyst');
  });

  it('shows on B, at once, a watchlist entry and an area written through A', async () => {
    const onA = await signIn(a, analyst.email, analyst.password);
    const onB = await signIn(b, analyst.email, analyst.password);
    expect(await ok(call(b, onB.session, 'GET', '/api/watchlist'))).toEqual([]);
    expect(await ok(call(b, onB.session, 'GET', '/api/areas'))).toEqual([]);
    await ok(call(a, onA.session, 'PUT', '/api/watchlist/IQ-NI'));
    expect(await ok(call(b, onB.session, 'GET', '/api/watchlist'))).toEqual(['IQ-NI']);
    const area = await ok<{ id: number }>(
      call(a, onA.session, 'POST', '/api/areas', { name: 'Mosul, saved on A', geometry: MOSUL }),
      201,
    );
    const areas = await ok<{ id: number; name: string }[]>(call(b, onB.session, 'GET', '/api/areas'));
    expect(areas.map((x) => [x.id, x.name])).toEqual([[area.id, 'Mosul, saved on A']]);
    await ok(call(b, onB.session, 'DELETE', `/api/areas/${area.id}`));
    expect(await ok(call(a, onA.session, 'GET', '/api/areas'))).toEqual([]);
  });

  it("renews B's cached region matcher when A adds an alias", async () => {
    const analystB = await signIn(b, analyst.email, analyst.password);
    const analystA = await signIn(a, analyst.email, analyst.password);
    const alias = (server: ServerProcess, s: Pick<Credentials, 'session'>, name: string, region: string) =>
      call(server, s.session, 'POST', '/api/region-aliases', { alias: name, region });
    // B builds its matcher (kept per data version) while adding a first alias.
    expect((await alias(b, analystB, 'Ninawa (two processes)', 'IQ-NI')).status).toBe(201);
    expect((await alias(a, analystA, 'Dihok (two processes)', 'IQ-DA')).status).toBe(201);
    // A stale matcher on B would not know that name, and would give it to a second region.
    const clash = await alias(b, analystB, 'Dihok (two processes)', 'IQ-NI');
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { message: string } }).error.message).toContain('already names IQ-DA');
  });

  it(`refuses sign-in attempts alternating between the processes from attempt ${LIMIT + 1} on, on both`, async () => {
    await expectSignInLimitShared(a, b, analyst, LIMIT);
    // Another account is counted apart.
    expect((await attemptSignIn(b, ADMIN.email, ADMIN.password)).status).toBe(200);
  });
});
