import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserAndLogin, type Credentials } from '../helpers/auth.ts';
import { startApp, type TestApp } from '../helpers/app.ts';

let closed: TestApp;
let viewer: Credentials;

beforeAll(async () => {
  closed = await startApp({ env: { VIGIL_PUBLIC_READ: 'false' } });
  viewer = await createUserAndLogin(closed, 'viewer');
});
afterAll(() => closed?.close());

const reads = [
  '/api/scores',
  '/api/periods',
  '/api/regions?level=0',
  '/api/boundaries/0',
  '/api/frameworks',
  '/api/indicators',
  '/api/regions/IRQ/scores',
];

describe('with VIGIL_PUBLIC_READ=false', () => {
  it('answers only health, sign-in and "who am I" to anonymous visitors', async () => {
    expect((await closed.request(`/api/health`)).status).toBe(200);
    const me = (await (await closed.request(`/api/auth/me`)).json()) as { user: unknown; publicRead: boolean };
    expect(me).toMatchObject({ user: null, publicRead: false });
    for (const path of reads) {
      const res = await closed.request(`${path}`);
      expect(res.status, path).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    // The dashboard itself still loads, so that people can sign in.
    const page = await closed.request(`/`);
    expect(page.status).toBe(200);
  });

  it('serves the same reads to a viewer with a session or a token', async () => {
    for (const path of reads) {
      expect((await closed.request(`${path}`, { headers: { Cookie: viewer.cookie } })).status, path).toBe(200);
      expect((await closed.request(`${path}`, { headers: viewer.bearer })).status, path).toBe(200);
    }
  });
});
