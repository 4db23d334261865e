import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** A spawned server: where it listens, its process id, how long it took to listen, and how to stop it. */
export interface Spawned {
  url: string;
  pid: number;
  startupMs: number;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MB. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/** Resident memory of a process (Linux /proc), in MB. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/** Spawns `node <args>` and resolves once its output matches `ready` (whose first group is the port). */
export function spawnServer(
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 600_000,
): Promise<Spawned> {
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start in ${timeoutMs} ms:\n${output.slice(-2000)}`)),
      timeoutMs,
    );
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = ready.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.stderr!.off('data', onData);
      child.stdout!.resume();
      child.stderr!.resume();
      resolve({
        url: `http://127.0.0.1:${m[1]}`,
        pid: child.pid!,
        startupMs: performance.now() - t0,
        memory: () => processMemory(child.pid!),
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.slice(-2000)}`));
    });
  });
}

/** Starts Vigil as users do (`tsx api/server.ts`) on `dbPath`, on an ephemeral loopback port. */
export function startVigil(dbPath: string, env: Record<string, string> = {}): Promise<Spawned> {
  return spawnServer(
    ['--import', 'tsx', 'api/server.ts'],
    { PORT: '0', HOST: '127.0.0.1', VIGIL_DB: dbPath, VIGIL_WEB_ROOT: 'dist/web', ...env },
    /listening on http:\/\/localhost:(\d+)/,
  );
}

/** Starts the baseline: node:http serving the bytes of `file` as JSON, for every request. */
export function startStatic(file: string): Promise<Spawned> {
  return spawnServer(['--import', 'tsx', 'bench/lib/static-server.ts', file], {}, /static server on (\d+)/);
}
