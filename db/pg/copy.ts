import { createHash } from 'node:crypto';
import pg from 'pg';
import type { Connection } from '../client.ts';
import { pgShape, shapeDifferences, sqliteShape, type Shape, type TableShape } from '../shape.ts';
import { pgAsync, sqliteAsync, type AsyncDb } from '../async.ts';
import { pgOnClient, runPgMigrations, type PgConnection } from './client.ts';
import { CopyIn } from './copy-text.ts';

/** What was copied of one table, and its checksum (the same on both sides, or the copy is undone). */
export interface TableCopy {
  table: string;
  rows: number;
  /** sha256 of the table's rows in primary-key order, values as the application reads them. */
  checksum: string;
}

/** A copy refused before writing (target not empty, tables differ) or undone after (verification failed). */
export class CopyRefused extends Error {}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Tables in an order where each comes after the tables its foreign keys point to. */
export function dependencyOrder(shape: Shape): string[] {
  const refs = (t: TableShape) => t.foreignKeys.map((fk) => /→ ([^(]+)\(/.exec(fk)![1]!);
  const order: string[] = [];
  const pending = Object.keys(shape).sort();
  while (pending.length > 0) {
    const next = pending.findIndex((name) => refs(shape[name]!).every((r) => r === name || order.includes(r)));
    if (next < 0) throw new Error(`foreign keys form a cycle among ${pending.join(', ')}`);
    order.push(...pending.splice(next, 1));
  }
  return order;
}

/** Hashes rows one by one: JSON of each row's values, booleans as SQLite's 0/1, JSON columns as their text. */
function rowHasher() {
  const h = createHash('sha256');
  let rows = 0;
  return {
    add(row: unknown[]) {
      h.update(JSON.stringify(row.map((v) => (typeof v === 'boolean' ? Number(v) : v))) + '\n');
      rows++;
    },
    done: () => ({ rows, checksum: h.digest('hex') }),
  };
}

/** json columns come back as the text stored (not parsed), so both sides hash the same bytes. */
const rawJson = {
  getTypeParser: (oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.JSON ? (v: string) => v : pg.types.getTypeParser(oid, format),
} as pg.CustomTypesConfig;

async function copyTable(source: Connection, client: pg.PoolClient, table: string, t: TableShape) {
  const columns = Object.keys(t.columns);
  const order = (collate: string) =>
    (t.primaryKey.length ? t.primaryKey : columns)
      .map((c) => quote(c) + (t.columns[c]!.family === 'text' ? collate : ''))
      .join(', ');
  const list = columns.map(quote).join(', ');
  const read = source.$client.prepare(`select ${list} from ${quote(table)} order by ${order('')}`).raw();
  const copied = rowHasher();
  const copy = new CopyIn(client, `copy ${quote(table)} (${list}) from stdin`);
  for (const row of read.iterate() as IterableIterator<unknown[]>) {
    copied.add(row);
    await copy.add(row);
  }
  await copy.end();
  // Read back what PostgreSQL holds, in the same order (bytewise, as SQLite sorts text).
  const readBack = rowHasher();
  await client.query(
    `declare readback no scroll cursor for select ${list} from ${quote(table)} order by ${order(' collate "C"')}`,
  );
  for (;;) {
    const { rows } = await client.query<unknown[]>({
      text: 'fetch 2000 from readback',
      rowMode: 'array',
      types: rawJson,
    });
    rows.forEach((row) => readBack.add(row));
    if (rows.length === 0) break;
  }
  await client.query('close readback');
  const [a, b] = [copied.done(), readBack.done()];
  if (a.rows !== b.rows || a.checksum !== b.checksum)
    throw new CopyRefused(
      `${table}: verification failed (SQLite ${a.rows} rows, checksum ${a.checksum.slice(0, 16)}; PostgreSQL ${b.rows} rows, checksum ${b.checksum.slice(0, 16)})`,
    );
  // Identity columns continue after the highest id SQLite ever gave (AUTOINCREMENT never reuses one).
  const sequences = source.$client.prepare("select 1 from sqlite_master where name = 'sqlite_sequence'").get()
    ? (source.$client.prepare('select seq from sqlite_sequence where name = ?').pluck().get(table) as
        number | undefined)
    : undefined;
  for (const name of columns.filter((c) => t.columns[c]!.generated)) {
    const max = source.$client
      .prepare(`select max(${quote(name)}) from ${quote(table)}`)
      .pluck()
      .get() as number | null;
    const last = Math.max(max ?? 0, sequences ?? 0);
    if (last > 0) await client.query('select setval(pg_get_serial_sequence($1, $2), $3)', [quote(table), name, last]);
  }
  return { table, ...a };
}

/**
 * Copies every table of the SQLite database `source` into the PostgreSQL database `target`: applies
 * the PostgreSQL migrations, refuses unless both have the same tables (db/shape.ts) and the target's
 * are empty, then in one PostgreSQL transaction (and one SQLite read snapshot, so a running server may
 * go on writing) copies each table in dependency order with one COPY each, reads it back and
 * compares row count and checksum, and moves the id sequences on; then `verify` may compare both
 * through the async interface (the source in its read snapshot, the target inside the copy's
 * transaction, before it commits). Any failure, or a throw of `verify`, rolls everything back.
 */
export async function copySqliteToPg(
  source: Connection,
  target: PgConnection,
  onTable: (copy: TableCopy) => void = () => {},
  verify?: (source: AsyncDb, target: AsyncDb) => Promise<void>,
): Promise<TableCopy[]> {
  await runPgMigrations(target);
  const shape = sqliteShape(source);
  const differences = shapeDifferences(shape, await pgShape(target.$client));
  if (differences.length > 0)
    throw new CopyRefused(
      `the SQLite database's tables differ from this Vigil's PostgreSQL tables (a database from another version of Vigil: start this version on it once to migrate it):\n  ${differences.join('\n  ')}`,
    );
  const client = await target.$client.connect();
  source.$client.exec('begin');
  try {
    await client.query('begin');
    const order = dependencyOrder(shape);
    for (const table of order) {
      const { rows } = await client.query<{ n: string }>(`select count(*) n from ${quote(table)}`);
      if (rows[0]!.n !== '0')
        throw new CopyRefused(
          `the PostgreSQL database already holds Vigil data (${table}: ${rows[0]!.n} rows); migrate-db copies into an empty database`,
        );
    }
    const copies: TableCopy[] = [];
    for (const table of order) {
      copies.push(await copyTable(source, client, table, shape[table]!));
      onTable(copies.at(-1)!);
    }
    if (verify) await verify(sqliteAsync(source), pgAsync(pgOnClient(client)));
    await client.query('commit');
    return copies;
  } catch (e) {
    await client.query('rollback').catch(() => {}); // the connection may be what failed: the server rolls back then
    throw e;
  } finally {
    source.$client.exec('commit');
    client.release();
  }
}
