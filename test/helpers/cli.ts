import { spawn } from 'node:child_process';
import { runCommand } from '../../bin/main.ts';

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

/**
 * Runs a `vigil` command in this process, as `bin/vigil.ts` does but without starting Node and tsx
 * again (a second or two each): for what a command does and the code it returns. What is about the
 * process itself (its exit status, signals, a password read from the terminal) uses {@link runVigil}.
 */
export async function runVigilHere(dbPath: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const out: Buffer[] = [];
  let stderr = '';
  const code = await runCommand(args, {
    out: (line) => out.push(Buffer.from(`${line}\n`)),
    err: (line) => (stderr += `${line}\n`),
    write: (chunk) => out.push(Buffer.from(chunk)),
    env: { ...process.env, VIGIL_DB: dbPath, ...env },
    interactive: false,
  });
  const bytes = Buffer.concat(out);
  return { code, stdout: bytes.toString(), bytes, stderr };
}
