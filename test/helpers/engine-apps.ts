import { beforeAll } from 'vitest';
import { createApp } from '../../api/app.ts';
import { createAccount } from '../../api/services/auth/accounts.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import type { Role } from '../../indicators/vocabulary.ts';
import { signIn } from './auth.ts';
import { ENGINES, type Engine, type seededOnBothEngines } from './engines.ts';

export type App = ReturnType<typeof createApp>;

/**
 * One app per engine over the same data (`seededOnBothEngines()`), built before the file's tests:
 * `apps()[engine].request(…)` answers in process, so one set of assertions compares the engines.
 */
export function appsOnBothEngines(both: ReturnType<typeof seededOnBothEngines>): () => Record<Engine, App> {
  let apps: Record<Engine, App>;
  beforeAll(() => {
    apps = {
      sqlite: createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' }),
      postgres: createApp({ db: both.seeded(), data: both.engines.postgres(), version: 'test' }),
    };
  });
  return () => apps;
}

/** A migrated SQLite handle, closed: given to an app on PostgreSQL, a handler still reading SQLite throws instead of quietly reading a copy. */
export function closedSqlite(): Connection {
  const closed = openDb(':memory:');
  runMigrations(closed);
  closed.$client.close();
  return closed;
}

/**
 * One app per engine over `seededOnBothEngines()`'s data, the PostgreSQL one with a {@link closedSqlite}
 * handle: a route served on PostgreSQL that still read the SQLite copy fails there instead of passing.
 * Call it inside `beforeAll` (the data are opened there).
 */
export function appsWithClosedSqlite(both: ReturnType<typeof seededOnBothEngines>): Record<Engine, App> {
  return {
    sqlite: createApp({ db: both.seeded(), data: both.engines.sqlite(), version: 'test' }),
    postgres: createApp({ db: closedSqlite(), data: both.engines.postgres(), version: 'test' }),
  };
}

/**
 * {@link appsWithClosedSqlite} built before the file's tests, with an account per role on each engine
 * (`<role>@test.vigil`, created at 2026-03-01T10:00Z) signed in through that engine's app:
 * `who[role][engine]` is the session's headers (cookie and CSRF token). Both objects are filled in place,
 * so they may be destructured at once; a file's own `beforeAll` registered after this call sees them.
 */
export function signedInOnBothEngines<R extends Role>(
  both: ReturnType<typeof seededOnBothEngines>,
  roles: readonly R[],
): { app: Record<Engine, App>; who: Record<R, Record<Engine, Record<string, string>>> } {
  const password = 'a long pass phrase for the tests';
  const app = {} as Record<Engine, App>;
  const who = Object.fromEntries(roles.map((r) => [r, {}])) as Record<R, Record<Engine, Record<string, string>>>;
  beforeAll(async () => {
    Object.assign(app, appsWithClosedSqlite(both));
    for (const engine of ENGINES)
      for (const role of roles) {
        const email = `${role}@test.vigil`;
        await createAccount(both.engines[engine](), { email, role, password }, 'test', '2026-03-01T10:00:00.000Z');
        who[role][engine] = (await signIn(app[engine], email, password)).session;
      }
  });
  return { app, who };
}
