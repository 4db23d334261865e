import type { Db } from './client.ts';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import * as pgSchema from './pg/schema.ts';
import * as schema from './schema/index.ts';

/** The tables a query is written against: db/schema's, or their PostgreSQL mirror in the same shape. */
export type Tables = typeof schema;

/**
 * A database either engine can stand behind, for queries that are awaited (issue 18's async data
 * layer; regions are the first resource, in db/queries/regions.ts). A query is written once, as a
 * drizzle builder over `db` and `t`, and awaited: both engines' builders are promises, and both
 * dialects share select/insert/where/orderBy/onConflict. The SQLite types stand for both — drizzle has
 * no type common to the two dialects — which holds because db/pg/schema.ts mirrors db/schema column
 * for column and test/db/pg-schema.test.ts says so; what a query may not use is SQLite's synchronous
 * `.all()`/`.get()`/`.run()`, and test/db/regions-async.test.ts runs every such query on both engines.
 */
export interface AsyncDb {
  engine: 'sqlite' | 'postgres';
  db: Db;
  t: Tables;
}

export const sqliteAsync = (db: Db): AsyncDb => ({ engine: 'sqlite', db, t: schema });

/** A PostgreSQL database (a pool's `openPg`, or one connection's `pgOnClient`) as an {@link AsyncDb}. */
export const pgAsync = (db: NodePgDatabase<typeof pgSchema>): AsyncDb => ({
  engine: 'postgres',
  db: db as unknown as Db,
  t: pgSchema as unknown as Tables,
});

/**
 * A read that runs on every request (the session or API token look-up), prepared once per database
 * handle: SQLite's statement is compiled once per connection (a drizzle builder costs more to build
 * than to run), PostgreSQL's is a named prepared statement (`name`, unique per query) that node-postgres
 * parses once per pooled connection. `build` is one drizzle select over `(db, t)` whose parameters are
 * `sql.placeholder`s; the answer is its first row, or undefined.
 */
export function preparedFirst<R>(
  name: string,
  build: (db: Db, t: Tables) => { prepare(): { get(params?: Record<string, unknown>): R | undefined } },
): (a: AsyncDb, params: Record<string, unknown>) => Promise<R | undefined> {
  type Run = (params: Record<string, unknown>) => Promise<R | undefined>;
  const prepared = new WeakMap<object, Run>();
  return (a, params) => {
    let run = prepared.get(a.db);
    if (!run) {
      if (a.engine === 'sqlite') {
        const query = build(a.db, a.t).prepare();
        run = async (p) => query.get(p);
      } else {
        type PgPrepared = { execute(params: Record<string, unknown>): Promise<R[]> };
        const query = (build(a.db, a.t) as unknown as { prepare(name: string): PgPrepared }).prepare(name);
        run = async (p) => (await query.execute(p))[0];
      }
      prepared.set(a.db, run);
    }
    return run(params);
  };
}

/**
 * The synchronous SQLite handle behind `a`, for the paths that run on SQLite only so far (the worker
 * pools open its file: cold score builds, tiles, scenario views); undefined on PostgreSQL, where a
 * caller reads through `a` itself.
 */
export const sqliteHandleOf = (a: AsyncDb): Db | undefined => (a.engine === 'sqlite' ? a.db : undefined);
