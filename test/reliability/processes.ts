import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { freshPgDatabase, testEngine } from '../helpers/test-engine.ts';

/** A server process we may kill however we like. */
export interface ServerProcess {
  url: string;
  /** Its PostgreSQL database in the postgres project (VIGIL_DATABASE_URL), for a test's own set-up. */
  databaseUrl?: string;
  child: ChildProcess;
  /** Everything the server printed so far. */
  output(): string;
  /** Graceful stop (SIGTERM), resolved when the process has exited. */
  stop(): Promise<void>;
  /** `kill -9`: no chance to finish anything. */
  kill9(): Promise<void>;
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', () => r()));
}

/** Each SQLite path's PostgreSQL database in the postgres project: a server started again on a path finds its data there. */
const pgDatabases = new Map<string, Promise<string>>();

/**
 * In the postgres project (VIGIL_TEST_ENGINE=postgres), a server's `VIGIL_DATABASE_URL`: the database
 * that stands for `dbPath` on the run's PostgreSQL server — made on the first start on that path, a
 * copy of what the SQLite file holds then (empty if there is no file yet: the server's first start
 * fills it), and the same one for every later start on the path (a restart, a second process).
 */
async function databaseUrlFor(dbPath: string, env: Record<string, string>): Promise<Record<string, string>> {
  if (testEngine() !== 'postgres' || env.VIGIL_DATABASE_URL) return {};
  let url = pgDatabases.get(dbPath);
  if (!url) {
    url = freshPgDatabase(existsSync(dbPath) ? dbPath : 'empty').then((d) => d.url);
    pgDatabases.set(dbPath, url);
  }
  return { VIGIL_DATABASE_URL: await url };
}

/**
 * Starts `tsx api/server.ts` on `dbPath` with an ephemeral port, as users start it; in the postgres
 * project on a PostgreSQL database holding what `dbPath` holds (see {@link databaseUrlFor}).
 */
export async function spawnServer(dbPath: string, env: Record<string, string> = {}): Promise<ServerProcess> {
  const pgEnv = await databaseUrlFor(dbPath, env);
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', VIGIL_DB: dbPath, ...pgEnv, ...env },
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
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return {
    url,
    databaseUrl: pgEnv.VIGIL_DATABASE_URL ?? env.VIGIL_DATABASE_URL,
    child,
    output: () => output,
    stop: async () => {
      child.kill('SIGTERM');
      await exited(child);
    },
    kill9: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Starts `vigil <args>` on `dbPath`; resolves the child, its output so far, and its exit. */
export function spawnCli(dbPath: string, args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['bin/vigil.js', ...args], {
    env: { ...process.env, VIGIL_DB: dbPath, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; output: string }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal, output })),
  );
  return { child, done, output: () => output };
}

/** Runs `vigil <args>` to completion. */
export async function runCli(dbPath: string, args: string[], env: Record<string, string> = {}, stdin?: string) {
  const p = spawnCli(dbPath, args, env);
  p.child.stdin!.end(stdin ?? '');
  return p.done;
}

/**
 * Writes a CSV of `rows` valid observations into `file`, in slots no bundled observation holds:
 * first-level regions of countries without bundled data, area-level severity indicators, the 48 months
 * of 2014–2017. `offset` skips slots so that several files do not collide.
 */
export function writeBigCsv(dbPath: string, file: string, rows: number, offset = 0, tag = 'load'): void {
  const db = new Database(dbPath, { readonly: true });
  const indicators = (
    db.prepare('SELECT id, measurement, level FROM indicators WHERE retired_in IS NULL').all() as {
      id: string;
      measurement: string;
      level: string;
    }[]
  )
    .filter((i) => (JSON.parse(i.measurement) as { kind: string }).kind === 'severity' && i.level === 'area')
    .map((i) => i.id);
  const regions = (
    db
      .prepare(
        "SELECT code FROM regions WHERE level = 1 AND parent IN ('DEU','FRA','ESP','ITA','POL','CAN','AUS','BRA','ARG','USA','CHN','RUS') ORDER BY code",
      )
      .all() as { code: string }[]
  ).map((r) => r.code);
  db.close();
  const lines = ['region,indicator,period,value,confidence,source'];
  for (let k = offset; k < offset + rows; k++) {
    const month = k % 48;
    const rest = Math.floor(k / 48);
    const indicator = indicators[rest % indicators.length]!;
    const region = regions[Math.floor(rest / indicators.length) % regions.length]!;
    lines.push(
      `${region},${indicator},${2014 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')},${k % 5},low,"Reliability ${tag} row ${k}"`,
    );
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
}

/** Observation rows, import batches and the integrity check of a database file, read after the fact. */
export function inspect(dbPath: string): {
  observations: number;
  current: number;
  batches: { id: number; file_name: string; row_count: number; state: string }[];
  audit: number;
  integrity: string;
  duplicates: number;
} {
  const db = new Database(dbPath);
  try {
    const one = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    return {
      integrity: (db.pragma('integrity_check') as { integrity_check: string }[])
        .map((r) => r.integrity_check)
        .join('; '),
      observations: one('SELECT count(*) AS n FROM observations'),
      current: one("SELECT count(*) AS n FROM observations WHERE state = 'current'"),
      batches: db.prepare('SELECT id, file_name, row_count, state FROM import_batches ORDER BY id').all() as never,
      audit: one('SELECT count(*) AS n FROM audit_log'),
      duplicates: one(
        "SELECT count(*) AS n FROM (SELECT 1 FROM observations WHERE state = 'current' GROUP BY region_code, indicator_id, period HAVING count(*) > 1)",
      ),
    };
  } finally {
    db.close();
  }
}
