import type pg from 'pg';
import { CopyIn } from './copy-text.ts';

/**
 * The connection under a drizzle node-postgres transaction: bulk writes stream rows with COPY on it,
 * inside the caller's transaction. Outside one, drizzle holds the pool (no single connection): refused.
 */
export function pgClientOf(tx: unknown): pg.PoolClient {
  const client = (tx as { session?: { client?: pg.PoolClient } }).session?.client;
  if (!client || typeof client.release !== 'function')
    throw new Error('a bulk write on PostgreSQL runs inside a transaction (withWriteLock or inTransaction)');
  return client;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Streams `rows` (values in `columns` order) into `table` with one COPY, on the transaction's connection. */
export async function copyRows(
  tx: unknown,
  table: string,
  columns: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const copy = new CopyIn(pgClientOf(tx), `copy ${quote(table)} (${columns.map(quote).join(', ')}) from stdin`);
  for (const row of rows) await copy.add(row);
  await copy.end();
}

/**
 * Writes `rows` into `table`, each inserted or replacing the row of its key (`key`, the primary key's
 * columns): one COPY into a temporary table shaped like `table`, then one `INSERT … SELECT … ON
 * CONFLICT DO UPDATE`. The temporary table is emptied again, so a second call in the same transaction
 * starts clean. Costs two statements, whatever the number of rows, where multi-row upserts cost one
 * per few hundred rows and their parameters' encoding.
 */
export async function copyUpsert(
  tx: unknown,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const client = pgClientOf(tx);
  const stage = quote(`vigil_upsert_${table}`);
  await client.query(
    `create temporary table if not exists ${stage} (like ${quote(table)} including defaults) on commit delete rows`,
  );
  await copyRows(tx, `vigil_upsert_${table}`, columns, rows);
  const list = columns.map(quote).join(', ');
  const set = columns
    .filter((c) => !key.includes(c))
    .map((c) => `${quote(c)} = excluded.${quote(c)}`)
    .join(', ');
  await client.query(
    `insert into ${quote(table)} (${list}) select ${list} from ${stage} on conflict (${key.map(quote).join(', ')}) do update set ${set}`,
  );
  await client.query(`truncate ${stage}`);
}
