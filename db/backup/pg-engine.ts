import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync } from 'node:fs';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../pg/schema.ts';
import { describeDatabase, maskPassword } from '../pg/url.ts';
import { pgAsync } from '../async.ts';
import { openPg, pgOnClient, runPgMigrations } from '../pg/client.ts';
import type { BackupEngine, BackupOutcome, RowCounts } from './engine.ts';

/** Vigil's tables in PostgreSQL, by name (the tables of db/pg/schema.ts). */
export const PG_TABLES: readonly string[] = Object.values(schema)
  .filter((t) => is(t, PgTable))
  .map((t) => getTableName(t as PgTable))
  .sort();

/** Where to look for pg_dump and pg_restore: the PATH first, then Debian's /usr/lib/postgresql/<version>/bin. */
export interface ToolLookup {
  /** A PATH-style list of folders (default: the process's PATH). */
  path?: string;
  /** Folders holding `<version>/bin` (default: /usr/lib/postgresql); the newest version wins. */
  roots?: readonly string[];
}

/** The path of `name` (pg_dump, pg_restore), or an error saying where it was looked for. */
export function findPgTool(name: string, lookup: ToolLookup = {}): string {
  const path = lookup.path ?? process.env.PATH ?? '';
  for (const dir of path.split(delimiter).filter(Boolean)) if (existsSync(join(dir, name))) return join(dir, name);
  const roots = lookup.roots ?? ['/usr/lib/postgresql'];
  for (const root of roots) {
    if (!existsSync(root)) continue;
    const versions = readdirSync(root)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) if (existsSync(join(root, v, 'bin', name))) return join(root, v, 'bin', name);
  }
  throw new Error(
    `${name} not found on the PATH or under ${roots.join(', ') || '(no fallback folder)'}: install the PostgreSQL client tools (apt-get install -y postgresql-client) or put ${name} on the PATH`,
  );
}

/** What `vigil backup` writes beside a PostgreSQL dump, `<file>.json`: the rows per table at the cut. */
export interface PgBackupSidecar {
  format: 'vigil-postgres-backup';
  takenAt: string;
  rows: RowCounts;
}

export const sidecarOf = (file: string) => `${file}.json`;

/** The first bytes of a file: pg_dump's custom format starts with `PGDMP`, a SQLite file with `SQLite format 3`. */
export function fileKind(file: string): 'postgres' | 'sqlite' | 'unknown' {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(16);
    const n = readSync(fd, head, 0, 16, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (text.startsWith('PGDMP')) return 'postgres';
    if (text.startsWith('SQLite format 3\0')) return 'sqlite';
    return 'unknown';
  } finally {
    closeSync(fd);
  }
}

/** A connection string without its password, and the password apart (for PGPASSWORD, never on a command line). */
function splitUrl(url: string): { bare: string; password: string | undefined; where: string } {
  const u = new URL(url);
  const password = u.password ? decodeURIComponent(u.password) : undefined;
  u.password = '';
  return { bare: u.toString(), password, where: describeDatabase(url) };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/** Runs a PostgreSQL client tool at low CPU priority on `url`'s server; the password only in its environment. */
function runTool(bin: string, args: string[], url: string): Promise<void> {
  const { password } = splitUrl(url);
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    if (password !== undefined) env.PGPASSWORD = password;
    const child = spawn(bin, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    if (child.pid !== undefined)
      try {
        setPriority(child.pid, 10);
      } catch {
        // Not allowed here: run at normal priority.
      }
    let stderr = '';
    child.stderr!.on('data', (b: Buffer) => (stderr += b.toString()));
    child.once('error', (e) => reject(new Error(`${bin} could not start: ${e.message}`)));
    child.once('exit', (code, signal) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${bin.split('/').pop()} failed (${signal ?? `exit ${code}`}): ${maskPassword(url, stderr.trim())}`,
          ),
        );
    });
  });
}

async function connect(url: string, where: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (e) {
    await client.end().catch(() => {});
    throw new Error(
      `cannot connect to PostgreSQL ${where}: ${maskPassword(url, e instanceof Error ? e.message : String(e))}`,
    );
  }
  return client;
}

/** Rows per Vigil table as this client sees them (in its transaction, if one is open). */
async function countRows(client: pg.Client | pg.PoolClient, where: string): Promise<RowCounts> {
  const present = new Set(
    (
      await client.query<{ name: string }>(
        `select table_name as name from information_schema.tables where table_schema = current_schema()`,
      )
    ).rows.map((r) => r.name),
  );
  const missing = PG_TABLES.filter((t) => !present.has(t));
  if (missing.length) throw new Error(`${where} is not a Vigil database: no table ${missing.join(', ')}`);
  const rows: RowCounts = {};
  for (const t of PG_TABLES)
    rows[t] = Number((await client.query<{ n: string }>(`select count(*) as n from "${t}"`)).rows[0]!.n);
  return rows;
}

function differences(expected: RowCounts, got: RowCounts): string[] {
  return Object.keys(expected)
    .filter((t) => expected[t] !== got[t])
    .map((t) => `${t}: ${expected[t]} rows expected, ${got[t] ?? 'none'} found`);
}

/**
 * Creates the database `<prefix>_<random>` on `url`'s server and restores `file` into it with
 * pg_restore; `drop` deletes it (also done here when the restore fails). `purpose` completes the
 * message when the role may not create a database.
 */
async function restoreIntoScratch(
  url: string,
  file: string,
  pgRestore: string,
  prefix: string,
  purpose: string,
): Promise<{ name: string; url: string; drop: () => Promise<void> }> {
  const { where } = splitUrl(url);
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = await connect(url, where);
  const drop = async () => {
    await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
    await admin.end().catch(() => {});
  };
  try {
    await admin.query(`create database "${name}"`);
  } catch (e) {
    await admin.end().catch(() => {});
    throw new Error(
      `cannot create a scratch database to ${purpose} on ${where} (the role needs CREATEDB): ${maskPassword(url, e instanceof Error ? e.message : String(e))}`,
    );
  }
  const scratchUrl = withDatabase(url, name);
  try {
    await runTool(
      pgRestore,
      [
        '--no-owner',
        '--exit-on-error',
        '--single-transaction',
        '--no-password',
        `--dbname=${splitUrl(scratchUrl).bare}`,
        file,
      ],
      url,
    );
  } catch (e) {
    await drop();
    throw e;
  }
  return { name, url: scratchUrl, drop };
}

/** Backup and restore of the PostgreSQL database at `url` with pg_dump and pg_restore. */
export interface PgBackupEngine extends BackupEngine {
  extension: '.dump';
  /**
   * pg_dump --format=custom from a snapshot exported by a REPEATABLE READ transaction, which also
   * counts the rows per table (the same cut); then the dump is restored into a scratch database on
   * the same server (created, then dropped) and its counts compared. `file` (and `<file>.json`, the
   * counts) appear only once that passed.
   */
  backup(file: string): Promise<BackupOutcome>;
  /**
   * pg_restore --clean --if-exists --single-transaction --no-owner into the database, then its rows
   * per table compared with those `<file>.json` recorded at the backup.
   */
  restore(file: string): Promise<{ rows: RowCounts; seconds: number }>;
}

export function pgEngine(url: string, lookup: ToolLookup = {}): PgBackupEngine {
  const { bare, where } = splitUrl(url);
  return {
    extension: '.dump',
    backup: async (file) => {
      const t0 = performance.now();
      const pgDump = findPgTool('pg_dump', lookup);
      const pgRestore = findPgTool('pg_restore', lookup);
      mkdirSync(dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const client = await connect(url, where);
      let rows: RowCounts;
      try {
        await client.query('begin isolation level repeatable read read only');
        const snapshot = (await client.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0]!.s;
        rows = await countRows(client, where);
        // The exporting transaction stays open until pg_dump has taken the snapshot (and here, until it ends).
        await runTool(
          pgDump,
          ['--format=custom', `--snapshot=${snapshot}`, `--file=${tmp}`, '--no-password', `--dbname=${bare}`],
          url,
        );
        await client.query('commit');
      } catch (e) {
        rmSync(tmp, { force: true });
        await client.query('rollback').catch(() => {});
        throw e;
      } finally {
        await client.end();
      }
      // Verification: restore into a scratch database on the same server, count, drop it.
      try {
        const scratch = await restoreIntoScratch(url, tmp, pgRestore, 'vigil_backup_check', 'verify the backup');
        try {
          const check = await connect(scratch.url, `${where} (scratch ${scratch.name})`);
          let restored: RowCounts;
          try {
            restored = await countRows(check, scratch.name);
          } finally {
            await check.end();
          }
          const diff = differences(rows, restored);
          if (diff.length) throw new Error(`the backup does not restore the same rows: ${diff.join('; ')}`);
        } finally {
          await scratch.drop();
        }
      } catch (e) {
        rmSync(tmp, { force: true });
        throw e;
      }
      const sidecar: PgBackupSidecar = { format: 'vigil-postgres-backup', takenAt: new Date().toISOString(), rows };
      writeFileSync(`${sidecarOf(file)}.tmp`, `${JSON.stringify(sidecar, null, 2)}\n`);
      renameSync(`${sidecarOf(file)}.tmp`, sidecarOf(file));
      renameSync(tmp, file);
      return { file, bytes: statSync(file).size, seconds: (performance.now() - t0) / 1000, rows };
    },
    restore: async (file) => {
      const t0 = performance.now();
      const pgRestore = findPgTool('pg_restore', lookup);
      const kind = fileKind(file);
      if (kind !== 'postgres')
        throw new Error(
          kind === 'sqlite'
            ? `${file} is a SQLite database, not a PostgreSQL dump: restore it without --database-url (into VIGIL_DB)`
            : `${file} is not a PostgreSQL custom-format dump (pg_dump --format=custom)`,
        );
      const side = readSidecar(file);
      await runTool(
        pgRestore,
        [
          '--clean',
          '--if-exists',
          '--single-transaction',
          '--no-owner',
          '--exit-on-error',
          '--no-password',
          `--dbname=${bare}`,
          file,
        ],
        url,
      );
      const client = await connect(url, where);
      let rows: RowCounts;
      try {
        rows = await countRows(client, where);
      } finally {
        await client.end();
      }
      const diff = differences(side.rows, rows);
      if (diff.length) throw new Error(`restored, but the rows differ from the backup's: ${diff.join('; ')}`);
      return { rows, seconds: (performance.now() - t0) / 1000 };
    },
    restoreScratch: async (file) => {
      const pgRestore = findPgTool('pg_restore', lookup);
      if (fileKind(file) !== 'postgres')
        throw new Error(`${file} is not a PostgreSQL custom-format dump (pg_dump --format=custom)`);
      const scratch = await restoreIntoScratch(url, file, pgRestore, 'vigil_check', 'restore the backup into');
      // Not logged when lost: DROP DATABASE … WITH (FORCE) on close can reach a backend before the Terminate
      // of the pool just ended, whose client then sees 57P01. A query cut off during the check still fails it.
      const db = openPg(scratch.url, () => {});
      const close = async () => {
        await db.$client.end().catch(() => {});
        await scratch.drop();
      };
      try {
        // A dump of an older Vigil: brought to the current schema, as the server's start would.
        await runPgMigrations(db);
      } catch (e) {
        await close();
        throw e;
      }
      return { data: pgAsync(db), where: `the scratch database ${scratch.name}`, close };
    },
    readLive: async () => {
      const pool = new pg.Pool({ connectionString: url, max: 1 });
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (e) {
        await pool.end().catch(() => {});
        throw new Error(
          `cannot connect to PostgreSQL ${where}: ${maskPassword(url, e instanceof Error ? e.message : String(e))}`,
        );
      }
      // Listened to, so that a connection the server ends fails the query running on it, not the process.
      client.on('error', () => {});
      await client.query('begin isolation level repeatable read read only');
      const close = async () => {
        await client.query('commit').catch(() => {});
        client.release();
        await pool.end();
      };
      return { data: pgAsync(pgOnClient(client)), where: `PostgreSQL ${where}`, close };
    },
  };
}

/** The row counts `vigil backup` recorded beside a dump; a clear error when missing or not ours. */
export function readSidecar(file: string): PgBackupSidecar {
  const path = sidecarOf(file);
  if (!existsSync(path))
    throw new Error(
      `${path} is missing: vigil backup writes it beside the dump with the rows per table to check against`,
    );
  let side: PgBackupSidecar;
  try {
    side = JSON.parse(readFileSync(path, 'utf8')) as PgBackupSidecar;
  } catch (e) {
    throw new Error(`${path} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (side?.format !== 'vigil-postgres-backup' || typeof side.rows !== 'object' || side.rows === null)
    throw new Error(`${path} is not a Vigil backup's row counts`);
  return side;
}

/** Whether the database at `url` already holds Vigil's tables (restore then needs --force). */
export async function holdsVigilTables(url: string): Promise<boolean> {
  const { where } = splitUrl(url);
  const client = await connect(url, where);
  try {
    const r = await client.query(
      `select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'regions'`,
    );
    return (r.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}
