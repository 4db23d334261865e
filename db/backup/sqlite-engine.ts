import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb } from '../client.ts';
import { runMigrations } from '../migrate.ts';
import type { BackupEngine, BackupOutcome } from './engine.ts';
import { checkFile, isVigilDatabase, restoreFrom } from './files.ts';

const JOB = fileURLToPath(new URL('./sqlite-job.ts', import.meta.url));

/**
 * Backups of the SQLite database at `dbPath`: SQLite's online backup API, run in a child process
 * at low CPU priority from a read transaction of its own (a consistent cut that never blocks the
 * server's readers or writers), then the copy opened and checked (`integrity_check`, the same rows
 * per table as at the cut). Restoring for a check copies the file into a scratch folder.
 */
export function sqliteEngine(dbPath: string): BackupEngine {
  return {
    extension: '.db',
    backup: (file) =>
      new Promise<BackupOutcome>((resolve, reject) => {
        mkdirSync(join(file, '..'), { recursive: true });
        const child = spawn(process.execPath, ['--import', 'tsx', JOB, dbPath, file], {
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        try {
          if (child.pid) setPriority(child.pid, 10);
        } catch {
          // not allowed here: the job still runs in its own process
        }
        let out = '';
        let err = '';
        child.stdout.on('data', (b: Buffer) => (out += b.toString()));
        child.stderr.on('data', (b: Buffer) => (err += b.toString()));
        child.on('error', reject);
        child.on('exit', (code) => {
          const line = out.trim().split('\n').at(-1);
          try {
            const r = JSON.parse(line ?? '') as ({ ok: true } & BackupOutcome) | { ok: false; error: string };
            if (r.ok) resolve({ file: r.file, bytes: r.bytes, seconds: r.seconds, rows: r.rows });
            else reject(new Error(r.error));
          } catch {
            reject(new Error(`the backup process exited with ${code}: ${err.trim().split('\n').slice(-3).join(' ')}`));
          }
        });
      }),
    restoreScratch: async (file, dir) => {
      const check = checkFile(file);
      if (check !== 'ok' || !isVigilDatabase(file))
        throw new Error(`${file} is not a sound Vigil backup${check === 'ok' ? '' : `: ${check}`}`);
      const target = join(dir, 'restored.db');
      await restoreFrom(file, target);
      const db = openDb(target);
      runMigrations(db);
      return db;
    },
  };
}
