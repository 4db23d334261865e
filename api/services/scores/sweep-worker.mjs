// A sweep thread's entry (a plain module, since a worker thread starts without the TypeScript
// loader): registers tsx in this thread, then runs the sweep. Should loading fail, the error goes
// to the waiting thread through the same port, so that it never waits for a thread that is gone.
import { workerData } from 'node:worker_threads';

try {
  const { register } = await import('tsx/esm/api');
  register();
  const { runSweepThread } = await import('./sweep-worker.ts');
  runSweepThread(workerData);
} catch (e) {
  workerData.port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  workerData.port.close();
  const control = new Int32Array(workerData.control);
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
