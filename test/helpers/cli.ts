import { spawn } from 'node:child_process';

/** What a `vigil` command run left: its exit code, standard output as bytes and as text, and standard error. */
export interface CliRun {
  code: number | null;
  stdout: string;
  bytes: Buffer;
  stderr: string;
}

/** Runs `node bin/vigil.js …` as a user would, on the database at `dbPath`. */
export function runVigil(dbPath: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/vigil.js', ...args], {
      env: { ...process.env, VIGIL_DB: dbPath, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString(), bytes, stderr });
    });
  });
}
