import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** A spawned server: where it listens, its process id, how long it took to listen, and how to stop it. */
export interface Spawned {
  url: string;
  pid: number;
  startupMs: number;
  /** Resident memory now and at its peak (VmRSS, VmHWM), in MB. */
  memory(): { rssMb: number; peakMb: number };
  stop(): Promise<void>;
}

/**
 * Every child the harness started and has not seen exit: servers as process groups of their own
 * (negative id: the group, so a server's own job children go with it), other commands by id.
 */
const live = new Set<number>();

/** Counts `child` among the harness's children until it exits (`group`: it leads a process group of its own). */
export function track(child: ChildProcess, group = false): void {
  if (!child.pid) return;
  const id = group ? -child.pid : child.pid;
  live.add(id);
  child.once('exit', () => {
    // A server's group may outlive the server (job children it started): those are killed too.
    if (group) signal(id, 'SIGKILL');
    live.delete(id);
  });
}

function signal(id: number, sig: NodeJS.Signals): void {
  try {
    process.kill(id, sig);
  } catch {
    // already gone
  }
}

/**
 * Kills every child and server group the harness started and that still runs: called when the run
 * ends, fails or is interrupted, so that nothing it started (a server's sensitivity children
 * included) is left running.
 */
export function killAll(): void {
  for (const id of live) signal(id, 'SIGKILL');
  live.clear();
}

let hooked = false;

/** Makes the harness kill what it started whenever it exits: normally, on an uncaught error, or on SIGINT/SIGTERM/SIGHUP. */
export function killAllOnExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', killAll);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(sig, () => {
      killAll();
      process.exit(128 + (sig === 'SIGINT' ? 2 : sig === 'SIGTERM' ? 15 : 1));
    });
}

/** Resident memory of a process (Linux /proc), in MB. */
export function processMemory(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

/**
 * Resident memory of every process in the group `pgid` (a server and the job children it started),
 * summed, in MB: what the whole tree holds right now.
 */
export function groupMemoryMb(pgid: number): number {
  let kb = 0;
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces): state, ppid, pgrp, …
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      if (pgrp !== pgid) continue;
      kb += Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${name}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      // exited meanwhile
    }
  }
  return kb / 1024;
}

/** Spawns `node <args>` and resolves once its output matches `ready` (whose first group is the port). */
export function spawnServer(
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
  timeoutMs = 600_000,
): Promise<Spawned> {
  const t0 = performance.now();
  // A process group of its own, so that stopping the server stops the job children it started.
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  track(child, true);
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal(-child.pid!, 'SIGKILL');
      reject(new Error(`server did not start in ${timeoutMs} ms:\n${output.slice(-2000)}`));
    }, timeoutMs);
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
            signal(-child.pid!, 'SIGTERM');
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
