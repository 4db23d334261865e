import type Database from 'better-sqlite3';
import type { Db } from '../client.ts';

const statements = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/**
 * The better-sqlite3 connection under a drizzle handle (the database itself or a transaction on it,
 * which share one connection). Only for the bulk paths where drizzle's per-row mapping costs more
 * than the work itself: streaming millions of observations and writing millions of scores.
 */
export function sqliteOf(db: Db): Database.Database {
  const client = (db as unknown as { session?: { client?: Database.Database } }).session?.client;
  if (!client) throw new Error('expected a better-sqlite3 drizzle handle');
  return client;
}

/** A prepared statement for `sql` on `db`'s connection, prepared once per connection and reused. */
export function cachedStatement(db: Db, sql: string): Database.Statement {
  const client = sqliteOf(db);
  let cache = statements.get(client);
  if (!cache) statements.set(client, (cache = new Map()));
  let s = cache.get(sql);
  if (!s) cache.set(sql, (s = client.prepare(sql)));
  return s;
}

/**
 * Changes whenever the database may have changed: SQLite's `data_version` (moves when another
 * connection, such as the command line, commits) with this connection's own `total_changes()`. Equal
 * values mean nothing was written in between, so anything derived from the data can be reused.
 */
export function dataVersion(db: Db): string {
  return cachedStatement(db, `select (select data_version from pragma_data_version()) || ':' || total_changes()`)
    .pluck()
    .get() as string;
}

/**
 * Vigil's one cache policy. A value derived from the data is kept per connection together with the
 * version of the data it was built from, read from the database at each use: `dataVersion` by
 * default, or a narrower version for values derived from a part of the data (the catalogue and the
 * regions, say). When the version moved — a write by this process, by the command line or by another
 * API process alike — the value is built again. Nothing is invalidated by hand, so no cache can miss
 * a write it was not told about.
 * @example const inputsOf = perDataVersion((db) => loadInputs(db)); inputsOf(db) // rebuilt after any write
 */
export function perDataVersion<T>(build: (db: Db) => T, version: (db: Db) => string = dataVersion): (db: Db) => T {
  const slots = new WeakMap<Database.Database, { version: string; value: T }>();
  return (db) => {
    const key = sqliteOf(db);
    const v = version(db);
    const hit = slots.get(key);
    if (hit && hit.version === v) return hit.value;
    const value = build(db);
    slots.set(key, { version: v, value });
    return value;
  };
}
