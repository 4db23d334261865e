import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startPostgres, type TestPostgres } from '../../test/helpers/postgres.ts';
import { figure, scenario, type BenchContext, type Figure, type ScenarioResult } from '../lib/figures.ts';
import { spawnServer, type Spawned } from '../lib/processes.ts';
import { loadTest, type LoadResult } from './api.ts';

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
      pg = await startPostgres();
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
