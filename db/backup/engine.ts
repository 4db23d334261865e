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
 * How Vigil backs up one kind of database and restores it for a check. SQLite is the one there is
 * ({@link sqliteEngine}); a PostgreSQL engine plugs in here with `pg_dump --format=custom` for
 * `backup` (its snapshot is the cut; row counts taken in the same exported snapshot) and
 * `pg_restore` into a scratch database for the verification and for `restoreScratch`.
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
