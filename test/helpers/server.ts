import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnServer } from '../reliability/processes.ts';

/** A Vigil server started as users start it, on an ephemeral port with its own temporary database. */
export interface RunningServer {
  url: string;
  dbPath: string;
  /** Its PostgreSQL database in the postgres project (VIGIL_DATABASE_URL). */
  databaseUrl?: string;
  /** Milliseconds from spawn to "listening" (includes migrations, seeding and the first scoring). */
  startupMs: number;
  stop(): Promise<void>;
}

/**
 * Spawns `tsx api/server.ts` with `PORT=0` and a fresh database in a temp folder (or `dbPath`), and
 * resolves once it prints the port it listens on.
 */
export async function startServer(
  opts: { dbPath?: string; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const dir = opts.dbPath ? null : mkdtempSync(join(tmpdir(), 'vigil-test-'));
  const dbPath = opts.dbPath ?? join(dir!, 'vigil.db');
  const t0 = performance.now();
  const server = await spawnServer(dbPath, opts.env);
  return {
    url: server.url,
    dbPath,
    databaseUrl: server.databaseUrl,
    startupMs: performance.now() - t0,
    stop: async () => {
      await server.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
