// The worker pool's entry (a plain module, since a worker thread starts without the TypeScript
// loader): registers tsx in this thread, then hands piscina the job runner.
import { register } from 'tsx/esm/api';

register();
const { runInWorker } = await import('./worker-jobs.ts');

export default runInWorker;
