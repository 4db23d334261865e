import { spawn } from 'node:child_process';
import { setPriority } from 'node:os';

/** How a job in a child process ended: its last JSON line (its outcome), exit code and the end of its stderr. */
export interface JobExit<T> {
  outcome: T | undefined;
  code: number | null;
  stderr: string;
}

/**
 * Runs the TypeScript job `file` with `args` in a child Node process at low CPU priority, so that
 * heavy work (a backup, a validation run) never holds the server's event loop or its CPU share.
 * The job speaks in JSON lines on stdout: each goes to `onLine` as it comes (progress), and the last
 * one is its outcome. Other output is ignored.
 * @example const { outcome } = await runJob<{ ok: boolean }>(JOB, [dbPath], (m) => console.log(m))
 */
export function runJob<T>(file: string, args: readonly string[], onLine?: (msg: unknown) => void): Promise<JobExit<T>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      if (child.pid) setPriority(child.pid, 10);
    } catch {
      // not allowed here: the job still runs in its own process
    }
    let outcome: T | undefined;
    let pending = '';
    let stderr = '';
    const read = (line: string) => {
      if (!line.trim()) return;
      try {
        const msg = JSON.parse(line) as unknown;
        outcome = msg as T;
        onLine?.(msg);
      } catch {
        // a stray line: ignored
      }
    };
    child.stdout.on('data', (b: Buffer) => {
      pending += b.toString();
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      lines.forEach(read);
    });
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      read(pending);
      resolve({ outcome, code, stderr: stderr.trim().split('\n').slice(-3).join(' ') });
    });
  });
}
