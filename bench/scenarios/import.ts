import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { writeImportCsv } from '../generate.ts';
import { figure, scenario, since, type BenchContext, type ScenarioResult } from '../lib/figures.ts';
import { processMemory, track } from '../lib/processes.ts';

/**
 * Runs a command, returning its standard output, wall time and peak memory: GNU time's %M when
 * /usr/bin/time exists, else the highest VmHWM seen while polling /proc.
 */
export function timed(
  cmd: string,
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<{ stdout: string; seconds: number; maxRssMb: number }> {
  const gnuTime = existsSync('/usr/bin/time');
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = gnuTime
      ? spawn('/usr/bin/time', ['-f', 'VIGIL_BENCH_MAXRSS %M', cmd, ...args], {
          env: { ...process.env, ...env },
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        })
      : spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    // A group of its own (GNU time and the command under it), killed whole if the run ends early.
    track(child, true);
    let out = '';
    let err = '';
    let polled = 0;
    const poll = gnuTime
      ? null
      : setInterval(() => {
          try {
            polled = Math.max(polled, processMemory(child.pid!).peakMb);
          } catch {
            // exited between two polls
          }
        }, 10);
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (poll) clearInterval(poll);
      const seconds = since(t0);
      const kb = Number(/VIGIL_BENCH_MAXRSS (\d+)/.exec(err)?.[1] ?? NaN);
      if (code !== 0) reject(new Error(`${cmd} exited with ${code}: ${err.slice(-1500)}`));
      else resolve({ stdout: out, seconds, maxRssMb: gnuTime ? kb / 1024 : polled });
    });
  });
}

export const fresh = (from: string, to: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${to}${suffix}`, { force: true });
  copyFileSync(from, to);
  return to;
};

/** What bench/lib/import-child.ts prints: the import's outcome and each phase's seconds. */
export interface ImportChildReport {
  status: string;
  rowsOk: number;
  readSeconds: number;
  writeSeconds: number;
  rescoreSeconds: number | null;
  totalSeconds: number;
  openSeconds: number;
}

/**
 * CSV import of the scale's synthetic rows into a database with regions and catalogue but no
 * observations: Vigil's importer (what `vigil import` runs: parse, match regions, validate every row,
 * stage, write one batch with its audit entry, then score) in a child process, against the sqlite3
 * shell's `.import` of the same file into a plain table (no validation), also in a child process.
 * The import runs twice, with durable commits (synchronous=FULL, the default) and with NORMAL.
 */
export function benchImport(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('import', ctx.log, async () => {
    const csv = await writeImportCsv(join(ctx.dir, 'import.csv'), ctx.scale, ctx.baseDb);
    ctx.log(`  ${csv.rows.toLocaleString('en')} rows, ${(csv.bytes / 1e6).toFixed(1)} MB`);
    const vigilDb = join(ctx.dir, 'import-vigil.db');
    const importChild = async (synchronous: 'full' | 'normal') => {
      fresh(ctx.baseDb, vigilDb);
      const run = await timed(
        process.execPath,
        ['--import', 'tsx', 'bench/lib/import-child.ts', csv.path, synchronous],
        {
          VIGIL_DB: vigilDb,
        },
      );
      return { run, report: JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ImportChildReport };
    };
    const { run: vigil, report: r } = await importChild('full');
    const { report: normal } = await importChild('normal');
    if (normal.status !== 'applied' || normal.rowsOk !== csv.rows)
      throw new Error(`NORMAL import not applied: ${JSON.stringify(normal)}`);
    if (r.status !== 'applied' || r.rowsOk !== csv.rows) throw new Error(`import not applied: ${vigil.stdout}`);
    const sqliteDb = fresh(ctx.baseDb, join(ctx.dir, 'import-sqlite.db'));
    const shell = await timed('sqlite3', [sqliteDb, '.mode csv', `.import ${csv.path} raw_import`]);
    ctx.log(
      `  Vigil: read ${r.readSeconds.toFixed(1)} s, write ${r.writeSeconds.toFixed(1)} s, rescore ${(r.rescoreSeconds ?? 0).toFixed(1)} s, peak ${vigil.maxRssMb.toFixed(0)} MB; sqlite3 .import ${shell.seconds.toFixed(1)} s, peak ${shell.maxRssMb.toFixed(0)} MB`,
    );
    const importSeconds = r.readSeconds + r.writeSeconds;
    rmSync(vigilDb, { force: true });
    rmSync(sqliteDb, { force: true });
    return {
      figures: [
        figure(
          {
            id: 'import.csv',
            what: `CSV import of ${csv.rows.toLocaleString('en')} rows: parse, validate, stage, write one batch (before rescoring)`,
            value: importSeconds,
            unit: 's',
            baseline: {
              what: 'sqlite3 shell .import of the same file (no validation)',
              value: shell.seconds,
              unit: 's',
            },
            goal: '≤ 3×',
          },
          (f) => f.ratio <= 3,
        ),
        figure({
          id: 'import.csv-with-rescore',
          what: 'the same import including the scores it recomputes after the commit',
          value: importSeconds + (r.rescoreSeconds ?? 0),
          unit: 's',
          baseline: { what: 'sqlite3 shell .import of the same file', value: shell.seconds, unit: 's' },
        }),
        figure({
          id: 'import.durable',
          what: `the same import with durable commits (synchronous=FULL, the default), including the rescoring`,
          value: r.readSeconds + r.writeSeconds + (r.rescoreSeconds ?? 0),
          unit: 's',
          baseline: {
            what: 'the same with synchronous=NORMAL (survives a process crash only)',
            value: normal.readSeconds + normal.writeSeconds + (normal.rescoreSeconds ?? 0),
            unit: 's',
          },
        }),
        figure({
          id: 'import.memory',
          what: 'peak memory (RSS) of the import process',
          value: vigil.maxRssMb,
          unit: 'MB',
          baseline: { what: 'sqlite3 shell .import', value: shell.maxRssMb, unit: 'MB' },
        }),
      ],
      details: {
        csv,
        vigil: { ...r, wallSeconds: vigil.seconds, maxRssMb: vigil.maxRssMb },
        vigilNormal: normal,
        sqlite3: shell,
      },
    };
  });
}
