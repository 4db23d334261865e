import type { Connection } from '../client.ts';
import type { AsyncDb } from '../async.ts';
import { openPg, runPgMigrations, type PgConnection } from './client.ts';
import { copySqliteToPg, type TableCopy } from './copy.ts';

/** What {@link startOnPg} found or did. */
export type PgStartOutcome =
  { kind: 'served'; regions: number } | { kind: 'copied'; copies: TableCopy[]; rows: number; ms: number };

/** The session-level advisory lock two processes starting on one empty database take in turn. */
const FIRST_START_LOCK = 'vigil:first-start';

/**
 * Opens the PostgreSQL database `url` for the server: a pool, the pending migrations, and, when the
 * database holds no regions yet (a new database), the bundled data: `prepare` brings the local SQLite
 * file up to what a first start on SQLite has (seeded, scored, the bundled samples) and the file is
 * copied with `vigil migrate-db`'s copy (one transaction, every table read back and compared, then
 * `verify` if given; any failure leaves the database empty). A database that already holds regions is
 * served as it is: a later start copies nothing, and `prepare` is not called.
 *
 * Two processes starting on one new database at once take turns (a session advisory lock held from
 * the check to the commit): the second finds the data and serves them.
 */
export async function startOnPg(
  url: string,
  prepare: () => Promise<Connection>,
  verify?: (source: AsyncDb, target: AsyncDb) => Promise<void>,
): Promise<{ pg: PgConnection; outcome: PgStartOutcome }> {
  const pg = openPg(url);
  try {
    await runPgMigrations(pg);
    const lock = await pg.$client.connect();
    try {
      await lock.query('select pg_advisory_lock(hashtext($1))', [FIRST_START_LOCK]);
      const { rows } = await lock.query<{ n: string }>('select count(*) as n from regions');
      const regions = Number(rows[0]!.n);
      if (regions > 0) return { pg, outcome: { kind: 'served', regions } };
      const source = await prepare();
      const t0 = performance.now();
      const copies = await copySqliteToPg(source, pg, undefined, verify);
      const ms = Math.round(performance.now() - t0);
      return { pg, outcome: { kind: 'copied', copies, rows: copies.reduce((n, c) => n + c.rows, 0), ms } };
    } finally {
      await lock.query('select pg_advisory_unlock(hashtext($1))', [FIRST_START_LOCK]).catch(() => {});
      lock.release();
    }
  } catch (e) {
    await pg.$client.end().catch(() => {});
    throw e;
  }
}
