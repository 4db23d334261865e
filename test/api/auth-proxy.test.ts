import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createUser, createUserAndLogin, send, type Credentials, type Target } from '../helpers/auth.ts';
import { openSeededCopy } from '../helpers/seeded-db.ts';

let seeded: ReturnType<typeof openSeededCopy>;
/** The app as it runs by default, and with VIGIL_TRUST_PROXY on. */
let direct: Target;
let proxied: Target;
let admin: Credentials;
const BASIC = { Authorization: `Basic ${Buffer.from('proxy-user:proxy-password').toString('base64')}` };

beforeAll(async () => {
  seeded = openSeededCopy();
  const a = createApp({ db: seeded.db, version: 'test' });
  const b = createApp({ db: seeded.db, version: 'test', security: { trustProxy: true } });
  direct = { request: (p, i) => a.request(p, i), db: seeded.db };
  proxied = { request: (p, i) => b.request(p, i), db: seeded.db };
  admin = await createUserAndLogin(direct, 'admin');
});
afterAll(() => seeded.close());

describe('behind a reverse proxy that uses HTTP Basic', () => {
  it('ignores Authorization schemes Vigil does not issue: health, sign-in and public reads work, the rest needs an account', async () => {
    for (const scheme of [
      BASIC,
      { Authorization: 'Digest username="x", realm="proxy"' },
      { Authorization: 'Negotiate YII=' },
    ]) {
      expect((await send(direct, '/api/health', { headers: scheme })).status).toBe(200);
      expect((await send(direct, '/api/scores?period=2016-06&lens=overall&level=0', { headers: scheme })).status).toBe(
        200,
      );
      const me = (await (await send(direct, '/api/auth/me', { headers: scheme })).json()) as { user: unknown };
      expect(me.user).toBeNull();
      const users = await send(direct, '/api/users', { headers: scheme });
      expect(users.status).toBe(401);
      expect(((await users.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    const { email, password } = await createUser(direct, 'viewer');
    const login = await send(direct, '/api/auth/login', {
      method: 'POST',
      headers: { ...BASIC, 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    expect(login.status).toBe(200);
  });

  it('still knows a signed-in browser whose every request carries the proxy credentials', async () => {
    const res = await send(direct, '/api/users', { headers: { ...BASIC, Cookie: admin.cookie } });
    expect(res.status).toBe(200);
    const write = await send(direct, '/api/watchlist/IQ-NI', {
      method: 'PUT',
      headers: { ...BASIC, ...admin.session },
    });
    expect(write.status).toBeLessThan(300);
  });
});

describe('CSRF origin check and X-Forwarded-Host', () => {
  // A page on evil.example posting with the victim's cookie, claiming the proxy forwarded evil.example.
  const forged = (who: Credentials) => ({
    method: 'PUT',
    headers: {
      ...who.session,
      Host: 'vigil.example',
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'evil.example',
    },
  });
  // The same page of Vigil's own, behind a proxy: the browser's Origin is the public host, Host the internal one.
  const viaProxy = (who: Credentials) => ({
    method: 'PUT',
    headers: {
      ...who.session,
      Host: '127.0.0.1:8787',
      Origin: 'https://vigil.example',
      'X-Forwarded-Host': 'vigil.example',
    },
  });

  it('reads X-Forwarded-Host only when VIGIL_TRUST_PROXY is on', async () => {
    const off = await send(direct, '/api/watchlist/IQ-NI', forged(admin));
    expect(off.status).toBe(403);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('csrf');
    expect((await send(direct, '/api/watchlist/IQ-NI', viaProxy(admin))).status).toBe(403);
    expect((await send(proxied, '/api/watchlist/IQ-NI', viaProxy(admin))).status).toBeLessThan(300);
  });

  it('compares the Origin with Host when no proxy is trusted', async () => {
    const same = {
      method: 'PUT',
      headers: { ...admin.session, Host: 'vigil.example', Origin: 'https://vigil.example' },
    };
    expect((await send(direct, '/api/watchlist/IQ-NI', same)).status).toBeLessThan(300);
  });
});
