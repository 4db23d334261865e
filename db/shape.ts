import type pg from 'pg';
import type { Connection } from './client.ts';

/**
 * A database's tables as both engines can describe them, to compare a migrated SQLite database with
 * a migrated PostgreSQL one: storage type family, nullability, default, generated ids, keys and
 * indexes. Booleans are `integer` and JSON is `text` here, as SQLite stores them (db/pg/schema.ts
 * says how PostgreSQL stores them; test/db/pg-schema.test.ts compares the drizzle definitions too).
 */
export type Shape = Record<string, TableShape>;

export interface TableShape {
  columns: Record<
    string,
    { family: 'text' | 'integer' | 'real'; notNull: boolean; default: string | null; generated: boolean }
  >;
  primaryKey: string[];
  /** `col,… → table(col,…)` */
  foreignKeys: string[];
  /** Index name → its columns, `unique` or not (the primary key's own index left out). */
  indexes: Record<string, { columns: string[]; unique: boolean }>;
}

/** `'applied'::text` → `'applied'`, `false` → `0`: a default as both engines would write it. */
function normalDefault(d: string | null): string | null {
  if (d === null) return null;
  const v = d.replace(/::[a-z ]+$/, '');
  return v === 'false' ? '0' : v === 'true' ? '1' : v;
}

const PG_FAMILY: Record<string, 'text' | 'integer' | 'real'> = {
  text: 'text',
  json: 'text',
  integer: 'integer',
  boolean: 'integer',
  'double precision': 'real',
};

/** The shape of a SQLite database (drizzle's and SQLite's own tables left out). */
export function sqliteShape(db: Connection): Shape {
  const c = db.$client;
  const tables = c
    .prepare(
      "select name, sql from sqlite_master where type = 'table' and name not like 'sqlite_%' and name != '__drizzle_migrations' order by name",
    )
    .all() as { name: string; sql: string }[];
  const shape: Shape = {};
  for (const { name, sql } of tables) {
    const cols = c.pragma(`table_info("${name}")`) as {
      name: string;
      type: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    const t: TableShape = { columns: {}, primaryKey: [], foreignKeys: [], indexes: {} };
    for (const col of cols)
      t.columns[col.name] = {
        family: col.type.toLowerCase() as 'text',
        notNull: col.notnull === 1 || col.pk > 0,
        default: normalDefault(col.dflt_value),
        generated: new RegExp(`\`${col.name}\` integer PRIMARY KEY AUTOINCREMENT`).test(sql),
      };
    t.primaryKey = cols
      .filter((col) => col.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((col) => col.name);
    const fks = c.pragma(`foreign_key_list("${name}")`) as { id: number; table: string; from: string; to: string }[];
    for (const id of new Set(fks.map((f) => f.id))) {
      const parts = fks.filter((f) => f.id === id);
      t.foreignKeys.push(`${parts.map((f) => f.from)} → ${parts[0]!.table}(${parts.map((f) => f.to)})`);
    }
    const indexes = c.pragma(`index_list("${name}")`) as { name: string; unique: number; origin: string }[];
    for (const ix of indexes.filter((i) => i.origin !== 'pk')) {
      const columns = (c.pragma(`index_info("${ix.name}")`) as { name: string }[]).map((i) => i.name);
      t.indexes[ix.name] = { columns, unique: ix.unique === 1 };
    }
    t.foreignKeys.sort();
    shape[name] = t;
  }
  return shape;
}

/** The shape of a PostgreSQL database's `public` schema (drizzle keeps its journal in schema `drizzle`). */
export async function pgShape(client: pg.Pool | pg.ClientBase): Promise<Shape> {
  const shape: Shape = {};
  const columns = await client.query<{
    t: string;
    c: string;
    type: string;
    nullable: string;
    d: string | null;
    identity: string;
  }>(
    `select table_name t, column_name c, data_type type, is_nullable nullable, column_default d, is_identity identity
       from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position`,
  );
  for (const r of columns.rows) {
    shape[r.t] ??= { columns: {}, primaryKey: [], foreignKeys: [], indexes: {} };
    shape[r.t]!.columns[r.c] = {
      family: PG_FAMILY[r.type] ?? (r.type as 'text'),
      notNull: r.nullable === 'NO',
      default: normalDefault(r.d),
      generated: r.identity === 'YES',
    };
  }
  // Column names of a key or index, in its order.
  const names = (rel: string, keys: string) =>
    `array(select a.attname::text from unnest(${keys}) with ordinality k(n, o) join pg_attribute a on a.attrelid = ${rel} and a.attnum = k.n order by k.o)`;
  const constraints = await client.query<{ t: string; type: string; cols: string[]; ref: string; refcols: string[] }>(
    `select c.conrelid::regclass::text t, c.contype type, ${names('c.conrelid', 'c.conkey')} cols,
            c.confrelid::regclass::text ref, ${names('c.confrelid', 'c.confkey')} refcols
       from pg_constraint c join pg_namespace n on n.oid = c.connamespace
      where n.nspname = 'public' and c.contype in ('p', 'f') order by c.conname`,
  );
  for (const r of constraints.rows) {
    const t = shape[r.t]!;
    if (r.type === 'p') t.primaryKey = r.cols;
    else t.foreignKeys.push(`${r.cols} → ${r.ref}(${r.refcols})`);
  }
  const indexes = await client.query<{ t: string; name: string; unique: boolean; cols: string[] }>(
    `select t.relname t, i.relname name, x.indisunique unique, ${names('t.oid', 'x.indkey')} cols
       from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid
       join pg_namespace n on n.oid = t.relnamespace
      where n.nspname = 'public' and not x.indisprimary`,
  );
  for (const r of indexes.rows) shape[r.t]!.indexes[r.name] = { columns: r.cols, unique: r.unique };
  for (const t of Object.values(shape)) t.foreignKeys.sort();
  return shape;
}

/** Where `b` differs from `a`, one line each (empty when they are the same), for an error message. */
export function shapeDifferences(a: Shape, b: Shape): string[] {
  const out: string[] = [];
  const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [ta, tb] = [a[name], b[name]];
    if (!ta || !tb) {
      out.push(`table ${name}: only in the ${ta ? 'first' : 'second'}`);
      continue;
    }
    for (const col of new Set([...Object.keys(ta.columns), ...Object.keys(tb.columns)]))
      if (!same(ta.columns[col], tb.columns[col]))
        out.push(`${name}.${col}: ${JSON.stringify(ta.columns[col])} ≠ ${JSON.stringify(tb.columns[col])}`);
    for (const key of ['primaryKey', 'foreignKeys'] as const)
      if (!same(ta[key], tb[key])) out.push(`${name} ${key}: ${ta[key].join('; ')} ≠ ${tb[key].join('; ')}`);
    for (const ix of new Set([...Object.keys(ta.indexes), ...Object.keys(tb.indexes)]))
      if (!same(ta.indexes[ix], tb.indexes[ix]))
        out.push(`${name} index ${ix}: ${JSON.stringify(ta.indexes[ix])} ≠ ${JSON.stringify(tb.indexes[ix])}`);
  }
  return out;
}
