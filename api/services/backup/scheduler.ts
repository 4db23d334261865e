import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { hostname } from 'node:os';
import type { AsyncDb } from '../../../db/async.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import type { BackupEngine } from '../../../db/backup/engine.ts';
import { backupName, pruneBackups } from './retention.ts';
import { readBackupStatusAsync, writeBackupStatusAsync, type BackupSettings, type BackupStatus } from './status.ts';

/** A running schedule. */
export interface BackupScheduler {
  /** When the first backup is due, as the schedule stood at start. */
  nextAt: string;
  stop(): void;
}

/** After a failure, the next attempt comes this soon (or at the interval, if shorter). */
const RETRY_MS = 15 * 60_000;
/** Timers wake at least this often, so that long intervals and clock changes are handled. */
const MAX_SLEEP_MS = 3_600_000;
/**
 * How long a process's claim on the next backup holds others off: a process that died while backing up
 * leaves its claim behind, and another takes the next backup once it is this old.
 */
const CLAIM_MS = 2 * 3_600_000;
/**
 * Whether a claim still holds others off: not once it is {@link CLAIM_MS} old, nor when it was made by
 * a process of this machine that no longer runs (a server killed while backing up, then restarted).
 */
function claimHolds(claim: { by: string; since: string }, at: number): boolean {
  if (Date.parse(claim.since) + CLAIM_MS <= at) return false;
  const [host, pid] = claim.by.split(':');
  if (host !== hostname() || Number(pid) === process.pid) return true;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** While another process backs up, or after the status could not be read, look again this soon. */
const POLL_MS = 60_000;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Takes a verified online backup into `settings.dir` every `settings.everyMs`, keeps the newest
 * `settings.keep`, logs each run, and stores the status in the database (read by `/api/health` and
 * the Admin page). The first backup comes after the interval since the last success, or within a
 * minute of start when there is none. A failing backup (an unwritable folder, a full disk, a copy
 * that fails verification) is logged and recorded and retried; it never throws into the server, and
 * the copying runs in another process, so serving goes on.
 *
 * The status is the schedule, shared by every process on the database: each reads and changes it
 * under the `backup` write lock, and the process that finds a backup due claims it there (`running`),
 * so several API processes on one PostgreSQL take one backup per interval between them, not one each.
 */
export async function startBackups(
  data: AsyncDb,
  engine: Pick<BackupEngine, 'extension' | 'backup'>,
  settings: BackupSettings,
  opts: { log?: (line: string) => void; error?: (line: string) => void; now?: () => Date } = {},
): Promise<BackupScheduler> {
  const log = opts.log ?? console.log;
  const error = opts.error ?? console.error;
  const now = opts.now ?? (() => new Date());
  const me = `${hostname()}:${process.pid}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  /** When this process looks at the schedule next. */
  let wake = now().getTime();

  /** Reads the stored status, changes it with `change`, stores the result, in one transaction under the lock. */
  const update = (change: (s: BackupStatus) => BackupStatus) =>
    withWriteLock(data, 'backup', async (tx) => {
      const next = change(await readBackupStatusAsync(tx));
      await writeBackupStatusAsync(tx, next);
      return next;
    });

  /** Claims the backup when it is due and nobody else is taking it; otherwise says when to look again. */
  const claim = async (at: number): Promise<{ mine: true } | { mine: false; wake: number }> => {
    let answer: { mine: true } | { mine: false; wake: number } = { mine: true };
    await update((s) => {
      const due = s.nextAt ? Date.parse(s.nextAt) : at;
      const other = s.running && claimHolds(s.running, at) ? s.running : null;
      if (at < due) answer = { mine: false, wake: due };
      else if (other) answer = { mine: false, wake: at + Math.min(settings.everyMs, POLL_MS) };
      else return { ...s, running: { by: me, since: new Date(at).toISOString() } };
      return s;
    });
    return answer;
  };

  const attempt = async (at: Date): Promise<void> => {
    let status: Partial<BackupStatus>;
    let due: number;
    try {
      mkdirSync(settings.dir, { recursive: true });
      let name = backupName(at, engine.extension);
      for (let k = 1; existsSync(join(settings.dir, name)); k++) name = backupName(at, `-${k}${engine.extension}`);
      const r = await engine.backup(join(settings.dir, name));
      const { kept, removed } = pruneBackups(settings.dir, engine.extension, settings.keep);
      status = {
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
      status = { lastAttemptAt: at.toISOString(), lastFailure: { at: at.toISOString(), error: reason } };
      due = at.getTime() + Math.min(settings.everyMs, RETRY_MS);
      error(
        `Backup into ${settings.dir} failed: ${reason}. Serving goes on; next attempt ${new Date(due).toISOString()}.`,
      );
    }
    wake = due;
    await update((s) => ({ ...s, ...status, running: null, nextAt: new Date(due).toISOString() }));
  };

  /** Looks at the schedule: takes the backup if it is due and unclaimed, and sets when to look again. */
  const look = async (): Promise<void> => {
    const at = now();
    try {
      const c = await claim(at.getTime());
      if (c.mine) await attempt(at);
      else wake = c.wake;
    } catch (e) {
      wake = at.getTime() + Math.min(settings.everyMs, POLL_MS);
      error(
        `The backup schedule could not be read or stored: ${e instanceof Error ? e.message : String(e)}. Serving goes on; trying again ${new Date(wake).toISOString()}.`,
      );
    }
  };

  const arm = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(tick, Math.max(0, Math.min(wake - now().getTime(), MAX_SLEEP_MS)));
    timer.unref();
  };
  function tick() {
    if (now().getTime() < wake) return arm();
    running ??= look().finally(() => (running = undefined));
    void running.finally(arm);
  }

  // The first backup: the interval after the last success, or within a minute when there is none.
  const first = await update((s) => {
    const at = now().getTime();
    const nextAt = s.lastSuccess
      ? Math.max(at, Date.parse(s.lastSuccess.at) + settings.everyMs)
      : Math.min(s.nextAt ? Date.parse(s.nextAt) : Infinity, at + Math.min(settings.everyMs, 60_000));
    return { ...s, nextAt: new Date(nextAt).toISOString() };
  });
  wake = Date.parse(first.nextAt!);
  arm();
  return {
    nextAt: first.nextAt!,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
