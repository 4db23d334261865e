import { serve, type ServerType } from '@hono/node-server';
import { readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { createApp } from '../../api/app.ts';
import { parseEnv } from '../../api/env.ts';
import { bootstrapAdmin } from '../../api/services/auth/bootstrap.ts';
import { securityFromEnv } from '../../api/services/auth/config.ts';
import { recomputeAll, scoresOutdated } from '../../api/services/scores/recompute.ts';
import { seedUcdpSample } from '../../api/services/ucdp/bundled-sample.ts';
import { sqliteAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { countScores } from '../../db/queries/scores.ts';
import { seedDefaults } from '../../db/seed/index.ts';
import { connectBrowser } from './browser.ts';
import { firstStartDbCopy, seededDbCopy } from './seeded-db.ts';
import type { RunningServer } from './server.ts';

/** Which database the file's server runs on: a seeded copy, a copy of a real first start (bundled UCDP sample included), or a path the file prepares (its folder is removed afterwards). */
export type TestDatabase = 'seeded' | 'first-start' | (() => string | Promise<string>);

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/**
 * Vigil's app served over HTTP from this process (the test worker), on an ephemeral port of 127.0.0.1,
 * started on `dbPath` with the steps `api/server.ts` takes (migrations, bundled data, scores, bundled
 * UCDP sample, bootstrap admin, configuration parsed from `env` like the process environment) — for
 * tests of what the browser sees, where the server process itself is not under test (that stays with
 * `startServer()` in ./server.ts, which spawns `tsx api/server.ts` as users start it; scheduled backups
 * run only there). Saves a process and its start (2–3 s of CPU) per test file.
 */
export async function serveInProcess(dbPath: string, envVars: Record<string, string> = {}): Promise<RunningServer> {
  const t0 = performance.now();
  // Configuration from `envVars` alone, not this process's environment; the scrypt cost of new password
  // hashes is this process's, the suite's (test/setup.ts), as a spawned server inherits it.
  const env = parseEnv({ ...envVars });
  const db = openDb(dbPath);
  runMigrations(db);
  const seeded = seedDefaults(db);
  if (seeded.observations > 0 || seeded.catalogue || countScores(db) === 0 || scoresOutdated(db)) recomputeAll(db);
  await seedUcdpSample(db);
  await bootstrapAdmin(
    sqliteAsync(db),
    env.VIGIL_BOOTSTRAP_ADMIN_EMAIL,
    env.VIGIL_BOOTSTRAP_ADMIN_PASSWORD,
    new Date().toISOString(),
  );
  const app = createApp({ db, version: VERSION, webRoot: env.VIGIL_WEB_ROOT, security: securityFromEnv(env) });
  let server: ServerType | undefined;
  const port = await new Promise<number>((resolve, reject) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => resolve(info.port));
    server.once('error', reject);
  });
  // As api/server.ts: idle connections outlive the browser's, so a request never meets a closing one.
  (server as Server).keepAliveTimeout = 65_000;
  return {
    url: `http://127.0.0.1:${port}`,
    dbPath,
    startupMs: performance.now() - t0,
    stop: async () => {
      const s = server as Server;
      await new Promise<void>((resolve) => {
        s.close(() => resolve());
        s.closeAllConnections();
      });
      db.$client.close();
    },
  };
}

/**
 * Chromium for this test file: a connection to its worker's browser (test/global-browser.ts), with its own
 * contexts and pages; `close()` closes those and leaves the browser to the worker's next file.
 */
export async function testBrowser(): Promise<Browser> {
  const res = await fetch(`${inject('browserBroker')}/${process.env.VITEST_POOL_ID ?? '0'}`);
  const answer = await res.text();
  if (!res.ok) throw new Error(`no Chromium for this worker: ${answer}`);
  return connectBrowser(answer);
}

/**
 * The set-up most browser test files share: before the file's tests, Chromium and a Vigil server on a
 * private database (both started together; the server in this process, see {@link serveInProcess});
 * after them, both stopped and the database's folder removed.
 * Read `vigil.browser` and `vigil.server` inside tests and hooks, once started.
 */
export function useBrowserAndServer(opts: { db?: TestDatabase; env?: Record<string, string> } = {}): {
  readonly browser: Browser;
  readonly server: RunningServer;
} {
  let browser: Browser | undefined;
  let server: RunningServer | undefined;
  let dbPath: string | undefined;
  beforeAll(async () => {
    const db = opts.db ?? 'seeded';
    dbPath = typeof db === 'function' ? await db() : db === 'first-start' ? await firstStartDbCopy() : seededDbCopy();
    [server, browser] = await Promise.all([serveInProcess(dbPath, opts.env), testBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dbPath) rmSync(dirname(dbPath), { recursive: true, force: true });
  });
  const started = <T>(what: string, value: T | undefined): T => {
    if (value === undefined) throw new Error(`${what} is not started: use it inside a test or hook`);
    return value;
  };
  return {
    get browser() {
      return started('Chromium', browser);
    },
    get server() {
      return started('The Vigil server', server);
    },
  };
}
