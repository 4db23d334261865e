import { openDb, type Connection } from '../../../db/client.ts';
import { performReadJob, type ReadJob, type ReadOutcome } from './read-jobs.ts';

/** This thread's read-only connections, by database file (one, in practice). */
const connections = new Map<string, Connection>();

/**
 * What piscina runs in a worker thread: `job` on a read-only connection of this thread to the
 * database file `path`, opened at the first job and kept (its caches follow the data version, as the
 * server's do).
 */
export function runInWorker({ path, job }: { path: string; job: ReadJob }): ReadOutcome {
  let db = connections.get(path);
  if (!db) connections.set(path, (db = openDb(path, { readonly: true })));
  return performReadJob(db, job);
}
