import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEnv } from '../../api/env.ts';
import { NOT_YET_ON_POSTGRESQL } from '../../api/middleware/not-on-postgresql.ts';
import { firstStartDbCopy } from '../helpers/seeded-db.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';
import { runCli, spawnServer, type ServerProcess } from './processes.ts';

// `VIGIL_DATABASE_URL=postgres://… npm start`, as a process: the first start copies the bundled data
// into the empty PostgreSQL database, a later one serves them as they are; the answers are those of
// a SQLite server on the same data.
const SECRET = 'not-a-real-password-42';
const ADMIN = { email: 'first-admin@pg.test', password: 'a long bootstrap passphrase 1' };
let postgres: TestPostgres;
let url: string;
let sqliteServer: ServerProcess;
const folders: string[] = [];
const running: ServerProcess[] = [];

beforeAll(async () => {
  postgres = await startPostgres();
  // The test server trusts local connections: the password is there to be kept out of the log.
  url = postgres.url.replace('postgres@', `postgres:${SECRET}@`);
  sqliteServer = await spawnServer(await firstStartDbCopy());
  running.push(sqliteServer);
});
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  await postgres?.stop();
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

/** A server on PostgreSQL with its SQLite file `dbPath`. */
async function startOnPg(dbPath: string, env: Record<string, string> = {}) {
  const server = await spawnServer(dbPath, { VIGIL_DATABASE_URL: url, ...env });
  running.push(server);
  return server;
}

async function json(server: ServerProcess, path: string) {
  const res = await fetch(`${server.url}${path}`);
  expect(res.status, path).toBe(200);
  return res.json() as Promise<unknown>;
}

const signIn = (server: ServerProcess, email: string, password: string) =>
  fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('VIGIL_DATABASE_URL', () => {
  it('must be a postgres:// or postgresql:// URL: anything else stops the server, naming the variable', async () => {
    expect(parseEnv({ VIGIL_DATABASE_URL: 'postgresql://vigil@db/vigil' }).VIGIL_DATABASE_URL).toBe(
      'postgresql://vigil@db/vigil',
    );
    expect(parseEnv({ VIGIL_DATABASE_URL: '' }).VIGIL_DATABASE_URL).toBeUndefined();
    for (const bad of ['mysql://vigil@db/vigil', 'db.example.org:5432/vigil'])
      expect(() => parseEnv({ VIGIL_DATABASE_URL: bad })).toThrow(/VIGIL_DATABASE_URL: must be a postgres:\/\//);
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-bad-'));
    folders.push(dir);
    const refused = await spawnServer(join(dir, 'vigil.db'), {
      VIGIL_DATABASE_URL: `mysql://root:${SECRET}@db/vigil`,
    }).catch((e: unknown) => String(e));
    expect(refused).toMatch(/exited with 1[\s\S]*Vigil did not start\. .*VIGIL_DATABASE_URL: must be/);
    expect(refused).not.toContain(SECRET);
  });
});

describe('a server started on PostgreSQL', () => {
  let first: ServerProcess;
  beforeAll(async () => {
    first = await startOnPg(await firstStartDbCopy(), {
      VIGIL_BOOTSTRAP_ADMIN_EMAIL: ADMIN.email,
      VIGIL_BOOTSTRAP_ADMIN_PASSWORD: ADMIN.password,
    });
  });

  it('copies the bundled data on its first start and says so, never printing the password', () => {
    const where = `PostgreSQL 127.0.0.1:${new URL(url).port}/vigil`;
    expect(first.output()).toContain(`${where} holds no data yet`);
    expect(first.output()).toMatch(new RegExp(`Copied .* into ${where}: \\d+ tables, [\\d,]+ rows, each read back`));
    expect(first.output()).toContain(`(database ${where}, ready in`);
    expect(first.output()).toContain(`Created the first admin account, ${ADMIN.email}`);
    expect(first.output()).not.toContain(SECRET);
  });

  it('answers the map and the catalogue as a SQLite server on the same data does', async () => {
    for (const path of ['/api/scores/map', '/api/scores?level=1', '/api/catalogue/versions', '/api/indicators'])
      expect(await json(first, path), path).toEqual(await json(sqliteServer, path));
  });

  it('signs in the bootstrap admin, and an account vigil users adds on PostgreSQL', async () => {
    expect((await signIn(first, ADMIN.email, ADMIN.password)).status).toBe(200);
    const analyst = { email: 'analyst@pg.test', password: 'another long passphrase 7' };
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-cli-'));
    folders.push(dir);
    const added = await runCli(join(dir, 'unused.db'), ['users', 'add', '--email', analyst.email], {
      VIGIL_DATABASE_URL: url,
      VIGIL_PASSWORD: analyst.password,
    });
    expect(added.output).toContain(`Created viewer ${analyst.email}`);
    expect(added.code).toBe(0);
    expect((await signIn(first, analyst.email, analyst.password)).status).toBe(200);
    // A SQLite server never saw either account.
    expect((await signIn(sqliteServer, analyst.email, analyst.password)).status).toBe(401);
  });

  it('serves every route: none is left answering 503 not_on_postgresql, and a download is the same file as on SQLite', async () => {
    expect(NOT_YET_ON_POSTGRESQL).toEqual([]);
    for (const path of ['/api/export/scores.csv?period=2016-06&lens=overall&level=1', '/api/validation']) {
      const [pg, lite] = await Promise.all([fetch(`${first.url}${path}`), fetch(`${sqliteServer.url}${path}`)]);
      const body = await pg.text();
      expect(pg.status, `${path}: ${body}`).toBe(lite.status);
      expect(body, path).not.toContain('not_on_postgresql');
      if (path.includes('.csv')) expect(body, path).toBe(await lite.text());
    }
  });

  it('copies nothing on a later start, even with an empty SQLite file, and serves the same answers', async () => {
    await first.stop();
    const dir = mkdtempSync(join(tmpdir(), 'vigil-pg-again-'));
    folders.push(dir);
    const again = await startOnPg(join(dir, 'vigil.db'));
    expect(again.output()).toMatch(
      /PostgreSQL 127\.0\.0\.1:\d+\/vigil already holds data \(\d+ regions\): nothing copied/,
    );
    expect(again.output()).not.toContain('Copied');
    expect(again.output()).not.toContain('Loaded the bundled UCDP');
    for (const path of ['/api/scores/map', '/api/catalogue/versions'])
      expect(await json(again, path), path).toEqual(await json(sqliteServer, path));
    expect((await signIn(again, ADMIN.email, ADMIN.password)).status).toBe(200);
  });
});
