import { beforeAll } from 'vitest';
import { createApp } from '../../api/app.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import type { Engine, seededOnBothEngines } from './engines.ts';

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
