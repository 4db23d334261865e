import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { pgAsync, sqliteAsync, type AsyncDb } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg, runPgMigrations, type PgConnection } from '../../db/pg/client.ts';
import { startPostgres } from './postgres.ts';

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
