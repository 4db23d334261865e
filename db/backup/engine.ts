import type { Connection } from '../client.ts';

/** Rows per table. */
export type RowCounts = Record<string, number>;

/** One backup taken and verified. */
export interface BackupOutcome {
  /** The backup file, complete and verified. */
  file: string;
  bytes: number;
  seconds: number;
  /** Rows per table at the cut, equal in the verified copy. */
  rows: RowCounts;
}

/**
 * How Vigil backs up one kind of database and restores it for a check: SQLite ({@link sqliteEngine}).
 * PostgreSQL has `pgEngine` (db/backup/pg-engine.ts: `pg_dump --format=custom` from an exported
 * snapshot, row counts taken in that snapshot, `pg_restore` into a scratch database to verify); it
 * has `backup` but no `restoreScratch` yet, since the restore check compares with a SQLite database.
 */
export interface BackupEngine {
  /** How backup files of this engine end: `.db` (a SQLite file), `.dump` for pg_dump's custom format. */
  extension: string;
  /**
   * Takes a consistent online backup of the live database into `file` without holding up the
   * server (another process, lower CPU priority), then verifies it: the copy opens as a Vigil
   * database, passes its integrity check, and holds the same rows per table as the live database at
   * the cut. Rejects with the reason on any failure; `file` then does not exist.
   */
  backup(file: string): Promise<BackupOutcome>;
  /** Restores a backup into a fresh database under `dir` (never the live one), migrated, and opens it. */
  restoreScratch(file: string, dir: string): Promise<Connection>;
}
