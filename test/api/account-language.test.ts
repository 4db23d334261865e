import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

/** `PATCH /api/auth/me`: the dashboard language kept with the account. */
let server: TestApp;
let viewer: Credentials;
let other: Credentials;

const patch = (headers: Record<string, string>, body: unknown) =>
  server.request('/api/auth/me', {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
const me = async (c: Credentials) =>
  (
    (await (await server.request('/api/auth/me', { headers: c.session })).json()) as {
      user: { language: string | null };
    }
  ).user;

beforeAll(async () => {
  server = await startApp();
  viewer = await createUserAndLogin(server, 'viewer');
  other = await createUserAndLogin(server, 'viewer');
});
afterAll(() => server?.close());

describe('PATCH /api/auth/me (language)', () => {
  it('starts with no choice, keeps one, and forgets it on null', async () => {
    expect((await me(viewer)).language).toBeNull();
    const res = await patch(viewer.session, { language: 'ar' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { user: { language: string } }).user.language).toBe('ar');
    expect((await me(viewer)).language).toBe('ar');
    // Another account's choice is its own.
    expect((await me(other)).language).toBeNull();
    expect((await patch(viewer.session, { language: null })).status).toBe(200);
    expect((await me(viewer)).language).toBeNull();
  });

  it('refuses a language the dashboard does not have, and unknown fields, naming the field', async () => {
    const bad = await patch(viewer.session, { language: 'es' });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { error: { code: string; fields: { field: string; message: string }[] } };
    expect(body.error.fields.map((f) => f.field)).toEqual(['language']);
    expect(body.error.fields[0]!.message).toMatch(/en, fr, ar/);
    expect((await patch(viewer.session, { language: 'fr', role: 'admin' })).status).toBe(400);
    expect((await me(viewer)).language).toBeNull();
  });

  it('needs a signed-in account and, from a browser session, the CSRF token', async () => {
    expect((await patch({}, { language: 'fr' })).status).toBe(401);
    expect((await patch({ Cookie: viewer.cookie }, { language: 'fr' })).status).toBe(403);
    expect((await patch(viewer.bearer, { language: 'fr' })).status).toBe(200);
    expect((await me(viewer)).language).toBe('fr');
  });
});
