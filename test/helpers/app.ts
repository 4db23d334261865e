import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { hc } from 'hono/client';
import { createApp, type AppType } from '../../api/app.ts';
import { parseEnv } from '../../api/env.ts';
import { securityFromEnv } from '../../api/services/auth/config.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { seededDbCopy } from './seeded-db.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Vigil's app in this process, over its own database: what a test of the HTTP API talks to, without a port. */
export interface TestApp {
  /** Answers a request for `path` (e.g. `/api/scores?…`) as the server would. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The typed client of the API over {@link TestApp.request}: response types come from `AppType`. */
  client: ReturnType<typeof hc<AppType>>;
  db: Connection;
  dbPath: string;
  /** Closes the database and deletes it. */
  close(): void;
}

/**
 * Builds the app as `api/server.ts` does (configuration parsed from `env` like the process
 * environment) over a private copy of the seeded, scored database (or over `dbPath`, migrated).
 */
export function startApp(opts: { dbPath?: string; env?: Record<string, string> } = {}): TestApp {
  const dbPath = opts.dbPath ?? seededDbCopy();
  const db = openDb(dbPath);
  runMigrations(db);
  const env = parseEnv({ ...opts.env });
  const app = createApp({ db, version: VERSION, webRoot: env.VIGIL_WEB_ROOT, security: securityFromEnv(env) });
  const request = async (path: string, init?: RequestInit) => app.request(path, init);
  return {
    request,
    client: hc<AppType>('http://vigil.test/api', {
      fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init),
    }),
    db,
    dbPath,
    close: () => {
      db.$client.close();
      if (!opts.dbPath) rmSync(dirname(dbPath), { recursive: true, force: true });
    },
  };
}
