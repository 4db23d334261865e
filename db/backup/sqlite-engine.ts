import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sqliteAsync } from '../async.ts';
import { runJob } from '../child-job.ts';
import { openDb } from '../client.ts';
import { runMigrations } from '../migrate.ts';
import type { BackupEngine, BackupOutcome, CheckedDatabase } from './engine.ts';
import { checkFile, isVigilDatabase, restoreFrom } from './files.ts';

const JOB = fileURLToPath(new URL('./sqlite-job.ts', import.meta.url));

/**
 * Backups of the SQLite database at `dbPath`: SQLite's online backup API, run in a child process
 * at low CPU priority from a read transaction of its own (a consistent cut that never blocks the
 * server's readers or writers), then the copy opened and checked (`integrity_check`, the same rows
 * per table as at the cut). Restoring for a check copies the file into a scratch folder; the live
 * file is read for it in one read transaction of a read-only connection.
 */
export function sqliteEngine(dbPath: string): BackupEngine {
  return {
    extension: '.db',
    backup: async (file) => {
      mkdirSync(join(file, '..'), { recursive: true });
      const { outcome, code, stderr } = await runJob<({ ok: true } & BackupOutcome) | { ok: false; error: string }>(
        JOB,
        [dbPath, file],
      );
      if (!outcome) throw new Error(`the backup process exited with ${code}: ${stderr}`);
      if (!outcome.ok) throw new Error(outcome.error);
      return { file: outcome.file, bytes: outcome.bytes, seconds: outcome.seconds, rows: outcome.rows };
    },
    restoreScratch: async (file): Promise<CheckedDatabase> => {
      const check = checkFile(file);
      if (check !== 'ok' || !isVigilDatabase(file))
        throw new Error(`${file} is not a sound Vigil backup${check === 'ok' ? '' : `: ${check}`}`);
      const dir = mkdtempSync(join(tmpdir(), 'vigil-restore-check-'));
      const remove = () => rmSync(dir, { recursive: true, force: true });
      try {
        const target = join(dir, 'restored.db');
        await restoreFrom(file, target);
        const db = openDb(target);
        runMigrations(db);
        const close = async () => {
          db.$client.close();
          remove();
        };
        return { data: sqliteAsync(db), where: 'a scratch folder', close };
      } catch (e) {
        remove();
        throw e;
      }
    },
    readLive: async () => {
      const live = openDb(dbPath, { readonly: true });
      live.$client.exec('BEGIN');
      const close = async () => {
        if (live.$client.inTransaction) live.$client.exec('COMMIT');
        live.$client.close();
      };
      return { data: sqliteAsync(live), where: dbPath, close };
    },
  };
}
