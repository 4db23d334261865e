import { readFileSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { hc } from 'hono/client';
import { createApp, type AppType } from '../../api/app.ts';
import { parseEnv } from '../../api/env.ts';
import { securityFromEnv } from '../../api/services/auth/config.ts';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg } from '../../db/pg/client.ts';
import { closedSqlite } from './engine-apps.ts';
import { seededDbCopy } from './seeded-db.ts';
import { freshPgDatabase, testEngine } from './test-engine.ts';

const VERSION = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** Vigil's app in this process, over its own database: what a test of the HTTP API talks to, without a port. */
export interface TestApp {
  /** Answers a request for `path` (e.g. `/api/scores?…`) as the server would. */
  request(path: string, init?: RequestInit): Promise<Response>;
  /** The typed client of the API over {@link TestApp.request}: response types come from `AppType`. */
  client: ReturnType<typeof hc<AppType>>;
  /** The app's data behind the awaited interface, on the engine the test runs on: for a test's own set-up. */
  data: AsyncDb;
  /** The SQLite handle; on PostgreSQL a closed one (a read through it throws instead of reading a stale copy). */
  db: Connection;
  /** The SQLite file; on PostgreSQL reading it throws (there is no file the app reads). */
  dbPath: string;
  /** Runs `f` on another connection to the app's database (as a second process would), then closes it. */
  another<T>(f: (data: AsyncDb) => Promise<T>): Promise<T>;
  /** Closes the database and deletes it. */
  close(): Promise<void>;
}

/**
 * Builds the app as `api/server.ts` does (configuration parsed from `env` like the process
 * environment) over a private copy of the seeded, scored database (or over `dbPath`, migrated).
 * In the postgres project (VIGIL_TEST_ENGINE=postgres) the same data are in a database of their own
 * on the run's PostgreSQL server, and the app gets a closed SQLite handle, as a server on PostgreSQL.
 */
export async function startApp(opts: { dbPath?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const env = parseEnv({ ...opts.env });
  const build = (db: Connection, data: AsyncDb) => {
    const app = createApp({ db, data, version: VERSION, webRoot: env.VIGIL_WEB_ROOT, security: securityFromEnv(env) });
    return {
      request: async (path: string, init?: RequestInit) => app.request(path, init),
      client: hc<AppType>('http://vigil.test/api', {
        fetch: (input: RequestInfo | URL, init?: RequestInit) => app.request(String(input), init),
      }),
      data,
      db,
    };
  };
  if (testEngine() === 'postgres') {
    const database = await freshPgDatabase(opts.dbPath);
    const pool = openPg(database.url);
    return {
      ...build(closedSqlite(), pgAsync(pool)),
      get dbPath(): string {
        throw new Error(
          'this app is on PostgreSQL (VIGIL_TEST_ENGINE=postgres): no SQLite file; set up through app.data',
        );
      },
      another: async (f) => {
        const other = openPg(database.url);
        try {
          return await f(pgAsync(other));
        } finally {
          await other.$client.end();
        }
      },
      close: async () => {
        await pool.$client.end();
        await database.drop();
      },
    };
  }
  const dbPath = opts.dbPath ?? seededDbCopy();
  const db = openDb(dbPath);
  runMigrations(db);
  return {
    ...build(db, sqliteAsync(db)),
    dbPath,
    another: async (f) => {
      const other = openDb(dbPath);
      try {
        return await f(sqliteAsync(other));
      } finally {
        other.$client.close();
      }
    },
    close: async () => {
      db.$client.close();
      if (!opts.dbPath) rmSync(dirname(dbPath), { recursive: true, force: true });
    },
  };
}
