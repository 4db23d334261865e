import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const NAME = /^vigil-(\d{8}T\d{6}Z)(-\d+)?\.[a-z]+$/;

/** The file name of a backup taken at `at`: `vigil-20261205T101500Z.db` (sorts by time). */
export function backupName(at: Date, extension: string): string {
  return `vigil-${at.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z${extension}`;
}

/** Vigil's backup files in `dir`, newest first (other files are not Vigil's and are never touched). */
export function listBackups(dir: string, extension: string): string[] {
  return readdirSync(dir)
    .filter((f) => NAME.test(f) && f.endsWith(extension))
    .sort()
    .reverse();
}

/**
 * Deletes all but the newest `keep` backups in `dir`, each with its row counts (`<file>.json`, beside a
 * PostgreSQL dump); returns the kept and the removed file names.
 */
export function pruneBackups(dir: string, extension: string, keep: number): { kept: string[]; removed: string[] } {
  const all = listBackups(dir, extension);
  const removed = all.slice(keep);
  for (const f of removed) for (const path of [f, `${f}.json`]) rmSync(join(dir, path), { force: true });
  return { kept: all.slice(0, keep), removed };
}
