import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseDb, generateDb } from './generate.ts';
import { SCALES } from './scales.ts';
import { load, machine, type BenchContext, type ScenarioResult } from './lib/figures.ts';
import { writeBenchmarksTable } from './lib/report.ts';
import { killAll, killAllOnExit } from './lib/processes.ts';
import { benchRecompute } from './scenarios/recompute.ts';
import { benchIncremental } from './scenarios/incremental.ts';
import { benchApi } from './scenarios/api.ts';
import { benchImport } from './scenarios/import.ts';
import { benchImportEvents } from './scenarios/import-events.ts';
import { benchDashboard } from './scenarios/dashboard.ts';
import { benchChecks } from './scenarios/checks.ts';
import { benchBoundaries } from './scenarios/boundaries.ts';
import { benchPostgres } from './scenarios/postgres.ts';

const SCENARIOS = [
  'recompute',
  'incremental',
  'api',
  'dashboard',
  'import',
  'import-events',
  'boundaries',
  'checks',
  'postgres',
] as const;
/** What `--engine postgres` runs: the scenarios on a private PostgreSQL server, beside SQLite figures of the same run. */
const ON_POSTGRES: readonly string[] = ['postgres'];
/** Scenarios that need only the base database (regions and catalogue), not the synthetic one. */
const ON_BASE_ONLY: readonly string[] = ['import', 'import-events', 'boundaries', 'checks'];

/**
 * `npm run bench -- [--scale tiny|small|full] [--engine sqlite|postgres] [--only a,b] [--name results-name]
 * [--out folder] [--table|--no-table]`: `--engine postgres` runs the PostgreSQL scenarios (each with its
 * SQLite baseline) instead of the others, and writes no table unless asked.
 */
function parseArgs(argv: readonly string[]) {
  const opt = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const scale = SCALES[opt('scale') ?? 'full'];
  if (!scale) throw new Error(`--scale must be one of ${Object.keys(SCALES).join(', ')}`);
  const engine = opt('engine') ?? 'sqlite';
  if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine must be sqlite or postgres');
  const only = opt('only')?.split(',') ?? SCENARIOS.filter((s) => ON_POSTGRES.includes(s) === (engine === 'postgres'));
  for (const s of only)
    if (!(SCENARIOS as readonly string[]).includes(s)) throw new Error(`--only takes ${SCENARIOS.join(', ')}`);
  return {
    scale,
    only,
    name: opt('name') ?? scale.name,
    out: opt('out') ?? 'bench/results',
    table: argv.includes('--table') || (scale.name === 'full' && engine === 'sqlite' && !argv.includes('--no-table')),
  };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = new Date();
  // Taken now: the table's header says "load average at start", and at the end it is the last scenario's.
  const host = machine();
  const log = (s: string) => console.log(s);
  const dir = join('bench/tmp', args.scale.name);
  mkdirSync(dir, { recursive: true });
  log(`Vigil benchmarks, scale ${args.scale.name} (load ${load().join(' ')})`);
  const base = baseDb('bench/tmp/base-v2.db');
  // The import scenarios and the checks work on the base database alone: run by themselves, they
  // skip the synthetic database (minutes to generate at full scale).
  const needsSynthetic = args.only.some((s) => !ON_BASE_ONLY.includes(s));
  const generated = needsSynthetic ? generateDb(join(dir, 'synthetic.db'), args.scale, base, log) : null;
  if (generated)
    log(
      `synthetic database: ${generated.observations.toLocaleString('en')} observations (${generated.current.toLocaleString('en')} current, ${generated.superseded.toLocaleString('en')} superseded, ${generated.retracted.toLocaleString('en')} retracted) in ${generated.regionsWithData.toLocaleString('en')} regions${generated.cached ? ' (cached)' : ` generated in ${generated.seconds.toFixed(0)} s`}`,
    );
  const ctx: BenchContext = {
    scale: args.scale,
    dir,
    baseDb: base,
    syntheticDb: generated?.path ?? base,
    workDb: join(dir, 'work.db'),
    observations: generated?.current ?? 0,
    log,
  };
  if (generated) {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${ctx.workDb}${suffix}`, { force: true });
    copyFileSync(ctx.syntheticDb, ctx.workDb);
  }

  const results: ScenarioResult[] = [];
  const has = (s: string) => args.only.includes(s);
  // A scenario that fails is recorded as failed (and whatever it started is killed); the others still run.
  const attempt = async (name: string, run: () => Promise<ScenarioResult>): Promise<ScenarioResult | null> => {
    try {
      return await run();
    } catch (e) {
      killAll();
      const error = e instanceof Error ? (e.stack ?? e.message) : String(e);
      log(`✗ ${name} FAILED: ${error}`);
      results.push({
        scenario: name,
        figures: [],
        details: { failed: error },
        load: { before: load(), after: load() },
        seconds: 0,
      });
      return null;
    }
  };
  let fullSeconds: number | null = null;
  if (has('recompute') || has('incremental') || has('api') || has('dashboard')) {
    const r = await attempt('recompute', () => benchRecompute(ctx));
    fullSeconds = r?.details.vigil ? (r.details.vigil as { seconds: number }).seconds : null;
    if (r && has('recompute')) results.push(r);
  }
  const scenarios: [string, () => Promise<ScenarioResult>][] = [
    ['incremental', () => benchIncremental(ctx, fullSeconds)],
    ['api', () => benchApi(ctx)],
    ['dashboard', () => benchDashboard(ctx)],
    ['import', () => benchImport(ctx)],
    ['import-events', () => benchImportEvents(ctx)],
    ['boundaries', () => benchBoundaries(ctx)],
    ['checks', () => benchChecks(ctx)],
    ['postgres', () => benchPostgres(ctx)],
  ];
  for (const [name, run] of scenarios) {
    if (!has(name)) continue;
    const r = await attempt(name, run);
    if (r) results.push(r);
  }

  const out = {
    name: args.name,
    scale: args.scale,
    startedAt: started.toISOString(),
    seconds: (Date.now() - started.getTime()) / 1000,
    machine: host,
    data: generated,
    results,
  };
  mkdirSync(args.out, { recursive: true });
  const file = join(args.out, `${args.name}.json`);
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`results: ${file}`);
  const failed = results.filter((r) => 'failed' in r.details).map((r) => r.scenario);
  if (failed.length) {
    log(`failed: ${failed.join(', ')} (recorded in ${file})`);
    process.exitCode = 1;
  }
  if (args.table) {
    writeBenchmarksTable('BENCHMARKS.md', out);
    log('table: BENCHMARKS.md');
  }
}

// Whatever ends the run (the last scenario, an error, Ctrl-C), nothing it started is left running.
killAllOnExit();
try {
  await main();
} finally {
  killAll();
}
