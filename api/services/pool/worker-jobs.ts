import { openDb, type Connection } from '../../../db/client.ts';
import { cutTile, type CutTile, type TileAddress } from '../boundaries/tiles.ts';
import { performReadJob, type ReadJob, type ReadOutcome } from './read-jobs.ts';

/** This thread's read-only connections, by database file (one, in practice). */
const connections = new Map<string, Connection>();

/**
 * What piscina runs in a worker thread: `job` (or the vector tile `tile`) on a read-only connection
 * of this thread to the database file `path`, opened at the first job and kept (its caches follow the
 * data version, as the server's do; a tile set's index, once cut, stays with the thread).
 */
export function runInWorker(
  msg: { path: string; job: ReadJob } | { path: string; tile: TileAddress },
): ReadOutcome | CutTile {
  let db = connections.get(msg.path);
  if (!db) connections.set(msg.path, (db = openDb(msg.path, { readonly: true })));
  return 'tile' in msg ? cutTile(db, msg.tile) : performReadJob(db, msg.job);
}
