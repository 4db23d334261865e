import { spawn } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { hashPassword, setScryptCost, verifyPassword } from '../../api/services/auth/password.ts';
import { parseEnv } from '../../api/env.ts';
import { sqliteAsync } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { createUserAndLogin } from '../helpers/auth.ts';
import { runVigilHere } from '../helpers/cli.ts';

let db: Connection;
beforeEach(() => {
  db = openDb(':memory:');
  runMigrations(db);
});
afterEach(() => {
  vi.restoreAllMocks();
  if (db.$client.open) db.$client.close();
});
const app = (security = {}) => createApp({ db, version: 'test', security });
const post = (body: unknown, headers: Record<string, string> = {}) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/json', ...headers },
  body: JSON.stringify(body),
});

describe('passwords', () => {
  it('are never hashed cheaply outside test runs: a cost under 14 is refused at start-up, naming the variable', async () => {
    // The suite runs with NODE_ENV=test (vite.config.ts), which the servers and commands it starts inherit.
    expect(process.env.NODE_ENV).toBe('test');
    const refusal = /VIGIL_SCRYPT_COST: must be at least 14 \(10 is for test runs, NODE_ENV=test, only/;
    for (const NODE_ENV of [undefined, 'production', 'development'])
      expect(() => parseEnv({ VIGIL_SCRYPT_COST: '10', ...(NODE_ENV ? { NODE_ENV } : {}) }), NODE_ENV).toThrow(refusal);
    expect(parseEnv({ VIGIL_SCRYPT_COST: '14' }).VIGIL_SCRYPT_COST).toBe(14);
    expect(parseEnv({ VIGIL_SCRYPT_COST: '10', NODE_ENV: 'test' }).VIGIL_SCRYPT_COST).toBe(10);
    // A command refuses, in a sentence and not a stack trace.
    const cli = await runVigilHere(':memory:', ['users', 'list'], { VIGIL_SCRYPT_COST: '10', NODE_ENV: 'production' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(new RegExp(`^vigil users: Invalid environment: ${refusal.source}`));
    // So does the server, before it opens any database.
    const server = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
        env: { ...process.env, VIGIL_SCRYPT_COST: '10', NODE_ENV: 'production', VIGIL_DB: '/nonexistent/vigil.db' },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('error', reject);
      child.on('exit', (code) => resolve({ code, stderr }));
    });
    expect(server.code).toBe(1);
    expect(server.stderr).toMatch(new RegExp(`^Vigil did not start. Invalid environment: ${refusal.source}`));
  });

  it('are hashed with scrypt and a per-user salt, and verified only by the right password', async () => {
    // The production cost (the default of VIGIL_SCRYPT_COST); the suite runs at a lower one (test/setup.ts).
    expect(parseEnv({}).VIGIL_SCRYPT_COST).toBe(16);
    setScryptCost(16);
    const [a, b] = await Promise.all([hashPassword('the same password'), hashPassword('the same password')]).finally(
      () => setScryptCost(parseEnv(process.env).VIGIL_SCRYPT_COST),
    );
    expect(a).toMatch(/^scrypt\$65536\$8\$2\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('the same password', a)).toBe(true);
    expect(await verifyPassword('the same passworD', a)).toBe(false);
    expect(await verifyPassword('anything', null)).toBe(false);
    expect(await verifyPassword('anything', 'scrypt$1$1$1$x$y')).toBe(false);
  });

  it('take the cost VIGIL_SCRYPT_COST names (10 to 20) and verify whatever cost they were made with', async () => {
    expect(parseEnv({ VIGIL_SCRYPT_COST: '12', NODE_ENV: 'test' }).VIGIL_SCRYPT_COST).toBe(12);
    for (const bad of ['9', '21', '12.5', 'high'])
      expect(() => parseEnv({ VIGIL_SCRYPT_COST: bad, NODE_ENV: 'test' }), bad).toThrow(/VIGIL_SCRYPT_COST/);
    const now = parseEnv(process.env).VIGIL_SCRYPT_COST;
    try {
      setScryptCost(11);
      const cheap = await hashPassword('a password made cheaply');
      expect(cheap).toMatch(/^scrypt\$2048\$8\$2\$/);
      setScryptCost(12);
      expect(await hashPassword('another password here')).toMatch(/^scrypt\$4096\$8\$2\$/);
      expect(await verifyPassword('a password made cheaply', cheap)).toBe(true);
      expect(await verifyPassword('a password made cheaplY', cheap)).toBe(false);
    } finally {
      setScryptCost(now);
    }
  });

  it('never reach the logs, whether the sign-in succeeds, fails or crashes', async () => {
    const lines: string[] = [];
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const)
      vi.spyOn(console, level).mockImplementation(
        (...args) =>
          void lines.push(args.map((a) => (a instanceof Error ? `${a.message}\n${a.stack}` : String(a))).join(' ')),
      );
    const a = app();
    const password = 'a very secret passphrase 42';
    await createAccount(
      sqliteAsync(db),
      { email: 'ana@test.vigil', role: 'analyst', password },
      'test',
      '2025-01-01T00:00:00Z',
    );
    expect((await a.request('/api/auth/login', post({ email: 'ana@test.vigil', password }))).status).toBe(200);
    expect(
      (await a.request('/api/auth/login', post({ email: 'ana@test.vigil', password: `${password}!` }))).status,
    ).toBe(401);
    db.$client.exec('DROP TABLE sessions');
    expect((await a.request('/api/auth/login', post({ email: 'ana@test.vigil', password }))).status).toBe(500);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain('secret passphrase');
  });
});

describe('error responses', () => {
  it('never carry a stack trace or SQL, even when the database fails underneath', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const a = app();
    const admin = await createUserAndLogin({ request: (p, i) => a.request(p, i), db }, 'admin');
    db.$client.exec('DROP TABLE audit_log');
    const responses = [
      await a.request(
        '/api/users',
        post({ email: 'new@test.vigil', role: 'viewer', password: 'long enough password' }, admin.bearer),
      ),
      await a.request('/api/audit', { headers: admin.bearer }),
    ];
    db.$client.close();
    responses.push(await a.request('/api/users', { headers: admin.bearer }), await a.request('/api/scores'));
    for (const res of responses) {
      expect(res.status).toBe(500);
      const text = await res.text();
      expect(JSON.parse(text)).toEqual({ error: { code: 'internal', message: 'Internal error' } });
      expect(text).not.toMatch(/SELECT|INSERT|sqlite|no such table|\.ts:\d+|at /i);
    }
  });

  it('answer malformed JSON and wrong content with a 4xx envelope', async () => {
    const a = app();
    const bad = await a.request('/api/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{"email": ',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toHaveProperty('error.code');
  });
});

describe('request size limits', () => {
  it('give uploads to /api/imports a larger limit than other requests, each 413 naming its limit', async () => {
    const a = app({ maxBodyBytes: 1024, maxImportBytes: 8 * 1024 });
    const admin = await createUserAndLogin({ request: (p, i) => a.request(p, i), db }, 'admin');
    const body = (n: number) => ({
      method: 'POST',
      headers: { ...admin.bearer, 'Content-Type': 'text/csv', 'Content-Length': String(n) },
      body: 'x'.repeat(n),
    });
    const small = await a.request('/api/users', body(2048));
    expect(small.status).toBe(413);
    expect(((await small.json()) as { error: { message: string } }).error.message).toBe(
      'Request body is larger than the limit of 1 KB',
    );
    expect((await a.request('/api/imports', body(4096))).status).not.toBe(413);
    const big = await a.request('/api/imports', body(9000));
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain('8 KB');
  });
});
