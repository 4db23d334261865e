import Database from 'better-sqlite3';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Connection } from '../client.ts';

/** What a backup or restore copied. */
export interface BackupResult {
  pages: number;
  bytes: number;
}

/** `PRAGMA integrity_check` of a database file opened read-only: "ok", or the problems found (or why it would not open). */
export function checkFile(path: string): string {
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      return (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
    } finally {
      db.close();
    }
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/** Whether a file is a Vigil database (SQLite with applied migrations and the observations table). */
export function isVigilDatabase(path: string): boolean {
  if (!existsSync(path)) return false;
  try {
    const db = new Database(path, { readonly: true, fileMustExist: true });
    try {
      const names = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map(
        (r) => r.name,
      );
      return names.includes('__drizzle_migrations') && names.includes('observations');
    } finally {
      db.close();
    }
  } catch {
    return false;
  }
}

/**
 * Copies the open database to `file` with SQLite's online backup API: consistent even while the
 * server keeps writing (pages changed during the copy are copied again), without stopping it.
 */
export async function backupTo(db: Connection, file: string): Promise<BackupResult> {
  mkdirSync(dirname(file), { recursive: true });
  const r = await db.$client.backup(file);
  const size = db.$client.pragma('page_size', { simple: true }) as number;
  return { pages: r.totalPages, bytes: r.totalPages * size };
}

/**
 * Replaces the database at `target` with the backup `file`, page by page through SQLite (so the
 * target's journal stays consistent). The server must be stopped first; it migrates the restored
 * database on its next start.
 */
export async function restoreFrom(file: string, target: string): Promise<BackupResult> {
  const source = new Database(file, { readonly: true, fileMustExist: true });
  mkdirSync(dirname(target), { recursive: true });
  try {
    const r = await source.backup(target);
    const size = source.pragma('page_size', { simple: true }) as number;
    return { pages: r.totalPages, bytes: r.totalPages * size };
  } finally {
    source.close();
  }
}
