import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../../../db/client.ts';
import type { BackupEngine } from '../../../db/backup/engine.ts';
import { backupName, pruneBackups } from './retention.ts';
import {
  NO_BACKUP_YET,
  readBackupStatus,
  writeBackupStatus,
  type BackupSettings,
  type BackupStatus,
} from './status.ts';

/** A running schedule. */
export interface BackupScheduler {
  /** Takes a backup now (or waits for the one under way) and returns the status after it. */
  runNow(): Promise<BackupStatus>;
  stop(): void;
}

/** After a failure, the next attempt comes this soon (or at the interval, if shorter). */
const RETRY_MS = 15 * 60_000;
/** Timers wake at least this often, so that long intervals and clock changes are handled. */
const MAX_SLEEP_MS = 3_600_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Takes a verified online backup into `settings.dir` every `settings.everyMs`, keeps the newest
 * `settings.keep`, logs each run, and stores the status in the database (read by `/api/health` and
 * the Admin page). The first backup comes after the interval since the last success, or within a
 * minute of start when there is none. A failing backup (an unwritable folder, a full disk, a copy
 * that fails verification) is logged and recorded and retried; it never throws into the server, and
 * the copying runs in another process, so serving goes on.
 */
export function startBackups(
  db: Db,
  engine: BackupEngine,
  settings: BackupSettings,
  opts: { log?: (line: string) => void; error?: (line: string) => void; now?: () => Date } = {},
): BackupScheduler {
  const log = opts.log ?? console.log;
  const error = opts.error ?? console.error;
  const now = opts.now ?? (() => new Date());
  let status: BackupStatus;
  try {
    status = readBackupStatus(db);
  } catch {
    status = NO_BACKUP_YET;
  }
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<BackupStatus> | undefined;
  let stopped = false;

  const first = status.lastSuccess
    ? Math.max(now().getTime(), Date.parse(status.lastSuccess.at) + settings.everyMs)
    : now().getTime() + Math.min(settings.everyMs, 60_000);
  let due = first;

  const save = () => {
    try {
      writeBackupStatus(db, status);
    } catch (e) {
      error(`The backup status could not be stored: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  const attempt = async (): Promise<BackupStatus> => {
    const at = now();
    try {
      mkdirSync(settings.dir, { recursive: true });
      let name = backupName(at, engine.extension);
      for (let k = 1; existsSync(join(settings.dir, name)); k++) name = backupName(at, `-${k}${engine.extension}`);
      const r = await engine.backup(join(settings.dir, name));
      const { kept, removed } = pruneBackups(settings.dir, engine.extension, settings.keep);
      status = {
        ...status,
        lastAttemptAt: at.toISOString(),
        lastSuccess: { at: at.toISOString(), file: name, bytes: r.bytes, seconds: r.seconds, rows: r.rows },
        kept,
      };
      due = at.getTime() + settings.everyMs;
      log(
        `Backup ${join(settings.dir, name)}: ${mb(r.bytes)} in ${r.seconds.toFixed(1)} s, verified (integrity ok; ${(r.rows.observations ?? 0).toLocaleString('en')} observations and ${(r.rows.audit_log ?? 0).toLocaleString('en')} audit entries, as at the cut); keeping ${kept.length} of ${settings.keep}${removed.length ? `, removed ${removed.join(', ')}` : ''}`,
      );
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      status = { ...status, lastAttemptAt: at.toISOString(), lastFailure: { at: at.toISOString(), error: reason } };
      due = at.getTime() + Math.min(settings.everyMs, RETRY_MS);
      error(
        `Backup into ${settings.dir} failed: ${reason}. Serving goes on; next attempt ${new Date(due).toISOString()}.`,
      );
    }
    status = { ...status, nextAt: new Date(due).toISOString() };
    save();
    return status;
  };

  const arm = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, Math.min(due - now().getTime(), MAX_SLEEP_MS)));
    timer.unref();
  };
  function tick() {
    if (now().getTime() < due) return arm();
    void runNow().finally(arm);
  }
  function runNow(): Promise<BackupStatus> {
    running ??= attempt().finally(() => (running = undefined));
    return running;
  }

  status = { ...status, nextAt: new Date(due).toISOString() };
  save();
  arm();
  return {
    runNow,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
