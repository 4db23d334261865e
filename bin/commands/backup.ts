import { existsSync, statSync } from 'node:fs';
import { parseEnv } from '../../api/env.ts';
import { backupTo, checkFile, isVigilDatabase, restoreFrom } from '../../db/backup/files.ts';
import { openDb } from '../../db/client.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { Command, CommandIo } from '../registry.ts';
import type { AnswerDifference } from '../../api/services/scores/score-answers.ts';
import { restoreCheck, type RestoreCheckOutcome } from './restore-check.ts';
import { databaseUrlOption } from '../db.ts';
import { LENSES } from '../../indicators/index.ts';
import { sqliteEngine } from '../../db/backup/sqlite-engine.ts';
import type { BackupEngine } from '../../db/backup/engine.ts';
import { runMigrations } from '../../db/migrate.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { fileKind, holdsVigilTables, pgEngine } from '../../db/backup/pg-engine.ts';
import { describeDatabase } from '../../db/pg/url.ts';

function fileArg(args: ParsedArgs, what: string): string {
  const file = args.positionals[0];
  if (!file || args.positionals.length !== 1) throw new UsageError(`give the ${what} file`);
  return file;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `vigil backup <file>`: a consistent copy of the live database, taken while the server runs. */
export const backupCommand: Command = {
  name: 'backup',
  summary:
    'Copy the database to a file (SQLite online backup, or pg_dump with --database-url), safe while the server runs, then check the copy',
  usage: '<file> [--force] [--database-url postgres://… (default VIGIL_DATABASE_URL)]',
  flags: ['force'],
  async run(args, io) {
    const file = fileArg(args, 'backup');
    const url = databaseUrlOption(args, io.env);
    if (url !== undefined) {
      if (existsSync(file) && args.options.force !== true)
        throw new UsageError(`${file} exists; pass --force to overwrite it`);
      try {
        const r = await pgEngine(url).backup(file);
        const tables = Object.keys(r.rows).length;
        const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
        io.out(
          `Backed up PostgreSQL ${describeDatabase(url)} to ${file} (pg_dump custom format): ${mb(r.bytes)} in ${r.seconds.toFixed(1)} s; restored into a scratch database, ${tables} tables and ${rows.toLocaleString('en')} rows equal. Row counts in ${file}.json.`,
        );
        return 0;
      } catch (e) {
        io.err(`vigil backup: ${message(e)}. No backup written.`);
        return 1;
      }
    }
    if (existsSync(file) && fileKind(file) === 'postgres')
      throw new UsageError(`${file} is a PostgreSQL dump; a SQLite backup would overwrite it. Choose another file`);
    const source = parseEnv(io.env).VIGIL_DB;
    if (!existsSync(source)) throw new UsageError(`no database at ${source} (VIGIL_DB)`);
    if (existsSync(file) && args.options.force !== true)
      throw new UsageError(`${file} exists; pass --force to overwrite it`);
    const db = openDb(source);
    try {
      const t0 = performance.now();
      const r = await backupTo(db, file);
      const check = checkFile(file);
      if (check !== 'ok') {
        io.err(`Backup written but its integrity check failed: ${check}`);
        return 1;
      }
      io.out(
        `Backed up ${source} to ${file}: ${r.pages.toLocaleString('en')} pages, ${mb(statSync(file).size)} in ${((performance.now() - t0) / 1000).toFixed(1)} s; integrity ok.`,
      );
      return 0;
    } finally {
      db.$client.close();
    }
  },
};

const list = (ds: readonly AnswerDifference[]) => {
  const months = [...new Set(ds.map((d) => d.period))];
  return `${months.slice(0, 12).join(', ')}${months.length > 12 ? ` and ${months.length - 12} more` : ''}`;
};

/** `vigil restore --check <file>`: the restore drill on either engine, reported; never touches the live database. */
async function check(file: string, engine: BackupEngine, live: string, io: CommandIo): Promise<number> {
  const t0 = performance.now();
  let r: RestoreCheckOutcome;
  try {
    r = await restoreCheck(engine, file);
  } catch (e) {
    io.err(`Restore check failed: ${message(e)}. ${live} was not touched.`);
    return 1;
  }
  const lines = [
    `Restored ${file} into ${r.scratch} and compared /api/scores for ${r.months} months × ${LENSES.length} lenses × ${r.levels.length} levels (${r.compared} answers, ${r.spotChecked} of the backup's also asked through the API) with ${r.live}, read-only, in ${((performance.now() - t0) / 1000).toFixed(1)} s.`,
    r.auditPrefix.same
      ? `Audit log: the backup's ${r.auditPrefix.entries.toLocaleString('en')} entries are the live log's first, unchanged.`
      : `Audit log: entry ${r.auditPrefix.firstDifferentId} of the backup differs from the live log's (the log is append-only): the backup was altered, or is not of this database.`,
    r.observations.same
      ? `Observations: the backup's ${r.observations.rows.toLocaleString('en')} are in the live database with the same values, sources and authors.`
      : `Observations: in the backup, ${r.observations.problem} (observations are append-only): the backup was altered, or is not of this database.`,
    r.laterWrites
      ? `${r.laterWrites} score-changing writes were recorded after the backup; they can change months from ${r.changedFrom} on (${r.changedSince.length} answers differ there${r.changedSince.length ? `: ${list(r.changedSince)}` : ''}).`
      : 'No score-changing write was recorded after the backup.',
    r.differing.length
      ? `${r.differing.length} answers differ in months no later write explains: ${list(r.differing)}. The backup does not restore what the live database held.`
      : `Every other answer is identical.`,
  ];
  const ok = r.auditPrefix.same && r.observations.same && r.differing.length === 0;
  for (const l of lines) (ok ? io.out : io.err)(l);
  io.out(ok ? 'Restore check passed.' : 'Restore check FAILED.');
  return ok ? 0 : 1;
}

/** `vigil restore <file>`: replaces the database with a backup (server stopped); `--check` only tries it. */
export const restoreCommand: Command = {
  name: 'restore',
  summary:
    'Replace the database with a backup (stop the server first), or with --check restore it into a scratch database (SQLite or PostgreSQL) and compare its scores with the live database',
  usage:
    '<file> [--force | --check] [--database-url postgres://… (default VIGIL_DATABASE_URL; --check works on SQLite and PostgreSQL)]',
  flags: ['force', 'check'],
  async run(args, io) {
    const file = fileArg(args, 'backup');
    const url = databaseUrlOption(args, io.env);
    if (!existsSync(file)) throw new UsageError(`no backup at ${file}`);
    const kind = fileKind(file);
    if (url !== undefined) {
      if (kind === 'sqlite')
        throw new UsageError(
          `${file} is a SQLite database, not a PostgreSQL dump: restore it without --database-url, or copy it with vigil migrate-db`,
        );
      if (args.options.check === true) return check(file, pgEngine(url), `PostgreSQL ${describeDatabase(url)}`, io);
      try {
        if ((await holdsVigilTables(url)) && args.options.force !== true)
          throw new UsageError(
            `PostgreSQL ${describeDatabase(url)} holds a Vigil database; stop the server and pass --force to replace it`,
          );
        const r = await pgEngine(url).restore(file);
        const rows = Object.values(r.rows).reduce((a, b) => a + b, 0);
        io.out(
          `Restored ${file} into PostgreSQL ${describeDatabase(url)} in ${r.seconds.toFixed(1)} s: ${Object.keys(r.rows).length} tables, ${rows.toLocaleString('en')} rows, equal to the counts in ${file}.json. Start the server to use it.`,
        );
        return 0;
      } catch (e) {
        if (e instanceof UsageError) throw e;
        io.err(`vigil restore: ${message(e)}`);
        return 1;
      }
    }
    if (kind === 'postgres')
      throw new UsageError(
        `${file} is a PostgreSQL dump: give the database to restore it into with --database-url postgres://… (or VIGIL_DATABASE_URL)`,
      );
    const target = parseEnv(io.env).VIGIL_DB;
    if (args.options.check === true) {
      if (!existsSync(target)) throw new UsageError(`no database at ${target} (VIGIL_DB) to compare with`);
      return check(file, sqliteEngine(target), target, io);
    }
    const sound = checkFile(file);
    if (sound !== 'ok' || !isVigilDatabase(file)) {
      io.err(`${file} is not a sound Vigil backup${sound === 'ok' ? '' : `: ${sound}`}; nothing changed.`);
      return 1;
    }
    if (isVigilDatabase(target) && args.options.force !== true)
      throw new UsageError(`${target} holds a Vigil database; stop the server and pass --force to replace it`);
    const r = await restoreFrom(file, target);
    const after = checkFile(target);
    if (after !== 'ok') {
      io.err(`Restored, but the integrity check of ${target} failed: ${after}`);
      return 1;
    }
    // A backup may be cut between a write's commit and its rescoring: scores are rebuilt from the
    // restored observations, as the live server would have had them.
    const db = openDb(target);
    try {
      runMigrations(db);
      recomputeAll(db);
    } finally {
      db.$client.close();
    }
    io.out(
      `Restored ${file} into ${target}: ${r.pages.toLocaleString('en')} pages; integrity ok; scores recomputed. Start the server to use it.`,
    );
    return 0;
  },
};
