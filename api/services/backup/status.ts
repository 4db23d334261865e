import type { AsyncDb } from '../../../db/async.ts';
import type { RowCounts } from '../../../db/backup/engine.ts';
import { getSettingAsync, setSettingAsync } from '../../../db/queries/settings.ts';

const KEY = 'backup.status';

/** The schedule, from `VIGIL_BACKUP_DIR`, `VIGIL_BACKUP_EVERY` and `VIGIL_BACKUP_KEEP`. */
export interface BackupSettings {
  dir: string;
  everyMs: number;
  keep: number;
}

/** What the scheduler last did, kept in the database so that every process (and a restart) can tell. */
export interface BackupStatus {
  lastAttemptAt: string | null;
  lastSuccess: { at: string; file: string; bytes: number; seconds: number; rows: RowCounts } | null;
  /** The latest failure; the last attempt failed when its `at` is `lastAttemptAt`. */
  lastFailure: { at: string; error: string } | null;
  nextAt: string | null;
  /** Backup files kept in the folder, newest first. */
  kept: string[];
  /** The process taking a backup now (`host:pid`) and since when: others on the database wait for it. */
  running: { by: string; since: string } | null;
}

/** The status before the first backup. */
export const NO_BACKUP_YET: BackupStatus = {
  lastAttemptAt: null,
  lastSuccess: null,
  lastFailure: null,
  nextAt: null,
  kept: [],
  running: null,
};

/** The stored status, or an empty one before the first backup. */
export async function readBackupStatusAsync(a: AsyncDb): Promise<BackupStatus> {
  return statusOf(await getSettingAsync(a, KEY));
}

function statusOf(raw: string | undefined): BackupStatus {
  if (!raw) return NO_BACKUP_YET;
  try {
    return { ...NO_BACKUP_YET, ...(JSON.parse(raw) as Partial<BackupStatus>) };
  } catch {
    return NO_BACKUP_YET;
  }
}

/** Stores the status (a small write; a failure to store it is the caller's to log, never to throw at a request). */
export async function writeBackupStatusAsync(a: AsyncDb, status: BackupStatus): Promise<void> {
  await setSettingAsync(a, KEY, JSON.stringify(status));
}

/** `24h`, `90m`, `7d`, `30s` for a duration in milliseconds. */
export function formatEvery(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
  ] as const)
    if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms / 1000}s`;
}

/** What `/api/health` tells admins (and a monitoring probe) about backups. */
export interface BackupHealth {
  configured: boolean;
  dir?: string;
  every?: string;
  keep?: number;
  lastSuccessAt: string | null;
  lastSuccessFile: string | null;
  /** Seconds since the last successful backup. */
  ageSeconds: number | null;
  lastAttemptAt: string | null;
  /** Why the last attempt failed, when it did. */
  lastError: string | null;
  nextAt: string | null;
  /** No successful backup yet, or none for more than twice the interval: alert on this. */
  stale: boolean;
  kept: string[];
}

/** The health view of backups: the schedule and status, with `stale` for a probe to alert on. */
export function backupHealth(settings: BackupSettings | undefined, status: BackupStatus, now: Date): BackupHealth {
  const last = status.lastSuccess;
  const age = last ? Math.round((now.getTime() - Date.parse(last.at)) / 1000) : null;
  const failedLast = status.lastFailure !== null && status.lastFailure.at === status.lastAttemptAt;
  return {
    configured: settings !== undefined,
    ...(settings ? { dir: settings.dir, every: formatEvery(settings.everyMs), keep: settings.keep } : {}),
    lastSuccessAt: last?.at ?? null,
    lastSuccessFile: last?.file ?? null,
    ageSeconds: age,
    lastAttemptAt: status.lastAttemptAt,
    lastError: failedLast ? status.lastFailure!.error : null,
    nextAt: settings ? status.nextAt : null,
    stale: settings !== undefined && (age === null || age * 1000 > 2 * settings.everyMs),
    kept: status.kept,
  };
}
