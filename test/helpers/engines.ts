import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { asc, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect } from 'vitest';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg, runPgMigrations, type PgConnection } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import { startPostgres } from './postgres.ts';
import { openSeededCopy } from './seeded-db.ts';

export type Engine = 'sqlite' | 'postgres';

/**
 * Two handles on one empty, migrated database per engine, as two API processes hold them: two SQLite
 * connections to one file, two pools on a private PostgreSQL server. Opened before the file's tests
 * and closed after them; `engines` gives them as AsyncDb pairs, `pg` the raw pools for SQL a test
 * writes itself.
 */
export function twoHandlesPerEngine(): {
  engines: Record<Engine, () => [AsyncDb, AsyncDb]>;
  pg: () => [PgConnection, PgConnection];
} {
  let dir: string;
  let sqlite: [Connection, Connection];
  let server: Awaited<ReturnType<typeof startPostgres>>;
  let pg: [PgConnection, PgConnection];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'vigil-engines-'));
    const first = openDb(join(dir, 'vigil.db'));
    runMigrations(first);
    sqlite = [first, openDb(join(dir, 'vigil.db'))];
    server = await startPostgres();
    const a = openPg(server.url);
    await runPgMigrations(a);
    pg = [a, openPg(server.url)];
  });
  afterAll(async () => {
    for (const c of sqlite ?? []) c.$client.close();
    for (const c of pg ?? []) await c.$client.end();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return {
    engines: {
      sqlite: () => [sqliteAsync(sqlite[0]), sqliteAsync(sqlite[1])],
      postgres: () => [pgAsync(pg[0]), pgAsync(pg[1])],
    },
    pg: () => pg,
  };
}

/**
 * The seeded database and the same data copied into a private PostgreSQL, opened before the file's
 * tests and closed after them, so that one set of assertions runs on both engines
 * (`describe.each(ENGINES)`): `engines[engine]()` is the AsyncDb, `seeded()` the SQLite connection
 * for the synchronous queries an answer is compared with, `pg()` the pool.
 */
export function seededOnBothEngines(): {
  engines: Record<Engine, () => AsyncDb>;
  seeded: () => Connection;
  pg: () => PgConnection;
  /** The PostgreSQL database's URL, for a second pool (another process's view). */
  url: () => string;
  /** Another empty database on the same PostgreSQL server: its URL. */
  createDatabase: (name: string) => Promise<string>;
} {
  let seeded: ReturnType<typeof openSeededCopy>;
  let server: Awaited<ReturnType<typeof startPostgres>>;
  let pg: PgConnection;
  beforeAll(async () => {
    seeded = openSeededCopy();
    server = await startPostgres();
    pg = openPg(server.url);
    await copySqliteToPg(seeded.db, pg);
  });
  afterAll(async () => {
    await pg?.$client.end();
    await server?.stop();
    seeded?.close();
  });
  return {
    engines: { sqlite: () => sqliteAsync(seeded.db), postgres: () => pgAsync(pg) },
    seeded: () => seeded.db,
    pg: () => pg,
    url: () => server.url,
    createDatabase: (name) => server.createDatabase(name),
  };
}

export const ENGINES = ['sqlite', 'postgres'] as const satisfies readonly Engine[];

/**
 * The same question put to each engine (`ask`), the answers checked equal (as `view` shows them, for a
 * readable difference when they are not); the SQLite answer is returned, with its own type.
 * @example const same = (path: string) => sameOnEngines((e) => answer(e, path), path);
 */
export async function sameOnEngines<T>(
  ask: (engine: Engine) => Promise<T>,
  label: string,
  view: (answer: T) => unknown = (a) => a,
): Promise<T> {
  const [s, p] = await Promise.all(ENGINES.map(ask));
  expect(view(p!), label).toEqual(view(s!));
  return s!;
}

/**
 * Runs `write` while `data`'s engine refuses every audit entry of `entity` (a trigger written in each
 * engine's own SQL), then drops the trigger: a write that is one transaction keeps nothing of itself.
 */
export async function whileAuditRefuses(
  engine: Engine,
  data: AsyncDb,
  entity: string,
  write: () => Promise<void>,
): Promise<void> {
  const refuse =
    engine === 'sqlite'
      ? [
          sql.raw(`create trigger test_refuse before insert on audit_log when new.entity = '${entity}'
            begin select raise(abort, 'refused by the test'); end`),
        ]
      : [
          sql.raw(`create function test_refuse() returns trigger language plpgsql as
            $$ begin raise exception 'refused by the test'; end $$`),
          sql.raw(`create trigger test_refuse before insert on audit_log for each row
            when (new.entity = '${entity}') execute function test_refuse()`),
        ];
  const run = (q: ReturnType<typeof sql.raw>) =>
    engine === 'sqlite'
      ? (data.db as unknown as { run(q: unknown): unknown }).run(q)
      : (data.db as unknown as { execute(q: unknown): Promise<unknown> }).execute(q);
  for (const q of refuse) await run(q);
  try {
    await write();
  } finally {
    await run(sql.raw('drop trigger test_refuse' + (engine === 'postgres' ? ' on audit_log' : '')));
    if (engine === 'postgres') await run(sql.raw('drop function test_refuse()'));
  }
}

/** Every stored score of `a`, in key order. */
export function storedScores(a: AsyncDb) {
  const s = a.t.scores;
  return a.db.select().from(s).orderBy(asc(s.scenario), asc(s.lens), asc(s.period), asc(s.level), asc(s.regionCode));
}

/** The two engines store the same scores, row for row. */
export async function expectSameScores(engines: Record<Engine, () => AsyncDb>): Promise<void> {
  const [sa, sb] = await Promise.all(ENGINES.map((e) => storedScores(engines[e]())));
  expect(sb!.length).toBe(sa!.length);
  expect(sb, 'stored scores').toEqual(sa);
}

/** Times of day two engines' requests cannot share (created, audited, rolled back at): one placeholder. */
export const timeless = (v: unknown): unknown =>
  JSON.parse(JSON.stringify(v).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'TIME'));

/** Every observation and import batch of `a`, in id order, without times: what two engines must hold alike after the same imports. */
export async function storedImports(a: AsyncDb) {
  const { db, t } = a;
  return timeless({
    observations: await db.select().from(t.observations).orderBy(asc(t.observations.id)),
    batches: await db.select().from(t.importBatches).orderBy(asc(t.importBatches.id)),
  });
}

/** The two engines hold the same observations, import batches and stored scores. */
export async function expectSameImports(engines: Record<Engine, () => AsyncDb>): Promise<void> {
  const [a, b] = await Promise.all(ENGINES.map((e) => storedImports(engines[e]())));
  expect(b, 'observations and batches').toEqual(a);
  await expectSameScores(engines);
}
