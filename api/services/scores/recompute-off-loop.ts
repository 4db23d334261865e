import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { rmSync } from 'node:fs';
import { threadId, Worker } from 'node:worker_threads';
import { BASELINE_SCENARIO } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { openDb } from '../../../db/client.ts';
import { sqliteOf } from '../../../db/queries/raw.ts';
import { clearScores, replaceScores, withScoreIndexesRebuilt } from '../../../db/queries/scores.ts';
import * as schema from '../../../db/schema/index.ts';
import { setWriteGate, writeGate } from '../../../db/write-gate.ts';
import {
  recomputeAfterWrite,
  recomputeAll,
  recomputePlan,
  scoresOutdated,
  stampScores,
  sweepInto,
  sweepThreadsFor,
  unwatchWrites,
  watchWrites,
  type WriteWatch,
} from './recompute.ts';

/** What a recompute thread is started with. */
export interface RebuildThreadData {
  path: string;
  /** The write gate of `path` (see db/write-gate.ts), closed while the new rows are stored. */
  gate: SharedArrayBuffer;
  /** Overrides the number of sweep threads and their entry (tests). */
  threads?: number;
  sweepWorker?: string;
}

let scratchCount = 0;

/**
 * A full recompute of the database file `path` that holds its write lock only to store the result:
 * the rows are swept (on further threads for a large database) into a scratch database file next to
 * it, with no lock on the real one, then moved into `scores` in one transaction, during which the
 * file's write gate is closed (writes of the server are refused with a 503 rather than waiting on the
 * lock). Readers see the previous scores until that transaction commits. What a recompute thread
 * runs; returns the row count. A failure leaves the stored scores as they were.
 */
export function rebuildOnConnection(data: RebuildThreadData): number {
  const gate = new Int32Array(data.gate);
  const db = openDb(data.path);
  const scratchPath = `${data.path}.recompute-${process.pid}-${threadId}-${++scratchCount}.tmp`;
  try {
    const plan = recomputePlan(db);
    if (!plan) {
      replaceScores(db, BASELINE_SCENARIO, []);
      return 0;
    }
    const rows = buildScratch(db, scratchPath, plan, data);
    // The wait suggested to refused writes: storing 250,760 rows took 6.9 s on a busy 2-core machine
    // (load ~20), about 36,000 rows a second; a minute at most.
    setWriteGate(gate, true, Math.min(60, 1 + rows / 40_000));
    try {
      db.$client.prepare(`attach database ? as scratch`).run(scratchPath);
      try {
        db.transaction((tx) => {
          clearScores(tx, BASELINE_SCENARIO);
          withScoreIndexesRebuilt(tx, () => {
            db.$client.exec(`insert into main.scores select * from scratch.scores`);
          });
          stampScores(tx, plan);
        });
      } finally {
        db.$client.exec(`detach database scratch`);
      }
    } finally {
      setWriteGate(gate, false);
    }
    return rows;
  } finally {
    db.$client.close();
    rmSync(scratchPath, { force: true });
  }
}

/** Sweeps `plan` from `db` into a new scratch database at `path` (a scores table of the same shape, no index, no journal). */
function buildScratch(
  db: Db,
  path: string,
  plan: NonNullable<ReturnType<typeof recomputePlan>>,
  { threads, sweepWorker }: Pick<RebuildThreadData, 'threads' | 'sweepWorker'>,
) {
  const table = sqliteOf(db)
    .prepare(`select sql from sqlite_master where type = 'table' and name = 'scores'`)
    .pluck()
    .get() as string;
  const scratch = new Database(path);
  try {
    scratch.pragma('journal_mode = OFF');
    scratch.pragma('synchronous = OFF');
    scratch.exec(table);
    const into = drizzle(scratch, { schema, casing: 'snake_case' });
    let rows = 0;
    into.transaction(() => {
      rows = sweepInto(db, into, plan, sweepThreadsFor(db, threads), {
        ...(sweepWorker ? { sweepWorker: new URL(sweepWorker) } : {}),
      });
    });
    return rows;
  } finally {
    scratch.close();
  }
}

/** Recomputes of this process, one after another (a second would only wait for the first's write lock). */
let queue: Promise<unknown> = Promise.resolve();

/** Runs {@link rebuildOnConnection} on a thread of its own; resolves to the row count, rejects with what stopped it. */
function rebuildInThread(data: RebuildThreadData): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./recompute-worker.mjs', import.meta.url), { workerData: data });
    let settled = false;
    worker.once('message', (m: { rows: number } | { error: string }) => {
      settled = true;
      if ('error' in m) reject(new Error(`recompute failed: ${m.error}`));
      else resolve(m.rows);
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`the recompute thread stopped (exit code ${code})`));
    });
  });
}

/** Rescores the regions written while a rebuild ran (a whole rebuild when the months they widened call for it). */
function rescoreNoted(db: Db, watch: WriteWatch): void {
  const byMonth = new Map<string | undefined, string[]>();
  for (const [code, from] of watch.regions) byMonth.set(from, [...(byMonth.get(from) ?? []), code]);
  for (const [from, codes] of byMonth) recomputeAfterWrite(db, codes, from === undefined ? {} : { from });
}

/**
 * {@link recomputeAll} off the event loop, for the server: in a worker thread on its own connection
 * to `db`'s file ({@link rebuildOnConnection}), so that requests are answered meanwhile, and writes
 * too: the write lock is held only while the new rows are stored. Writes made while the rows were
 * built may have been read before or after they happened; their regions are rescored once the new
 * rows are stored (and everything is built again when one needed it), so the result equals a
 * recompute after the last of them. Recomputes asked while one runs wait for it. An in-memory
 * database (tests) has no file another thread could open: it is recomputed here, after the current
 * request. Resolves to the row count; rejects with what stopped the rebuild (the stored scores
 * then stay as they were, the written regions rescored on them). `threads` and `sweepWorker` as for
 * `recomputeAll` (tests).
 * @example const rows = await recomputeAllOffLoop(db)
 */
export function recomputeAllOffLoop(db: Db, opts: { threads?: number; sweepWorker?: URL } = {}): Promise<number> {
  const client = sqliteOf(db);
  const run = async (): Promise<number> => {
    if (client.memory || client.inTransaction) {
      await new Promise((resolve) => setImmediate(resolve));
      return recomputeAll(db);
    }
    const gate = writeGate(client.name);
    for (;;) {
      const watch = watchWrites(db, gate);
      let rows: number;
      try {
        rows = await rebuildInThread({
          path: client.name,
          gate: gate.buffer as SharedArrayBuffer,
          ...(opts.threads !== undefined ? { threads: opts.threads } : {}),
          ...(opts.sweepWorker ? { sweepWorker: opts.sweepWorker.href } : {}),
        });
      } catch (e) {
        // The stored scores are the previous ones: bring the written regions up to date on them.
        unwatchWrites(db);
        setWriteGate(gate, false);
        rescoreNoted(db, watch);
        throw e;
      }
      unwatchWrites(db);
      // A write widened the months (or the rebuild read them before it): everything again.
      if (scoresOutdated(db)) continue;
      rescoreNoted(db, watch);
      return rows;
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
