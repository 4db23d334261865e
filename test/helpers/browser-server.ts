import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { firstStartDbCopy, seededDbCopy } from './seeded-db.ts';
import { startServer, type RunningServer } from './server.ts';

/** Which database the file's server runs on: a seeded copy, a copy of a real first start (bundled UCDP sample included), or a path the file prepares (its folder is removed afterwards). */
export type TestDatabase = 'seeded' | 'first-start' | (() => string | Promise<string>);

/**
 * The set-up most browser test files share: before the file's tests, Chromium and a Vigil server on a
 * private database (both started together); after them, both stopped and the database's folder removed.
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
    [server, browser] = await Promise.all([startServer({ dbPath, env: opts.env }), launchBrowser()]);
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
