// The entry of a thread running a whole recompute (a plain module, since a worker thread starts
// without the TypeScript loader): registers tsx, then rebuilds on its own connection and posts
// the row count, or the error it stopped on.
import { parentPort, workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  const { rebuildOnConnection } = await import('./recompute-off-loop.ts');
  parentPort.postMessage({ rows: rebuildOnConnection(workerData) });
} catch (e) {
  parentPort.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
