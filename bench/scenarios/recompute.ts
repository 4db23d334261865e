import { join } from 'node:path';
import {
  LENSES,
  MODEL_CONFIG,
  observationsByRegion,
  periodRange,
  prepareLens,
  scoreFamilies,
} from '../../indicators/index.ts';
import { openDb } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { currentObservations, observationBounds } from '../../db/queries/observations.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { recomputeAll } from '../../api/services/scores/recompute.ts';
import { compareScores } from '../lib/compare-scores.ts';
import { runDuckdbModel } from '../lib/duckdb-run.ts';
import { figure, scenario, since, type BenchContext, type ScenarioResult } from '../lib/figures.ts';

/**
 * Full recomputation: Vigil's `recomputeAll` on the work database against DuckDB computing the same
 * scores with the model written in SQL over a copy of the same current observations; then every row
 * of both is compared. At small scales, also the model's reference implementation (`scoreFamilies`
 * over every observation held in memory, as `recomputeAll` did before the sweep), without writing.
 */
export function benchRecompute(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('recompute', ctx.log, async () => {
    const db = openDb(ctx.workDb);
    const rssBefore = process.memoryUsage().rss;
    let t = performance.now();
    const rows = recomputeAll(db);
    const vigilSeconds = since(t);
    const rssAfter = process.memoryUsage().rss;
    ctx.log(`  Vigil: ${rows.toLocaleString('en')} rows in ${vigilSeconds.toFixed(2)} s`);
    const catalogue = loadCatalogue(db)!;
    const regions = listRegions(db);
    let reference: { seconds: number; rows: number } | null = null;
    if (ctx.scale.referenceRecompute) {
      t = performance.now();
      const { first, last } = observationBounds(db);
      const periods = periodRange(first!, last!);
      const byRegion = observationsByRegion(currentObservations(db), regions);
      const n = LENSES.reduce(
        (k, lens) =>
          k +
          scoreFamilies({ lens: prepareLens(catalogue, lens, {}, MODEL_CONFIG), periods, regions, byRegion }).length,
        0,
      );
      reference = { seconds: since(t), rows: n };
      ctx.log(
        `  reference (scoreFamilies in memory, no writes): ${n.toLocaleString('en')} rows in ${reference.seconds.toFixed(2)} s`,
      );
    }
    db.$client.pragma('wal_checkpoint(TRUNCATE)');
    db.$client.close();

    const duck = await runDuckdbModel({
      sqlitePath: ctx.workDb,
      duckPath: join(ctx.dir, 'model.duckdb'),
      csvPath: join(ctx.dir, 'observations.csv'),
      catalogue,
      regions,
      config: MODEL_CONFIG,
    });
    ctx.log(
      `  DuckDB: export ${duck.exportSeconds.toFixed(2)} s, load ${duck.loadSeconds.toFixed(2)} s, compute ${duck.computeSeconds.toFixed(2)} s (${duck.threads} threads), ${duck.rows.toLocaleString('en')} rows`,
    );
    t = performance.now();
    const agreement = await compareScores(ctx.workDb, duck.con, MODEL_CONFIG);
    const compareSeconds = since(t);
    duck.close();
    ctx.log(
      `  agreement: ${agreement.agree ? 'yes' : 'NO'} (${agreement.rows.compared.toLocaleString('en')} rows; ties ${JSON.stringify(agreement.ties)}; mismatches ${JSON.stringify(agreement.mismatches)})`,
    );

    const figures = [
      figure(
        {
          id: 'recompute.full',
          what: `full recompute, ${rows.toLocaleString('en')} score rows from ${duck.observations.toLocaleString('en')} current observations`,
          value: vigilSeconds,
          unit: 's',
          baseline: {
            what: 'DuckDB, same model in SQL, same data (compute + store)',
            value: duck.computeSeconds,
            unit: 's',
          },
          goal: '≤ 0.5× DuckDB and < 10 s',
          note: agreement.agree
            ? `every row agrees within ${agreement.tolerance}`
            : 'ROWS DISAGREE: see details.agreement',
        },
        (f) => f.ratio <= 0.5 && f.value < 10,
      ),
      figure({
        id: 'recompute.full-with-load',
        what: 'full recompute (Vigil reads from its own database)',
        value: vigilSeconds,
        unit: 's',
        baseline: {
          what: 'DuckDB including copying the observations out of SQLite and loading them',
          value: duck.exportSeconds + duck.loadSeconds + duck.computeSeconds,
          unit: 's',
        },
      }),
    ];
    if (reference) {
      figures.push(
        figure({
          id: 'recompute.vs-reference',
          what: 'full recompute with the sweep (read, score, write)',
          value: vigilSeconds,
          unit: 's',
          baseline: {
            what: 'reference scoreFamilies over all observations in memory (score only, no writes)',
            value: reference.seconds,
            unit: 's',
          },
        }),
      );
    }
    return {
      figures,
      details: {
        vigil: { seconds: vigilSeconds, rows, rssGrowthMb: (rssAfter - rssBefore) / 1e6 },
        duckdb: { ...duck, con: undefined, close: undefined },
        reference,
        agreement,
        compareSeconds,
      },
    };
  });
}
