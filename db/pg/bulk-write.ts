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
 * Per connection, the staging tables {@link copyUpsert} has made there. A temporary table lasts as long
 * as its session, so it is created once per connection, but its creation is undone if the transaction
 * that made it rolls back: until it is seen again from a later transaction the entry is that
 * transaction (the table is known to be there only inside it), then `true` (there for good).
 * Temporary tables are private to their session, so each pooled connection has its own entry; a
 * transaction on PostgreSQL is one drizzle transaction object (the write-lock helpers do not nest).
 */
const staged = new WeakMap<pg.PoolClient, Map<string, true | object>>();

/** Makes sure the staging table `stage` (shaped like `table`) is there on the transaction's connection. */
async function ensureStage(tx: object, client: pg.PoolClient, table: string, stage: string): Promise<void> {
  let tables = staged.get(client);
  if (!tables) staged.set(client, (tables = new Map()));
  const known = tables.get(table);
  if (known === true || known === tx) return;
  if (known !== undefined) {
    // Made by an earlier transaction on this connection: still there if that one committed.
    const { rows } = await client.query<{ there: boolean }>(`select to_regclass($1) is not null as there`, [
      `pg_temp.${stage}`,
    ]);
    if (rows[0]?.there) return void tables.set(table, true);
  }
  await client.query(
    `create temporary table if not exists ${stage} (like ${quote(table)} including defaults) on commit delete rows`,
  );
  tables.set(table, tx);
}

/**
 * Writes `rows` into `table`, each inserted or replacing the row of its key (`key`, the primary key's
 * columns): one COPY into a temporary table shaped like `table` (made once per connection), then one
 * `INSERT … SELECT … ON CONFLICT DO UPDATE` and the temporary table emptied again in one round trip,
 * so a second call in the same transaction starts clean. Costs two round trips, whatever the number
 * of rows, where multi-row upserts cost one per few hundred rows and their parameters' encoding.
 */
export async function copyUpsert(
  tx: object,
  table: string,
  columns: readonly string[],
  key: readonly string[],
  rows: Iterable<readonly unknown[]>,
): Promise<void> {
  const client = pgClientOf(tx);
  const stage = quote(`vigil_upsert_${table}`);
  await ensureStage(tx, client, table, stage);
  await copyRows(tx, `vigil_upsert_${table}`, columns, rows);
  const list = columns.map(quote).join(', ');
  const set = columns
    .filter((c) => !key.includes(c))
    .map((c) => `${quote(c)} = excluded.${quote(c)}`)
    .join(', ');
  await client.query(
    `insert into ${quote(table)} (${list}) select ${list} from ${stage} on conflict (${key.map(quote).join(', ')}) do update set ${set}; truncate ${stage}`,
  );
}
