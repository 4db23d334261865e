// Starts a full recompute's sweep threads and reports each one's end to the thread waiting for their
// rows (see sweep-threads.ts). That thread waits synchronously, so it cannot hear a thread's 'exit'
// itself: without this, a sweep thread that died without posting (killed, out of memory, an error
// outside its try) would leave it waiting forever. A plain module: it needs no TypeScript.
import { Worker, workerData } from 'node:worker_threads';

const { entry, threads, exits, control } = workerData;
const signal = new Int32Array(control);
let running = threads.length;
threads.forEach((data, index) => {
  let error = null;
  const worker = new Worker(new URL(entry), { workerData: data, transferList: [data.port] });
  worker.on('error', (e) => {
    error = e instanceof Error ? (e.stack ?? e.message) : String(e);
  });
  worker.once('exit', (code) => {
    exits.postMessage({ index, code, error });
    Atomics.add(signal, 1, 1);
    Atomics.notify(signal, 1);
    if (--running === 0) exits.close();
  });
});
