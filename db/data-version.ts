import { sql } from 'drizzle-orm';
import type { AsyncDb } from './async.ts';
import type { PgConnection } from './pg/client.ts';
import { dataVersion, sqliteOf } from './queries/raw.ts';

/**
 * The version of the data on either engine, for the one cache policy (`perDataVersion` in
 * queries/raw.ts; this is its awaited form). SQLite: `dataVersion` (the file's `data_version` with
 * this connection's own changes). PostgreSQL: the counter in `vigil_sync.data_version`, moved in the
 * same transaction by every transaction that writes Vigil's tables (triggers, db/pg/migrations
 * 0004): it moves for a write from any connection of any process, and a reader sees the new number
 * exactly when it can see the new data. Rate-limit counters do not move it.
 */
export async function dataVersionOf(a: AsyncDb): Promise<string> {
  if (a.engine === 'sqlite') return dataVersion(a.db);
  const pg = a.db as unknown as PgConnection;
  const { rows } = await pg.execute<{ version: string }>(
    sql`select version::text as version from vigil_sync.data_version`,
  );
  return rows[0]!.version;
}

/** What a cached value is kept per: the SQLite connection, or the PostgreSQL pool (or transaction). */
function slotKey(a: AsyncDb): object {
  if (a.engine === 'sqlite') return sqliteOf(a.db);
  return (a.db as unknown as { $client?: object }).$client ?? a.db;
}

/**
 * `perDataVersion` for awaited builds, on both engines: the value is kept with the version it was
 * built from, the version is read at each use (before the build, so a write during the build makes
 * the next use build again rather than keep a stale value), and a moved version builds again. Calls
 * while a build is under way for the same version share it; a failed build is not kept.
 * @example const inputsOf = perDataVersionAsync((a) => loadInputs(a)); await inputsOf(a)
 */
export function perDataVersionAsync<T>(
  build: (a: AsyncDb) => Promise<T>,
  version: (a: AsyncDb) => Promise<string> = dataVersionOf,
): (a: AsyncDb) => Promise<T> {
  const slots = new WeakMap<object, { version: string; value: Promise<T> }>();
  return async (a) => {
    const key = slotKey(a);
    const v = await version(a);
    const hit = slots.get(key);
    if (hit && hit.version === v) return hit.value;
    const value = build(a);
    const slot = { version: v, value };
    slots.set(key, slot);
    value.catch(() => {
      if (slots.get(key) === slot) slots.delete(key);
    });
    return value;
  };
}
