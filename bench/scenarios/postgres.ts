import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres.ts';
import { figure, scenario, type BenchContext, type Figure, type ScenarioResult } from '../lib/figures.ts';
import { spawnServer, type Spawned } from '../lib/processes.ts';
import { loadTest, type LoadResult } from './api.ts';
import { freeKeys } from './incremental.ts';
import { fresh, timed, type ImportChildReport } from './import.ts';
import { writeImportCsv, SYNTHETIC_ACTOR, SYNTHETIC_SOURCE } from '../generate.ts';
import { pgAsync, sqliteAsync } from '../../db/async.ts';
import { openDb } from '../../db/client.ts';
import { openPg } from '../../db/pg/client.ts';
import { copySqliteToPg } from '../../db/pg/copy.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { recomputeAllAsync } from '../../api/services/scores/rescore-async.ts';
import { createObservation } from '../../api/services/observations/write-path.ts';
import { median, since } from '../lib/figures.ts';

/** Two servers' share of one load test, run at once: the slower p99, the summed throughput. */
export interface SplitLoad {
  p99: number;
  p50: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  each: LoadResult[];
}

/** Load-tests `path` on every server at once, the connections split between them (as a reverse proxy would). */
async function loadSplit(
  servers: readonly Spawned[],
  path: string,
  opts: { seconds: number; connections: number },
): Promise<SplitLoad> {
  const per = Math.max(1, Math.round(opts.connections / servers.length));
  const each = await Promise.all(servers.map((s) => loadTest(`${s.url}${path}`, { ...opts, connections: per })));
  const sum = (f: (r: LoadResult) => number) => each.reduce((n, r) => n + f(r), 0);
  return {
    p99: Math.max(...each.map((r) => r.p99)),
    p50: Math.max(...each.map((r) => r.p50)),
    rps: sum((r) => r.rps),
    requests: sum((r) => r.requests),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    each,
  };
}

/** Starts Vigil as users do, on `dbPath`, with more time to start than the default (a first start on PostgreSQL copies every table). */
function startServer(dbPath: string, env: Record<string, string> = {}): Promise<Spawned> {
  return spawnServer(
    ['--import', 'tsx', 'api/server.ts'],
    { PORT: '0', HOST: '127.0.0.1', VIGIL_DB: dbPath, VIGIL_WEB_ROOT: 'dist/web', ...env },
    /listening on http:\/\/localhost:(\d+)/,
    4 * 3600_000,
  );
}

async function text(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

/**
 * `npm run bench -- --engine postgres`: the same Vigil on a private PostgreSQL server (initdb into a
 * temp folder, random port, as the tests do), beside the SQLite figures of the same run. Two API
 * processes serve `GET /api/scores` for every first-level region under load, first on the SQLite
 * work file, then on PostgreSQL after the first process copied that file into it on its first start
 * (what `vigil migrate-db` does; its time is reported). Both answer the same bytes.
 */
export function benchPostgres(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('postgres', ctx.log, async () => {
    const figures: Figure[] = [];
    const details: Record<string, unknown> = {};
    const scratch = mkdtempSync(join(tmpdir(), 'vigil-bench-pg-'));
    let pg: TestPostgres | null = null;
    const running: Spawned[] = [];
    const stopAll = async () => {
      await Promise.all(running.splice(0).map((s) => s.stop()));
    };
    try {
      // SQLite: two processes on the work file (the first brings its scores up to date before listening).
      running.push(await startServer(ctx.workDb));
      running.push(await startServer(ctx.workDb));
      const periods = JSON.parse((await text(`${running[0]!.url}/api/periods`)).body) as string[];
      const period = periods.at(-1);
      if (!period) throw new Error('no scored month in the work database');
      const path = `/api/scores?period=${period}&lens=overall&level=1`;
      const sqliteBody = (await text(`${running[0]!.url}${path}`)).body;
      const rows = (JSON.parse(sqliteBody) as unknown[]).length;
      const opts = ctx.scale.load;
      // A first full-length run warms both processes (their read pools start on first use); the second is measured.
      await loadSplit(running, path, opts);
      const sqlite = await loadSplit(running, path, opts);
      const sqlite1 = await loadTest(`${running[0]!.url}${path}`, { ...opts, connections: 1 });
      await stopAll();

      // PostgreSQL: A copies the work file into the empty database on its first start, B starts on an empty SQLite file.
      // PostgreSQL's own durability settings (fsync, synchronous commits), as SQLite's commits are durable here.
      pg = await startPostgres({ durable: true });
      const t0 = performance.now();
      const a = await startServer(ctx.workDb, { VIGIL_DATABASE_URL: pg.url });
      running.push(a);
      const firstStartMs = performance.now() - t0;
      running.push(await startServer(join(scratch, 'b.db'), { VIGIL_DATABASE_URL: pg.url }));
      const pgBody = await text(`${a.url}${path}`);
      if (pgBody.status !== 200) throw new Error(`PostgreSQL: ${path} answered ${pgBody.status}: ${pgBody.body}`);
      if (pgBody.body !== sqliteBody) throw new Error(`PostgreSQL and SQLite answer ${path} differently`);
      await loadSplit(running, path, opts);
      const onPg = await loadSplit(running, path, opts);
      const pg1 = await loadTest(`${a.url}${path}`, { ...opts, connections: 1 });
      await stopAll();

      Object.assign(details, await recomputeWritesImport(ctx, pg, figures));
      const what = `GET /api/scores, all ${rows.toLocaleString('en')} first-level regions, two API processes, ${opts.connections} connections split between them, ${opts.seconds} s`;
      ctx.log(
        `  ${what}: PostgreSQL p99 ${onPg.p99} ms, ${onPg.rps.toFixed(0)} req/s; SQLite p99 ${sqlite.p99} ms, ${sqlite.rps.toFixed(0)} req/s (first start on PostgreSQL, copy included: ${(firstStartMs / 1000).toFixed(1)} s)`,
      );
      const failed = onPg.non2xx + onPg.errors;
      figures.push(
        figure(
          {
            id: 'pg.scores.p99-two-processes',
            what: `${what}: p99 latency (the slower process)`,
            value: onPg.p99,
            unit: 'ms',
            baseline: { what: 'the same two processes on the SQLite file: p99', value: sqlite.p99, unit: 'ms' },
            goal: '< 10 ms',
            note: failed ? `${failed} requests failed on PostgreSQL` : undefined,
          },
          (f) => f.value < 10 && failed === 0,
        ),
        figure({
          id: 'pg.scores.rps-two-processes',
          what: `${what}: throughput of both`,
          value: onPg.rps,
          unit: 'req/s',
          baseline: { what: 'the same two processes on the SQLite file', value: sqlite.rps, unit: 'req/s' },
        }),
        figure({
          id: 'pg.scores.p99-one-client',
          what: `the same month, one connection to one process: p99 latency`,
          value: pg1.p99,
          unit: 'ms',
          baseline: { what: 'the same on the SQLite file', value: sqlite1.p99, unit: 'ms' },
        }),
      );
      Object.assign(details, { rows, period, sqlite, sqlite1, postgres: onPg, postgres1: pg1, firstStartMs });
    } finally {
      await stopAll();
      await pg?.stop();
      rmSync(scratch, { recursive: true, force: true });
    }
    return { figures, details };
  });
}

/** psql of the newest PostgreSQL installed the Debian way (the private server's own), or on the PATH. */
function psqlBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).map(Number).filter(Number.isFinite) : [];
  const bin = versions.length ? `${root}/${Math.max(...versions)}/bin/psql` : '';
  return bin && existsSync(bin) ? bin : 'psql';
}

/**
 * The write side on both engines, same run, same data: the full recompute (`recomputeAll` on the
 * SQLite work file, `recomputeAllAsync` on the PostgreSQL copy of it), analyst entries end to end
 * (the same keys, alternating engines), and the scale's CSV import in a child process into a fresh
 * database holding only regions and catalogue, against `psql \copy` of the same file into a plain
 * table on the same server (and the same import into SQLite).
 */
async function recomputeWritesImport(ctx: BenchContext, pg: TestPostgres, figures: Figure[]) {
  const sqlite = openDb(ctx.workDb);
  const pool = openPg(pg.url);
  try {
    let t = performance.now();
    const sqliteRows = recomputeAll(sqlite);
    const sqliteRecompute = since(t);
    t = performance.now();
    const pgRows = await recomputeAllAsync(pgAsync(pool));
    const pgRecompute = since(t);
    if (pgRows !== sqliteRows) throw new Error(`recompute: PostgreSQL stored ${pgRows} rows, SQLite ${sqliteRows}`);
    ctx.log(
      `  full recompute, ${sqliteRows.toLocaleString('en')} rows: PostgreSQL ${pgRecompute.toFixed(1)} s, SQLite ${sqliteRecompute.toFixed(1)} s`,
    );
    figures.push(
      figure({
        id: 'pg.recompute.full',
        what: `full recompute of ${ctx.observations.toLocaleString('en')} current observations on PostgreSQL (${pgRows.toLocaleString('en')} score rows, one transaction)`,
        value: pgRecompute,
        unit: 's',
        baseline: { what: 'the same recompute on the SQLite file', value: sqliteRecompute, unit: 's' },
      }),
    );

    const actor = { id: null, name: SYNTHETIC_ACTOR, role: 'admin' as const };
    const entryMs = { sqlite: [] as number[], postgres: [] as number[] };
    for (const k of freeKeys(sqlite, ctx, ctx.scale.incrementalRuns, 1, 21)) {
      const input = {
        region: k.region,
        indicator: k.indicator,
        period: k.period,
        value: 2,
        confidence: 'medium',
        source: { citation: SYNTHETIC_SOURCE },
      };
      for (const [engine, data] of [
        ['sqlite', sqliteAsync(sqlite)],
        ['postgres', pgAsync(pool)],
      ] as const) {
        t = performance.now();
        await createObservation(data, actor, input);
        entryMs[engine].push(since(t) * 1000);
      }
    }
    ctx.log(
      `  analyst entry end to end (median of ${entryMs.postgres.length}): PostgreSQL ${median(entryMs.postgres).toFixed(1)} ms, SQLite ${median(entryMs.sqlite).toFixed(1)} ms`,
    );
    figures.push(
      figure({
        id: 'pg.write.analyst-entry',
        what: 'analyst entry end to end on PostgreSQL: validate, write with its audit row, rescore the family (median)',
        value: median(entryMs.postgres),
        unit: 'ms',
        baseline: {
          what: 'the same entries on SQLite, alternating (median)',
          value: median(entryMs.sqlite),
          unit: 'ms',
        },
      }),
    );

    const csv = await writeImportCsv(join(ctx.dir, 'import.csv'), ctx.scale, ctx.baseDb);
    const importUrl = await pg.createDatabase('bench_import');
    const target = openPg(importUrl);
    const base = openDb(ctx.baseDb);
    try {
      await copySqliteToPg(base, target);
    } finally {
      base.$client.close();
      await target.$client.end();
    }
    const child = async (env: Record<string, string>) => {
      const run = await timed(process.execPath, ['--import', 'tsx', 'bench/lib/import-child.ts', csv.path], env);
      const report = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as ImportChildReport;
      if (report.status !== 'applied' || report.rowsOk !== csv.rows)
        throw new Error(`import not applied: ${run.stdout}`);
      return { run, report };
    };
    const onPg = await child({ VIGIL_DATABASE_URL: importUrl });
    const onSqlite = await child({ VIGIL_DB: fresh(ctx.baseDb, join(ctx.dir, 'import-pg-baseline.db')) });
    const copyUrl = await pg.createDatabase('bench_copy');
    const header = readFileSync(csv.path, 'utf8').slice(0, 4096).split('\n')[0]!.split(',');
    const table = `create table raw_import (${header.map((_, i) => `c${i} text`).join(', ')})`;
    const psql = await timed(psqlBin(), [
      copyUrl,
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      table,
      '-c',
      `\\copy raw_import from '${csv.path}' with (format csv, header true)`,
    ]);
    rmSync(join(ctx.dir, 'import-pg-baseline.db'), { force: true });
    const seconds = (r: ImportChildReport) => r.readSeconds + r.writeSeconds;
    ctx.log(
      `  CSV import of ${csv.rows.toLocaleString('en')} rows: PostgreSQL ${seconds(onPg.report).toFixed(1)} s (+ rescore ${(onPg.report.rescoreSeconds ?? 0).toFixed(1)} s), SQLite ${seconds(onSqlite.report).toFixed(1)} s, psql \\copy ${psql.seconds.toFixed(1)} s`,
    );
    figures.push(
      figure(
        {
          id: 'pg.import.csv',
          what: `CSV import of ${csv.rows.toLocaleString('en')} rows into PostgreSQL: parse, validate, COPY into the stage, write one batch (before rescoring)`,
          value: seconds(onPg.report),
          unit: 's',
          baseline: {
            what: 'psql \\copy of the same file into a plain table on the same server (no validation)',
            value: psql.seconds,
            unit: 's',
          },
          goal: '≤ 3×',
          note: `the same import into SQLite in the same run: ${seconds(onSqlite.report).toFixed(1)} s; rescoring after it: PostgreSQL ${(onPg.report.rescoreSeconds ?? 0).toFixed(1)} s, SQLite ${(onSqlite.report.rescoreSeconds ?? 0).toFixed(1)} s`,
        },
        (f) => f.ratio <= 3,
      ),
      figure({
        id: 'pg.import.csv-vs-sqlite',
        what: 'the same import into PostgreSQL, including the rescoring after it',
        value: seconds(onPg.report) + (onPg.report.rescoreSeconds ?? 0),
        unit: 's',
        baseline: {
          what: 'the same import into SQLite, including its rescoring',
          value: seconds(onSqlite.report) + (onSqlite.report.rescoreSeconds ?? 0),
          unit: 's',
        },
      }),
    );
    return {
      recompute: { rows: sqliteRows, sqliteSeconds: sqliteRecompute, postgresSeconds: pgRecompute },
      analystEntryMs: entryMs,
      import: { rows: csv.rows, postgres: onPg.report, sqlite: onSqlite.report, psqlSeconds: psql.seconds },
    };
  } finally {
    sqlite.$client.close();
    await pool.$client.end();
  }
}
