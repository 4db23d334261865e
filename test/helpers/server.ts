import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Vigil server started as users start it, on an ephemeral port with its own temporary database. */
export interface RunningServer {
  url: string;
  dbPath: string;
  /** Milliseconds from spawn to "listening" (includes migrations, seeding and the first scoring). */
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `tsx api/server.ts` with `PORT=0` and a fresh database in a temp folder (or `dbPath`), and
 * resolves once it prints the port it listens on.
 */
export async function startServer(opts: { dbPath?: string; env?: Record<string, string> } = {}): Promise<RunningServer> {
  const dir = opts.dbPath ? null : mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const dbPath = opts.dbPath ?? join(dir!, 'vigil.db');
  const t0 = performance.now();
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VIGIL_DB: dbPath, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (b: Buffer) => {
      output += b.toString();
      const m = /listening on http:\/\/localhost:(\d+)/.exec(output);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  const startupMs = performance.now() - t0;
  return {
    url,
    dbPath,
    startupMs,
    stop: () =>
      new Promise<void>((resolve) => {
        child.removeAllListeners('exit');
        child.once('exit', () => {
          if (dir) rmSync(dir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
