import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Db } from '../../../db/client.ts';
import { sqliteOf } from '../../../db/queries/raw.ts';
import { ApiError } from '../../errors.ts';
import { cutTile, type CutTile, type TileAddress } from '../boundaries/tiles.ts';
import type { EncodedBody } from '../scores/response-cache.ts';
import { performReadJob, type CallJob, type Calls, type ReadJob, type ReadOutcome } from './read-jobs.ts';

/** Worker threads at most: every core but one, which stays the event loop's (at least one, at most four). */
export const READ_THREADS = Math.min(4, Math.max(1, availableParallelism() - 1));

/** An idle worker beyond the first ends after this long, giving back its memory; the first is kept, so that no request waits for a thread to start. */
const IDLE_MS = 60_000;

let pool: Piscina | undefined;

/** The process's one pool, started at its first job (piscina: a worker that dies is replaced; idle ones do not keep the process alive). */
const poolOf = () =>
  (pool ??= new Piscina({
    filename: new URL('./worker.mjs', import.meta.url).href,
    minThreads: 1,
    maxThreads: READ_THREADS,
    idleTimeout: IDLE_MS,
    // Worker threads at low CPU priority (as the child processes of db/child-job.ts), so the event
    // loop's thread wins the cores; piscina does it through @napi-rs/nice, where it is installed.
    niceIncrement: 10,
  }));

/**
 * Runs a heavy read (`ReadJob`) off the event loop: in a worker thread of the pool, on its own
 * read-only connection to `db`'s file, so that building an 11 MB download or a scenario's scores for
 * every region never holds up `/api/health` or a cached map. An in-memory database (tests) has no
 * file a worker could open: the job runs here, after the current request. The API error a job ends
 * in (404, 400) is thrown here as an `ApiError`.
 * @example const body = await pooledRead(db, { kind: 'scores', view })
 */
export async function pooledRead(db: Db, job: ReadJob): Promise<EncodedBody> {
  const client = sqliteOf(db);
  const outcome: ReadOutcome = client.memory
    ? await new Promise((resolve, reject) =>
        setImmediate(() => {
          try {
            resolve(performReadJob(db, job));
          } catch (e) {
            reject(e instanceof Error ? e : new Error(String(e)));
          }
        }),
      )
    : ((await poolOf().run({ path: client.name, job })) as ReadOutcome);
  if (!outcome.ok) throw new ApiError(outcome.status, outcome.code, outcome.message, outcome.fields);
  return outcome.body;
}

/**
 * {@link pooledRead} of the service read `name` (see `Calls`) with `args`.
 * @example sendEncoded<ReturnType<typeof monthAlerts>>(c, await pooledCall(db, 'monthAlerts', q))
 */
export function pooledCall<K extends keyof Calls>(
  db: Db,
  name: K,
  args: Parameters<Calls[K]>[1],
): Promise<EncodedBody> {
  return pooledRead(db, { kind: 'call', name, args } as CallJob);
}

/**
 * Cuts one vector tile in a worker thread of the pool (the first of a set version builds the set's
 * tile index there, about half a second for the first-level regions). An in-memory database (tests)
 * cuts it here, after the current request.
 * @example const t = await pooledTile(db, { level: 1, z: 0, x: 0, y: 0 })
 */
export async function pooledTile(db: Db, tile: TileAddress): Promise<CutTile> {
  const client = sqliteOf(db);
  if (client.memory) return new Promise((resolve) => setImmediate(() => resolve(cutTile(db, tile))));
  return (await poolOf().run({ path: client.name, tile })) as CutTile;
}
