import { existsSync, statSync } from 'node:fs';
import { parseEnv } from '../../api/env.ts';
import { backupTo, checkFile, isVigilDatabase, restoreFrom } from '../../db/backup.ts';
import { openDb } from '../../db/client.ts';
import { UsageError, type ParsedArgs } from '../args.ts';
import type { Command } from '../registry.ts';

function fileArg(args: ParsedArgs, what: string): string {
  const file = args.positionals[0];
  if (!file || args.positionals.length !== 1) throw new UsageError(`give the ${what} file`);
  return file;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** `vigil backup <file>`: a consistent copy of the live database, taken while the server runs. */
export const backupCommand: Command = {
  name: 'backup',
  summary: 'Copy the database to a file with SQLite online backup (safe while the server runs), then check the copy',
  usage: '<file> [--force]',
  flags: ['force'],
  async run(args, io) {
    const file = fileArg(args, 'backup');
    const source = parseEnv(process.env).VIGIL_DB;
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

/** `vigil restore <file>`: replaces the database with a backup (server stopped). */
export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Replace the database with a backup made by vigil backup (stop the server first)',
  usage: '<file> [--force]',
  flags: ['force'],
  async run(args, io) {
    const file = fileArg(args, 'backup');
    const target = parseEnv(process.env).VIGIL_DB;
    if (!existsSync(file)) throw new UsageError(`no backup at ${file}`);
    const check = checkFile(file);
    if (check !== 'ok' || !isVigilDatabase(file)) {
      io.err(`${file} is not a sound Vigil backup${check === 'ok' ? '' : `: ${check}`}; nothing changed.`);
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
    io.out(
      `Restored ${file} into ${target}: ${r.pages.toLocaleString('en')} pages; integrity ok. Start the server to use it.`,
    );
    return 0;
  },
};
