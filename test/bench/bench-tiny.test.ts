import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Figure, ScenarioResult } from '../../bench/lib/figures.ts';

const out = mkdtempSync(join(tmpdir(), 'vigil-bench-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

/** Every figure `npm run bench` reports; the tiny run must produce each of them. */
const FIGURES = [
  'recompute.full',
  'recompute.full-with-load',
  'recompute.vs-reference',
  'recompute.incremental',
  'recompute.incremental-vs-full',
  'recompute.incremental-country',
  'write.analyst-entry',
  'write.durable-entry',
  'write.durable-commit',
  'api.scores.p99',
  'api.health.heavy-p99',
  'api.health.heavy-reads-p99',
  'api.scores.p50',
  'api.scores.p99-one-client',
  'api.scores.p99-one-client-br',
  'api.scores.rps',
  'api.scores.gzip',
  'api.scores.304',
  'api.scores-map.p99-one-client-br',
  'api.scores-map.rps',
  'api.memory',
  'dashboard.first-paint',
  'dashboard.first-paint-admin1',
  'dashboard.level-switch',
  'dashboard.period-change',
  'dashboard.period-change-paused',
  'dashboard.period-change-admin1',
  'dashboard.label-placement',
  'import.csv',
  'import.csv-with-rescore',
  'import.memory',
  'import.durable',
  'import.events',
  'import.events-dry-run',
  'import.events-rows-per-s',
  'import.events-placement-share',
  'import.events-memory',
  'boundaries.upload',
  'boundaries.upload-memory',
  'boundaries.month-change-admin2',
  'checks.personal-data',
  'checks.personal-data-linear',
  'checks.adversarial-import',
  'pg.scores.p99-two-processes',
  'pg.scores.rps-two-processes',
  'pg.scores.p99-one-client',
  'pg.recompute.full',
  'pg.write.analyst-entry',
  'pg.import.csv',
  'pg.import.csv-vs-sqlite',
];

/** Every scenario, the PostgreSQL one (`--engine postgres`) included: one process, so that no two runs share the work files. */
const SCENARIOS = 'recompute,incremental,api,dashboard,import,import-events,boundaries,checks,postgres';

// Keeps the benchmark harness working; the timings of a tiny run on a busy machine mean nothing, so
// nothing here looks at them.
describe('npm run bench:tiny', () => {
  it(
    'reports every figure against its baseline, and Vigil and DuckDB compute the same scores',
    { timeout: 900_000 },
    () => {
      const run = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/run.ts',
          '--scale',
          'tiny',
          '--only',
          SCENARIOS,
          '--name',
          'tiny',
          '--out',
          out,
          '--no-table',
        ],
        { encoding: 'utf8', timeout: 880_000 },
      );
      expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
      const result = JSON.parse(readFileSync(join(out, 'tiny.json'), 'utf8')) as {
        results: ScenarioResult[];
        machine: { loadavg: number[] };
      };
      const figures = new Map<string, Figure>(result.results.flatMap((r) => r.figures.map((f) => [f.id, f] as const)));
      expect([...figures.keys()].sort()).toEqual([...FIGURES].sort());
      for (const f of figures.values()) {
        expect(Number.isFinite(f.value) && f.value >= 0, f.id).toBe(true);
        expect(Number.isFinite(f.baseline.value) && f.baseline.value > 0, f.id).toBe(true);
        expect(f.ratio, f.id).toBeCloseTo(f.value / f.baseline.value, 9);
        expect(f.baseline.what.length, f.id).toBeGreaterThan(0);
      }
      const recompute = result.results.find((r) => r.scenario === 'recompute')!;
      const agreement = recompute.details.agreement as {
        agree: boolean;
        rows: { compared: number; vigil: number; sql: number };
        mismatches: Record<string, number>;
      };
      expect(agreement.mismatches).toEqual({});
      expect(agreement.rows.compared).toBeGreaterThan(1000);
      expect(agreement.rows.vigil).toBe(agreement.rows.sql);
      expect(agreement.agree).toBe(true);
      expect(result.machine.loadavg).toHaveLength(3);
    },
  );
});
