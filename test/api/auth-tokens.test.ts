import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { createUserAndLogin, send, type Credentials, type Target } from '../helpers/auth.ts';

let db: Connection;
let target: Target;
let admin: Credentials;
/** The app's clock, moved by the tests. */
let clock = new Date('2026-03-01T09:00:00Z');

interface Token {
  id: number;
  label: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

beforeAll(async () => {
  db = openDb(':memory:');
  runMigrations(db);
  const app = createApp({ db, version: 'test', security: { now: () => clock, sessionTtlHours: 24 * 90 } });
  target = { request: (p, i) => app.request(p, i), db };
  admin = await createUserAndLogin(target, 'admin');
});
afterAll(() => db.$client.close());

const json = (method: string, body: unknown, headers: Record<string, string>) => ({
  method,
  headers: { ...headers, 'Content-Type': 'application/json' },
  body: JSON.stringify(body),
});
const status = async (path: string, headers: Record<string, string>) => (await send(target, path, { headers })).status;
const tokens = async (who: Credentials) =>
  (await (await send(target, '/api/auth/tokens', { headers: who.session })).json()) as Token[];
const newToken = async (who: Credentials, body: object) => {
  const res = await send(target, '/api/auth/tokens', json('POST', { label: 'script', ...body }, who.session));
  expect(res.status).toBe(201);
  return (await res.json()) as Token & { token: string };
};

describe('API tokens end with the password', () => {
  it('a change of one’s own password revokes every token of the account; the session in use stays', async () => {
    const u = await createUserAndLogin(target, 'analyst');
    const second = await newToken(u, {});
    expect(await status('/api/observations', u.bearer)).toBe(200);
    const res = await send(
      target,
      '/api/auth/password',
      json('POST', { current: u.password, password: 'river stones under the bridge' }, u.session),
    );
    expect(res.status).toBe(200);
    expect(await status('/api/observations', u.bearer)).toBe(401);
    expect(await status('/api/observations', { Authorization: `Bearer ${second.token}` })).toBe(401);
    expect(await status('/api/observations', { Cookie: u.cookie })).toBe(200);
    expect((await tokens(u)).every((t) => t.revokedAt !== null)).toBe(true);
    const audit = db.$client
      .prepare("SELECT actor, after FROM audit_log WHERE entity = 'api_token' AND action = 'revoke' ORDER BY id DESC")
      .get() as { actor: string; after: string };
    expect(audit.actor).toBe(u.email);
    expect(JSON.parse(audit.after)).toMatchObject({ because: 'new password' });
  });

  it('an admin’s reset of someone’s password revokes their tokens', async () => {
    const u = await createUserAndLogin(target, 'viewer');
    expect(await status('/api/observations', u.bearer)).toBe(200);
    const res = await send(
      target,
      `/api/users/${u.user.id}`,
      json('PATCH', { password: 'a fresh start for ana' }, admin.session),
    );
    expect(res.status).toBe(200);
    expect(await status('/api/observations', u.bearer)).toBe(401);
  });
});

describe('token expiry and last use', () => {
  it('a token with an expiry stops working when it passes; one without works until revoked', async () => {
    const u = await createUserAndLogin(target, 'viewer');
    const week = await newToken(u, { expiresInDays: 7 });
    expect(week.expiresAt).toBe(new Date(clock.getTime() + 7 * 86_400_000).toISOString());
    const forever = await newToken(u, { expiresInDays: null });
    expect(forever.expiresAt).toBeNull();
    const start = clock;
    try {
      clock = new Date(start.getTime() + 7 * 86_400_000 - 1000);
      expect(await status('/api/observations', { Authorization: `Bearer ${week.token}` })).toBe(200);
      clock = new Date(start.getTime() + 7 * 86_400_000);
      const expired = await send(target, '/api/observations', { headers: { Authorization: `Bearer ${week.token}` } });
      expect(expired.status).toBe(401);
      expect(((await expired.json()) as { error: { message: string } }).error.message).toMatch(/expired/);
      expect(await status('/api/observations', { Authorization: `Bearer ${forever.token}` })).toBe(200);
    } finally {
      clock = start;
    }
  });

  it.each([0, -1, 1.5, 3651, '30'])('refuses expiresInDays %j with a 400 naming it', async (days) => {
    const res = await send(
      target,
      '/api/auth/tokens',
      json('POST', { label: 'x', expiresInDays: days }, admin.session),
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { fields: { field: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toContain('expiresInDays');
  });

  it('records the last answered request to the minute, not refused ones', async () => {
    const u = await createUserAndLogin(target, 'viewer');
    const t = await newToken(u, {});
    const bearer = { Authorization: `Bearer ${t.token}` };
    const lastUsed = async () => (await tokens(u)).find((x) => x.id === t.id)!.lastUsedAt;
    expect(await lastUsed()).toBeNull();
    const start = clock;
    try {
      expect(await status('/api/users', bearer)).toBe(403);
      expect(await status('/api/observations?limit=0', bearer)).toBe(400);
      expect(await lastUsed(), 'refused requests leave no trace').toBeNull();
      expect(await status('/api/observations', bearer)).toBe(200);
      expect(await lastUsed()).toBe(start.toISOString());
      clock = new Date(start.getTime() + 30_000);
      expect(await status('/api/observations', bearer)).toBe(200);
      expect(await lastUsed(), 'written at most once a minute').toBe(start.toISOString());
      clock = new Date(start.getTime() + 61_000);
      expect(await status('/api/observations', bearer)).toBe(200);
      expect(await lastUsed()).toBe(clock.toISOString());
    } finally {
      clock = start;
    }
  });
});
