import type { AsyncDb } from '../async.ts';

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

/** A database opened for the restore check: read through `data`; `close` lets it go (a scratch one is deleted). */
export interface CheckedDatabase {
  data: AsyncDb;
  /** What it is, for the report: a scratch folder or database, or the live database. */
  where: string;
  close(): Promise<void>;
}

/**
 * How Vigil backs up one kind of database and restores it for a check: SQLite ({@link sqliteEngine}),
 * PostgreSQL (`pgEngine`, db/backup/pg-engine.ts: `pg_dump --format=custom` from an exported
 * snapshot, `pg_restore` into a scratch database on the same server).
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
  /**
   * Restores a backup into a fresh scratch database (never the live one), migrated, and opens it;
   * `close` deletes it. Rejects with the reason when `file` is not a sound backup of this engine.
   */
  restoreScratch(file: string): Promise<CheckedDatabase>;
  /**
   * Opens the live database read-only in one read transaction (a consistent snapshot; nothing is
   * written to it, not even a migration); `close` ends the transaction.
   */
  readLive(): Promise<CheckedDatabase>;
}
