import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openDb, type Connection } from '../../db/client.ts';
import { runMigrations } from '../../db/migrate.ts';
import { openPg, runPgMigrations, type PgConnection } from '../../db/pg/client.ts';
import * as pgSchema from '../../db/pg/schema.ts';
import * as sqliteSchema from '../../db/schema/index.ts';
import { pgShape, shapeDifferences, sqliteShape } from '../../db/shape.ts';
import { startPostgres, type TestPostgres } from '../helpers/postgres.ts';

/** The column types of the two dialects, by what the application reads from them. */
const FAMILY: Record<string, string> = {
  SQLiteText: 'text',
  PgText: 'text',
  SQLiteTextJson: 'json',
  PgJson: 'json',
  SQLiteInteger: 'integer',
  PgInteger: 'integer',
  SQLiteBoolean: 'boolean',
  PgBoolean: 'boolean',
  SQLiteReal: 'real',
  PgDoublePrecision: 'real',
};

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

/** A drizzle table as the application sees it: keys, families, nullability, defaults, keys and indexes. */
function definition(key: string, c: Config) {
  const generated = (col: Config['columns'][number]) =>
    ('autoIncrement' in col && col.autoIncrement === true) || ('generatedIdentity' in col && !!col.generatedIdentity);
  return {
    key,
    name: c.name,
    columns: c.columns.map((col) => ({
      name: col.name,
      family: FAMILY[col.columnType] ?? col.columnType,
      enum: col.enumValues ?? null,
      notNull: col.notNull,
      default: col.default ?? null,
      primary: col.primary,
      generated: generated(col),
      unique: col.isUnique ? col.uniqueName : null,
    })),
    primaryKeys: c.primaryKeys.map((pk) => pk.columns.map((col) => col.name)),
    foreignKeys: c.foreignKeys.map((fk) => {
      const r = fk.reference();
      return `${r.columns.map((col) => col.name)} → ${r.foreignColumns.map((col) => col.name)}`;
    }),
    indexes: c.indexes.map((ix) => ({
      name: ix.config.name,
      unique: ix.config.unique,
      columns: ix.config.columns.map((col) => ('name' in col ? col.name : '?')),
    })),
  };
}

const sqliteTables = Object.entries(sqliteSchema as Record<string, unknown>)
  .filter((e): e is [string, SQLiteTable] => e[1] instanceof SQLiteTable)
  .map(([key, t]) => definition(key, sqliteConfig(t)));
const pgTables = Object.entries(pgSchema as Record<string, unknown>)
  .filter((e): e is [string, PgTable] => e[1] instanceof PgTable)
  .map(([key, t]) => definition(key, pgConfig(t)));

test('the drizzle definitions of db/pg/schema.ts mirror db/schema table for table, column for column', () => {
  expect(sqliteTables.length).toBeGreaterThanOrEqual(18);
  expect(pgTables.map((t) => t.key).sort()).toEqual(sqliteTables.map((t) => t.key).sort());
  for (const t of sqliteTables)
    expect(
      pgTables.find((p) => p.key === t.key),
      t.key,
    ).toEqual(t);
});

describe('the migrated databases', () => {
  let server: TestPostgres;
  let pg: PgConnection;
  let sqlite: Connection;

  beforeAll(async () => {
    server = await startPostgres();
    pg = openPg(server.url);
    await runPgMigrations(pg);
    sqlite = openDb(':memory:');
    runMigrations(sqlite);
  });
  afterAll(async () => {
    sqlite?.$client.close();
    await pg?.$client.end();
    await server?.stop();
  });

  test('have the same tables, columns, type families, nullability, defaults, keys and indexes', async () => {
    const [a, b] = [sqliteShape(sqlite), await pgShape(pg.$client)];
    expect(Object.keys(a)).toHaveLength(sqliteTables.length);
    expect(a.observations!.columns.id).toEqual({ family: 'integer', notNull: true, default: null, generated: true });
    expect(a.users!.indexes.users_email_unique).toEqual({ columns: ['email'], unique: true });
    expect(a.scores!.primaryKey).toEqual(['scenario', 'lens', 'period', 'level', 'region_code']);
    expect(shapeDifferences(a, b)).toEqual([]);
    expect(b).toEqual(a);
  });

  test('a difference is named: a column made nullable, an index dropped, a table added', async () => {
    const url = await server.createDatabase('drifted');
    const drifted = openPg(url);
    try {
      await runPgMigrations(drifted);
      await drifted.$client.query('alter table regions alter column name drop not null');
      await drifted.$client.query('drop index observations_period');
      await drifted.$client.query('create table extra (id integer primary key)');
      expect(shapeDifferences(sqliteShape(sqlite), await pgShape(drifted.$client))).toEqual([
        'observations index observations_period: {"columns":["period"],"unique":false} ≠ undefined',
        'regions.name: {"family":"text","notNull":true,"default":null,"generated":false} ≠ {"family":"text","notNull":false,"default":null,"generated":false}',
        'table extra: only in the second',
      ]);
    } finally {
      await drifted.$client.end();
    }
  });

  test('the audit log is append-only on both: updates and deletes are refused', async () => {
    const row =
      "insert into audit_log (at, actor, action, entity) values ('2026-01-01T00:00:00Z', 'test', 'create', 'region')";
    sqlite.$client.exec(row);
    await pg.$client.query(row);
    for (const change of ["update audit_log set actor = 'someone else'", 'delete from audit_log']) {
      expect(() => sqlite.$client.exec(change)).toThrow(/append-only/);
      await expect(pg.$client.query(change)).rejects.toThrow(/append-only/);
    }
    await expect(pg.$client.query('truncate audit_log')).rejects.toThrow(/append-only/);
    expect(sqlite.$client.prepare('select actor from audit_log').pluck().all()).toEqual(['test']);
    expect((await pg.$client.query('select actor from audit_log')).rows).toEqual([{ actor: 'test' }]);
  });
});
