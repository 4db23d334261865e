import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as schema from './schema/index.ts';
import { checkWriteGate } from './write-gate.ts';

/** The typed handle every query function takes: the database itself or a transaction on it. */
export type Db = BaseSQLiteDatabase<'sync', Database.RunResult, typeof schema>;

/** An open database with its underlying connection (for pragmas, backup and closing). */
export type Connection = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/**
 * Opens (creating if needed) the SQLite database at `path` (`:memory:` for tests) with the pragmas
 * Vigil relies on: WAL for concurrent readers, durable commits, foreign keys, and a busy timeout for
 * concurrent writers. `readonly` opens an existing database for reading only (SQLite refuses any
 * write on it), leaving its settings alone: for checks that must not touch the live database.
 */
export function openDb(path: string, opts: { readonly?: boolean } = {}): Connection {
  if (opts.readonly)
    return drizzle(new Database(path, { readonly: true, fileMustExist: true }), { schema, casing: 'snake_case' });
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  // FULL: every commit syncs the WAL to disk before the write answers "saved", so a power cut or a
  // host failure cannot lose it (NORMAL survives a crash of the process only). In WAL mode this costs
  // one fsync per commit and nothing on reads; `npm run bench` measures it (write.durable-entry,
  // import.durable in BENCHMARKS.md).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema, casing: 'snake_case' });
  // Every transaction here writes. BEGIN IMMEDIATE takes the write lock up front, where the busy
  // timeout applies; a deferred BEGIN that reads first fails at once with SQLITE_BUSY when another
  // process (the CLI importer) committed meanwhile, since its snapshot can no longer be upgraded.
  // A transaction that would begin while a full recompute of this file stores its rows is refused at
  // once (see write-gate.ts) instead of waiting on the lock.
  const transaction = db.transaction.bind(db);
  db.transaction = (fn, config) => {
    if (!sqlite.inTransaction) checkWriteGate(path);
    return transaction(fn, { behavior: 'immediate', ...config });
  };
  return db;
}
