import { describe, expect, it } from 'vitest';
import { createApp } from '../../api/app.ts';
import { pgAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { openPg } from '../../db/pg/client.ts';
import { runVigilHere } from '../helpers/cli.ts';
import { closedSqlite } from '../helpers/engine-apps.ts';
import { seededDbCopy } from '../helpers/seeded-db.ts';
import { freshPgDatabase, testEngine } from '../helpers/test-engine.ts';
import { runCli, spawnServer } from '../reliability/processes.ts';

type Requester = { request(path: string, init?: RequestInit): Response | Promise<Response> } | { url: string };

const login = (to: Requester, email: string, password: string) => {
  const init = {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  };
  return Promise.resolve('url' in to ? fetch(`${to.url}/api/auth/login`, init) : to.request('/api/auth/login', init));
};

/**
 * The seeded database the command line and an app in this process share: the SQLite file, or in the
 * postgres project a database of the run's PostgreSQL server holding what it holds (`env` points the
 * command line at it, as VIGIL_DATABASE_URL points a user's). `open()` gives an app over it.
 */
async function sharedDatabase() {
  const db = seededDbCopy();
  if (testEngine() !== 'postgres') {
    return {
      db,
      env: {} as Record<string, string>,
      open: () => {
        const conn = openDb(db);
        return { app: createApp({ db: conn, version: 'test' }), close: async () => conn.$client.close() };
      },
      drop: async () => {},
    };
  }
  const database = await freshPgDatabase(db);
  return {
    db,
    env: { VIGIL_DATABASE_URL: database.url } as Record<string, string>,
    open: () => {
      const pool = openPg(database.url);
      return {
        app: createApp({ db: closedSqlite(), data: pgAsync(pool), version: 'test' }),
        close: () => pool.$client.end(),
      };
    },
    drop: () => database.drop(),
  };
}

/** `vigil users …` in this process (what it does and its code); a password on stdin needs the real process (runCli). */
async function users(db: string, args: string[], env: Record<string, string> = {}) {
  const r = await runVigilHere(db, ['users', ...args], env);
  return { code: r.code, output: `${r.stdout}${r.stderr}` };
}

describe('vigil users', () => {
  it('creates the first admin with the password from stdin or VIGIL_PASSWORD (never argv), and manages accounts', async () => {
    const shared = await sharedDatabase();
    const { db } = shared;
    const env = shared.env;
    expect((await users(db, ['list'], env)).output).toMatch(/No accounts yet/);
    const argv = await users(
      db,
      ['add', '--admin', '--email', 'root@test.vigil', '--password', 'in the shell history'],
      env,
    );
    expect(argv.code).toBe(2);
    expect(argv.output).toMatch(/never put a password on the command line/);
    expect((await runCli(db, ['users', 'add', '--admin', '--email', 'root@test.vigil'], env, 'short\n')).code).toBe(1);

    const added = await runCli(
      db,
      ['users', 'add', '--admin', '--email', 'Root@Test.Vigil', '--name', 'Root'],
      env,
      'a long stdin password\n',
    );
    expect(added.code, added.output).toBe(0);
    expect(added.output).toContain('Created admin root@test.vigil');
    expect(added.output).not.toContain('a long stdin password');
    expect(
      (
        await users(db, ['add', '--email', 'ana@test.vigil', '--role', 'analyst'], {
          ...env,
          VIGIL_PASSWORD: 'analyst password 1',
        })
      ).code,
    ).toBe(0);

    const lastAdmin = await users(db, ['set-role', 'root@test.vigil', 'viewer'], env);
    expect(lastAdmin.code).toBe(1);
    expect(lastAdmin.output).toMatch(/last enabled admin/);
    expect((await users(db, ['disable', 'ana@test.vigil'], env)).code).toBe(0);
    const list = (await users(db, ['list'], env)).output;
    expect(list).toMatch(/admin\s+enabled\s+root@test\.vigil/);
    expect(list).toMatch(/analyst\s+disabled\s+ana@test\.vigil/);

    // Signing in is not about the process: an app in this process, over the same database.
    const { app, close } = shared.open();
    try {
      expect((await login(app, 'root@test.vigil', 'a long stdin password')).status).toBe(200);
      expect((await login(app, 'ana@test.vigil', 'analyst password 1')).status).toBe(401);
      const audit = (await (
        await app.request('/api/audit?entity=user', {
          headers: {
            Cookie: (await login(app, 'root@test.vigil', 'a long stdin password')).headers
              .getSetCookie()[0]!
              .split(';')[0]!,
          },
        })
      ).json()) as { actor: string; action: string }[];
      expect(audit.filter((a) => a.actor.startsWith('cli:')).map((a) => a.action)).toEqual([
        'update',
        'create',
        'create',
      ]);
    } finally {
      await close();
      await shared.drop();
    }
  }, 120_000);

  it('VIGIL_BOOTSTRAP_ADMIN_* creates an admin at start-up only when there is no account', async () => {
    const db = seededDbCopy();
    const env = {
      VIGIL_BOOTSTRAP_ADMIN_EMAIL: 'boot@test.vigil',
      VIGIL_BOOTSTRAP_ADMIN_PASSWORD: 'bootstrap password',
    };
    let server = await spawnServer(db, env);
    expect(server.output()).toContain('Created the first admin account, boot@test.vigil');
    expect((await login(server, 'boot@test.vigil', 'bootstrap password')).status).toBe(200);
    await server.stop();
    server = await spawnServer(db, { ...env, VIGIL_BOOTSTRAP_ADMIN_EMAIL: 'second@test.vigil' });
    try {
      expect(server.output()).not.toContain('Created the first admin');
      expect((await login(server, 'second@test.vigil', 'bootstrap password')).status).toBe(401);
    } finally {
      await server.stop();
    }
  }, 120_000);
});
