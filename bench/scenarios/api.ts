import autocannon from 'autocannon';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { figure, scenario, type BenchContext, type Figure, type ScenarioResult } from '../lib/figures.ts';
import { request as httpRequest } from 'node:http';
import { groupMemoryMb, startStatic, startVigil, type Spawned } from '../lib/processes.ts';

/**
 * How long one heavy request may take before the harness gives up on it: explicit, and long enough
 * for eight sensitivity runs queued behind the server's job-children cap at full scale (fetch's own
 * 300 s headers timeout must not be what ends them).
 */
const HEAVY_TIMEOUT_MS = 60 * 60_000;

/** What one load test measured. */
export interface LoadResult {
  p50: number;
  p99: number;
  rps: number;
  requests: number;
  non2xx: number;
  errors: number;
  bytesPerRequest: number;
}

/** Load-tests one URL with autocannon on loopback for a bounded duration (autocannon's `amount` would override it). */
export async function loadTest(
  url: string,
  opts: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const r = await autocannon({ url, connections: opts.connections, duration: opts.seconds, headers: opts.headers });
  const requests = r.requests.total;
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    rps: r.requests.average,
    requests,
    non2xx: r.non2xx,
    errors: r.errors,
    bytesPerRequest: requests ? r.throughput.total / requests : 0,
  };
}

async function get(base: string, path: string): Promise<{ ms: number; bytes: number; body: Buffer; status: number }> {
  const t = performance.now();
  const res = await fetch(`${base}${path}`);
  const body = Buffer.from(await res.arrayBuffer());
  return { ms: performance.now() - t, bytes: body.length, body, status: res.status };
}

/**
 * What the dashboard reads when it opens the map and a region: periods, both boundary sets, both
 * levels' scores for a few months and lenses, one region's series and explanation, and explanations
 * in the country with the most regions (the most observations to read). Returns the latest month and
 * the time of each read.
 */
async function browse(
  base: string,
): Promise<{ period: string | undefined; periods: string[]; country?: string; reads: Record<string, number> }> {
  const reads: Record<string, number> = {};
  const periods = await get(base, '/api/periods');
  reads['/api/periods'] = periods.ms;
  const list = JSON.parse(periods.body.toString()) as string[];
  const period = list.at(-1);
  for (const level of [0, 1]) reads[`/api/boundaries/${level}`] = (await get(base, `/api/boundaries/${level}`)).ms;
  if (!period) return { period, periods: list, reads };
  for (const [i, p] of [period, list.at(-2) ?? period, list.at(-13) ?? period].entries()) {
    for (const lens of i === 0 ? ['overall', 'tip'] : ['overall']) {
      for (const level of [0, 1])
        reads[`/api/scores ${p} ${lens} ${level}`] = (
          await get(base, `/api/scores?period=${p}&lens=${lens}&level=${level}`)
        ).ms;
    }
  }
  const rows = JSON.parse((await get(base, `/api/scores?period=${period}&lens=overall&level=1`)).body.toString()) as {
    region: string;
    score: number | null;
  }[];
  const region = rows.find((r) => r.score !== null)?.region;
  if (region) {
    reads['/api/regions/{code}/scores'] = (await get(base, `/api/regions/${region}/scores?lens=overall`)).ms;
    reads['/api/regions/{code}/explain'] = (
      await get(base, `/api/regions/${region}/explain?period=${period}&lens=overall`)
    ).ms;
  }
  // The worst case for memory: the country with the most first-level regions, and one of them.
  const regions = JSON.parse((await get(base, '/api/regions?level=1')).body.toString()) as {
    code: string;
    parent: string | null;
  }[];
  const counts = new Map<string, string[]>();
  for (const r of regions) if (r.parent) counts.set(r.parent, [...(counts.get(r.parent) ?? []), r.code]);
  const [country, kids] = [...counts].sort((a, b) => b[1].length - a[1].length)[0] ?? [];
  if (country && kids) {
    reads['/api/regions/{largest country}/explain'] = (
      await get(base, `/api/regions/${country}/explain?period=${period}&lens=overall`)
    ).ms;
    reads['/api/regions/{region of it}/explain'] = (
      await get(base, `/api/regions/${kids[0]}/explain?period=${period}&lens=overall`)
    ).ms;
    reads['/api/regions/{largest country}/scores'] = (await get(base, `/api/regions/${country}/scores?lens=tip`)).ms;
  }
  return { period, periods: list, country, reads };
}

/**
 * `GET /api/scores` for every first-level region under load, against node:http serving the same
 * bytes; and the API server's memory (RSS, from /proc) with the synthetic data loaded, after the
 * dashboard's reads and the load test, against the same server on a database with no observations.
 */
export function benchApi(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('api', ctx.log, async () => {
    const measure = async (db: string) => {
      // Eight heavy computations (and reads) may run at once, so that the health figures below have up to eight in flight.
      const server = await startVigil(db, {
        VIGIL_HEAVY_JOBS: '8',
        VIGIL_HEAVY_JOBS_PER_CLIENT: '8',
        VIGIL_HEAVY_READS_PER_CLIENT: '8',
      });
      try {
        const atStart = server.memory();
        const first = await browse(server.url);
        const second = await browse(server.url);
        return { server, atStart, first, second };
      } catch (e) {
        await server.stop();
        throw e;
      }
    };
    const emptyDb = join(ctx.dir, 'empty.db');
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${emptyDb}${suffix}`, { force: true });
    copyFileSync(ctx.baseDb, emptyDb);
    const empty = await measure(emptyDb);
    const emptyMemory = empty.server.memory();
    await empty.server.stop();

    const vigil = await measure(ctx.workDb);
    let details: Record<string, unknown> = {};
    const figures: Figure[] = [];
    let statics: Spawned | null = null;
    let mapStatics: Spawned | null = null;
    try {
      const path = `/api/scores?period=${vigil.first.period}&lens=overall&level=1`;
      const sample = await get(vigil.server.url, path);
      const rows = (JSON.parse(sample.body.toString()) as unknown[]).length;
      const file = join(ctx.dir, 'scores-level1.json');
      writeFileSync(file, sample.body);
      statics = await startStatic(file);
      const opts = ctx.scale.load;
      const api = await loadTest(`${vigil.server.url}${path}`, opts);
      const stat = await loadTest(`${statics.url}/`, opts);
      const api1 = await loadTest(`${vigil.server.url}${path}`, { ...opts, connections: 1 });
      const stat1 = await loadTest(`${statics.url}/`, { ...opts, connections: 1 });
      const br1 = await loadTest(`${vigil.server.url}${path}`, {
        ...opts,
        connections: 1,
        headers: { 'accept-encoding': 'br' },
      });
      const gzip = await loadTest(`${vigil.server.url}${path}`, { ...opts, headers: { 'accept-encoding': 'gzip' } });
      const etag = (await fetch(`${vigil.server.url}${path}`)).headers.get('etag');
      const revalidate = etag
        ? await loadTest(`${vigil.server.url}${path}`, { ...opts, headers: { 'if-none-match': etag } })
        : null;
      // The map's compact form of the same month (issue 15, item 3), as browsers ask for it, against the full rows.
      const mapPath = `/api/scores/map?period=${vigil.first.period}&lens=overall&level=1`;
      const mapSample = await get(vigil.server.url, mapPath);
      const mapFile = join(ctx.dir, 'scores-map-level1.json');
      writeFileSync(mapFile, mapSample.body);
      mapStatics = await startStatic(mapFile);
      const br = { 'accept-encoding': 'br' };
      const map1 = await loadTest(`${vigil.server.url}${mapPath}`, { ...opts, connections: 1, headers: br });
      const mapN = await loadTest(`${vigil.server.url}${mapPath}`, { ...opts, headers: br });
      const mapStat = await loadTest(`${mapStatics.url}/`, opts);
      ctx.log(
        `  /api/scores/map level 1: ${mapSample.bytes.toLocaleString('en')} bytes (${Math.round(map1.bytesPerRequest).toLocaleString('en')} with brotli); one connection p99 ${map1.p99} ms (rows with brotli ${br1.p99} ms); ${mapN.rps.toFixed(0)} req/s (static ${mapStat.rps.toFixed(0)} req/s)`,
      );
      const memory = vigil.server.memory();
      ctx.log(
        `  /api/scores level 1: ${rows} rows, ${sample.bytes.toLocaleString('en')} bytes; Vigil p50 ${api.p50} ms p99 ${api.p99} ms ${api.rps.toFixed(0)} req/s; static p50 ${stat.p50} p99 ${stat.p99} ${stat.rps.toFixed(0)} req/s`,
      );
      ctx.log(
        `  memory: ${memory.rssMb.toFixed(0)} MB now, ${memory.peakMb.toFixed(0)} MB peak (no observations: ${emptyMemory.peakMb.toFixed(0)} MB peak)`,
      );
      const what = `GET /api/scores, all ${rows.toLocaleString('en')} first-level regions (${(sample.bytes / 1e6).toFixed(2)} MB JSON), ${opts.connections} connections, ${opts.seconds} s`;
      figures.push(
        figure(
          {
            id: 'api.scores.p99',
            what: `${what}: p99 latency`,
            value: api.p99,
            unit: 'ms',
            baseline: { what: 'node:http serving the same bytes: p99', value: stat.p99, unit: 'ms' },
            goal: '< 10 ms',
          },
          (f) => f.value < 10,
        ),
        figure({
          id: 'api.scores.p50',
          what: `${what}: p50 latency`,
          value: api.p50,
          unit: 'ms',
          baseline: { what: 'node:http serving the same bytes: p50', value: stat.p50, unit: 'ms' },
        }),
        figure(
          {
            id: 'api.scores.rps',
            what: `${what}: throughput`,
            value: api.rps,
            unit: 'req/s',
            baseline: { what: 'node:http serving the same bytes', value: stat.rps, unit: 'req/s' },
            goal: '≥ 0.5× static',
          },
          (f) => f.ratio >= 0.5,
        ),
        figure(
          {
            id: 'api.scores.p99-one-client',
            what: `the same with one connection (no queueing): p99 latency`,
            value: api1.p99,
            unit: 'ms',
            baseline: { what: 'node:http serving the same bytes, one connection: p99', value: stat1.p99, unit: 'ms' },
            goal: '< 10 ms',
          },
          (f) => f.value < 10,
        ),
        figure(
          {
            id: 'api.scores.p99-one-client-br',
            what: `the same with one connection and Accept-Encoding: br, as browsers ask (${Math.round(br1.bytesPerRequest).toLocaleString('en')} bytes): p99 latency`,
            value: br1.p99,
            unit: 'ms',
            baseline: {
              what: 'node:http serving the uncompressed bytes, one connection: p99',
              value: stat1.p99,
              unit: 'ms',
            },
            goal: '< 10 ms',
          },
          (f) => f.value < 10,
        ),
        figure({
          id: 'api.scores.gzip',
          what: 'the same with Accept-Encoding: gzip: throughput',
          value: gzip.rps,
          unit: 'req/s',
          baseline: { what: 'node:http serving the uncompressed bytes', value: stat.rps, unit: 'req/s' },
          note: `${Math.round(gzip.bytesPerRequest).toLocaleString('en')} bytes per response`,
        }),
      );
      figures.push(
        figure(
          {
            id: 'api.scores-map.p99-one-client-br',
            what: `GET /api/scores/map, the same month in the map's compact form (${mapSample.bytes.toLocaleString('en')} bytes JSON, ${Math.round(map1.bytesPerRequest).toLocaleString('en')} with brotli), one connection, Accept-Encoding: br: p99 latency`,
            value: map1.p99,
            unit: 'ms',
            baseline: { what: 'the full rows of /api/scores, the same way: p99', value: br1.p99, unit: 'ms' },
            goal: '< 10 ms',
          },
          (f) => f.value < 10,
        ),
        figure(
          {
            id: 'api.scores-map.rps',
            what: `the compact form with brotli, ${opts.connections} connections: throughput`,
            value: mapN.rps,
            unit: 'req/s',
            baseline: {
              what: 'node:http serving the same compact bytes uncompressed',
              value: mapStat.rps,
              unit: 'req/s',
            },
            goal: '≥ 0.5× static',
          },
          (f) => f.ratio >= 0.5,
        ),
      );
      if (revalidate)
        figures.push(
          figure({
            id: 'api.scores.304',
            what: 'the same with If-None-Match (304 Not Modified): throughput',
            value: revalidate.rps,
            unit: 'req/s',
            baseline: { what: 'node:http serving the full bytes', value: stat.rps, unit: 'req/s' },
          }),
        );
      figures.push(
        figure(
          {
            id: 'api.memory',
            what: `API server RSS, peak, on the database of ${ctx.observations.toLocaleString('en')} current observations, after the dashboard's reads and the load tests`,
            value: memory.peakMb,
            unit: 'MB',
            baseline: {
              what: 'the same server and reads on a database with no observations',
              value: emptyMemory.peakMb,
              unit: 'MB',
            },
            goal: '< 300 MB',
          },
          (f) => f.value < 300,
        ),
      );
      const heavy = await healthUnderHeavyLoad(
        vigil.server,
        ctx.scale.quietHealth,
        Array.from(
          { length: ctx.scale.heavyInFlight },
          (_, i) =>
            `/api/sensitivity?period=${vigil.first.period ?? ''}&lens=tip&level=1&runs=${ctx.scale.heavyRuns}&seed=${1000 + i}`,
        ),
      );
      const heavyFailed = heavy.failures.length
        ? `; ${heavy.failures.length} of ${heavy.inFlight} runs FAILED (${heavy.failures[0]})`
        : '';
      ctx.log(
        `  /api/health p99 ${heavy.busy.p99.toFixed(1)} ms with ${heavy.inFlight} sensitivity runs in flight (${heavy.busy.count} requests, ${heavy.seconds.toFixed(1)} s, server and its children at most ${heavy.peakTreeMb.toFixed(0)} MB)${heavyFailed}, ${heavy.quiet.p99.toFixed(1)} ms quiet`,
      );
      figures.push(
        figure(
          {
            id: 'api.health.heavy-p99',
            what: `GET /api/health while ${heavy.inFlight} sensitivity runs (${ctx.scale.heavyRuns} rescorings each) are in flight: p99 latency`,
            value: heavy.busy.p99,
            unit: 'ms',
            baseline: {
              what: 'the same requests to the same server with nothing else running: p99',
              value: heavy.quiet.p99,
              unit: 'ms',
            },
            goal: '< 100 ms',
            note: `${heavy.busy.count} health requests one after another until the last run ended (${heavy.seconds.toFixed(1)} s); the runs are child processes at low priority on the same cores, at most the server's job-children cap at once; the server and its children held at most ${heavy.peakTreeMb.toFixed(0)} MB${heavyFailed}`,
          },
          (f) => f.value < 100 && !heavy.failures.length,
        ),
      );
      const reads = await healthUnderHeavyLoad(
        vigil.server,
        ctx.scale.quietHealth,
        heavyReads(vigil.first.periods, vigil.first.country),
      );
      ctx.log(
        `  /api/health p99 ${reads.busy.p99.toFixed(1)} ms with ${reads.inFlight} heavy public reads in flight (${reads.busy.count} requests, ${reads.seconds.toFixed(1)} s; statuses ${[...new Set(reads.statuses)].join(',')}), ${reads.quiet.p99.toFixed(1)} ms quiet`,
      );
      figures.push(
        figure(
          {
            id: 'api.health.heavy-reads-p99',
            what: `GET /api/health while ${reads.inFlight} heavy public reads are in flight (first-level GeoJSON, CSV and HXL downloads, months not cached, the explanation and brief of the largest country): p99 latency`,
            value: reads.busy.p99,
            unit: 'ms',
            baseline: {
              what: 'the same requests to the same server with nothing else running: p99',
              value: reads.quiet.p99,
              unit: 'ms',
            },
            goal: '< 100 ms',
            note: `${reads.busy.count} health requests one after another until the last read ended (${reads.seconds.toFixed(1)} s); the reads are built in the worker pool`,
          },
          (f) => f.value < 100,
        ),
      );
      details = {
        heavy,
        heavyReads: reads,
        rows,
        bytes: sample.bytes,
        api,
        static: stat,
        oneClient: { api: api1, static: stat1, brotli: br1 },
        gzip,
        revalidate,
        map: { bytes: mapSample.bytes, oneClient: map1, loaded: mapN, static: mapStat },
        memory,
        emptyMemory,
        startupMs: vigil.server.startupMs,
        emptyStartupMs: empty.server.startupMs,
        atStart: vigil.atStart,
        reads: { cold: vigil.first.reads, warm: vigil.second.reads },
        emptyReads: empty.first.reads,
      };
    } finally {
      await statics?.stop();
      await mapStatics?.stop();
      await vigil.server.stop();
    }
    return { figures, details };
  });
}

const p99 = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p99: sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0, count: ms.length };
};

/**
 * GET `url` with node:http and no timeout but `timeoutMs` (fetch would end a response whose headers
 * take longer than 300 s): the status, or the error that ended it.
 */
function heavyGet(url: string, timeoutMs: number): Promise<{ status: number; error?: string }> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { signal: AbortSignal.timeout(timeoutMs) }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      res.on('error', (e) => resolve({ status: 0, error: e.message }));
    });
    req.on('error', (e) =>
      resolve({ status: 0, error: e.name === 'AbortError' ? `no answer in ${timeoutMs / 1000} s` : e.message }),
    );
    req.end();
  });
}

/**
 * `/api/health` asked one request after another while `paths` (up to eight heavy requests) are in flight,
 * until the last ends; then as many (50 at least, `most` at most) with nothing running. Also the most memory the
 * server and the job children it started held together (sampled at each health request). A heavy
 * request that fails or times out is counted in `failures`, not thrown.
 */
async function healthUnderHeavyLoad(server: Spawned, most: number, paths: string[]) {
  const base = server.url;
  const t0 = performance.now();
  let pending = paths.length;
  const statuses: number[] = [];
  const failures: string[] = [];
  const runs = paths.map((path) =>
    heavyGet(`${base}${path}`, HEAVY_TIMEOUT_MS)
      .then((r) => {
        statuses.push(r.status);
        if (r.status !== 200) failures.push(`${path}: ${r.error ?? `status ${r.status}`}`);
      })
      .finally(() => pending--),
  );
  const busy: number[] = [];
  let peakTreeMb = groupMemoryMb(server.pid);
  let sampled = 0;
  while (pending > 0) {
    busy.push((await get(base, '/api/health')).ms);
    if (performance.now() - sampled > 500) {
      sampled = performance.now();
      peakTreeMb = Math.max(peakTreeMb, groupMemoryMb(server.pid));
    }
  }
  await Promise.all(runs);
  const seconds = (performance.now() - t0) / 1000;
  const quiet: number[] = [];
  for (let i = 0; i < Math.min(Math.max(busy.length, 50), most); i++) quiet.push((await get(base, '/api/health')).ms);
  return { inFlight: runs.length, seconds, statuses, failures, peakTreeMb, busy: p99(busy), quiet: p99(quiet) };
}

/**
 * Eight heavy public reads, none cached yet: two first-level GeoJSON downloads and a CSV and an HXL
 * one (different months), two first-level months not asked before, and the explanation and brief of
 * the country with the most regions. (A scenario's scores are left out: computed from every
 * observation held in memory, at full scale they measure memory, not the event loop.)
 */
function heavyReads(periods: string[], country: string | undefined): string[] {
  const p = (i: number) => periods[Math.max(0, periods.length - 1 - 7 * i)] ?? '';
  const region = country ?? 'IRQ';
  return [
    `/api/export/scores.geojson?period=${p(1)}&lens=overall&level=1`,
    `/api/export/scores.geojson?period=${p(2)}&lens=tip&level=1`,
    `/api/export/scores.csv?period=${p(3)}&lens=overall&level=1`,
    `/api/export/scores.hxl.csv?period=${p(4)}&lens=tip&level=1`,
    `/api/scores?period=${p(5)}&lens=crsv&level=1`,
    `/api/scores?period=${p(6)}&lens=afac&level=1`,
    `/api/regions/${region}/explain?period=${p(1)}&lens=tip`,
    `/api/export/brief?region=${region}&period=${p(2)}&lens=overall`,
  ];
}
