import { spawn } from 'node:child_process';
import { availableParallelism, setPriority, totalmem } from 'node:os';
import type pg from 'pg';
import { pgAsync, sqliteAsync, type AsyncDb } from './async.ts';
import { openDb } from './client.ts';
import { openPg, type PgConnection } from './pg/client.ts';
import { sqliteOf } from './queries/raw.ts';

/** How a job in a child process ended: its last JSON line (its outcome), exit code and the end of its stderr. */
export interface JobExit<T> {
  outcome: T | undefined;
  code: number | null;
  stderr: string;
}

/**
 * What one job child may hold at its peak, for the default cap: a full-scale sensitivity run (10M
 * observations, read one country at a time) peaked near 0.5 GB; a validation run or backup less.
 */
export const JOB_CHILD_BYTES = 1024 ** 3;

/**
 * Job children at once when nothing else is set: one per core (more only share the same CPUs), and
 * fewer when half the machine's memory cannot hold that many at {@link JOB_CHILD_BYTES} each.
 * @example defaultJobChildren(24 * 1024 ** 3, 2) // 2
 */
export function defaultJobChildren(memory = totalmem(), cores = availableParallelism()): number {
  return Math.max(1, Math.min(cores, Math.floor(memory / 2 / JOB_CHILD_BYTES)));
}

let limit = defaultJobChildren();
let running = 0;
const waiting: (() => void)[] = [];

/**
 * Sets how many job children may run at once in this process (the server's `VIGIL_JOB_CHILDREN`);
 * jobs beyond it wait, in order, for one to end.
 */
export function setJobChildren(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`job children must be a positive integer, not ${n}`);
  limit = n;
  while (running < limit && waiting.length) {
    running++;
    waiting.shift()!();
  }
}

/** Job children running now and jobs waiting for one (for tests and the health of the server). */
export function jobChildren(): { running: number; waiting: number; limit: number } {
  return { running, waiting: waiting.length, limit };
}

/** Takes a place among the running children, waiting in order for one when all are taken. */
function slot(): Promise<() => void> {
  const release = () => {
    let freed = false;
    return () => {
      if (freed) return;
      freed = true;
      // The place goes straight to the next job waiting (unless the limit was lowered meanwhile).
      if (running <= limit && waiting.length) waiting.shift()!();
      else running--;
    };
  };
  if (running < limit) {
    running++;
    return Promise.resolve(release());
  }
  return new Promise((go) => waiting.push(() => go(release())));
}

/**
 * Runs the TypeScript job `file` with `args` in a child Node process at low CPU priority, so that
 * heavy work (a backup, a validation run) never holds the server's event loop or its CPU share.
 * The job speaks in JSON lines on stdout: each goes to `onLine` as it comes (progress), and the last
 * one is its outcome. Other output is ignored. At most {@link setJobChildren} children run at once
 * in the process (each may hold up to about {@link JOB_CHILD_BYTES}); a job beyond that waits its turn.
 * @example const { outcome } = await runJob<{ ok: boolean }>(JOB, [dbPath], (m) => console.log(m))
 */
export async function runJob<T>(
  file: string,
  args: readonly string[],
  onLine?: (msg: unknown) => void,
): Promise<JobExit<T>> {
  const release = await slot();
  try {
    return await spawnJob<T>(file, args, onLine);
  } finally {
    release();
  }
}

function spawnJob<T>(file: string, args: readonly string[], onLine?: (msg: unknown) => void): Promise<JobExit<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // not allowed here: the job still runs in its own process
    }
    let outcome: T | undefined;
    let pending = '';
    let stderr = '';
    const read = (line: string) => {
      if (!line.trim()) return;
      try {
        const msg = JSON.parse(line) as unknown;
        outcome = msg as T;
        onLine?.(msg);
      } catch {
        // a stray line: ignored
      }
    };
    child.stdout.on('data', (b: Buffer) => {
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      read(pending);
      resolve({ outcome, code, stderr: stderr.trim().split('\n').slice(-3).join(' ') });
    });
  });
}

/**
 * What a job child is given to find the data of `a`: the SQLite file's path, or the PostgreSQL
 * database's URL (the child opens a pool of its own, {@link openJobDatabase}); null for an in-memory
 * SQLite database, which no other process can open.
 */
export function jobDatabaseOf(a: AsyncDb): string | null {
  if (a.engine === 'sqlite') {
    const client = sqliteOf(a.db);
    return client.memory ? null : client.name;
  }
  const pool = (a.db as unknown as PgConnection).$client as pg.Pool | undefined;
  return pool?.options.connectionString ?? null;
}

/**
 * Opens, in a job child, the database {@link jobDatabaseOf} named: a PostgreSQL URL as a pool of the
 * child's own, a path as the SQLite file (read-only unless `writable`). `close` ends it.
 */
export function openJobDatabase(
  where: string,
  opts: { writable?: boolean } = {},
): { data: AsyncDb; close(): Promise<void> } {
  if (/^postgres(ql)?:\/\//.test(where)) {
    const pool = openPg(where);
    return { data: pgAsync(pool), close: () => pool.$client.end() };
  }
  const db = openDb(where, { readonly: !opts.writable });
  return {
    data: sqliteAsync(db),
    close: async () => {
      db.$client.close();
    },
  };
}
