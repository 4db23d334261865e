import { Worker } from 'node:worker_threads';
import type { Db } from '../../../db/client.ts';
import { openDb } from '../../../db/client.ts';
import { sqliteOf } from '../../../db/queries/raw.ts';
import { recomputeAll } from './recompute.ts';

/** What a recompute thread runs: {@link recomputeAll} on a connection of its own to the database file `path`. */
export function recomputeOnConnection(path: string): number {
  const db = openDb(path);
  try {
    return recomputeAll(db);
  } finally {
    db.$client.close();
  }
}

/** Recomputes of this process, one after another (a second would only wait for the first's write lock). */
let queue: Promise<unknown> = Promise.resolve();

/**
 * {@link recomputeAll} off the event loop, for the server: in a worker thread on its own connection
 * to `db`'s file (which sweeps on further threads as `recomputeAll` does), so that requests are
 * answered meanwhile; they read the previous scores until the new ones commit in one transaction.
 * Recomputes asked while one runs wait for it. An in-memory database (tests) has no file another
 * thread could open: it is recomputed here, after the current request. Resolves to the row count.
 * @example const rows = await recomputeAllOffLoop(db)
 */
export function recomputeAllOffLoop(db: Db): Promise<number> {
  const client = sqliteOf(db);
  const run = (): Promise<number> =>
    client.memory || client.inTransaction
      ? new Promise((resolve, reject) =>
          setImmediate(() => {
            try {
              resolve(recomputeAll(db));
            } catch (e) {
              reject(e instanceof Error ? e : new Error(String(e)));
            }
          }),
        )
      : new Promise((resolve, reject) => {
          const worker = new Worker(new URL('./recompute-worker.mjs', import.meta.url), {
            workerData: { path: client.name },
          });
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
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}
