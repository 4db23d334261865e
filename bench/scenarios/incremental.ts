import { addMonths } from '../../indicators/index.ts';
import { sqliteAsync } from '../../db/async.ts';
import { openDb, type Connection } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { findCurrentObservation, insertObservation, observationBounds } from '../../db/queries/observations.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { recomputeAfterWrite } from '../../api/services/scores/recompute.ts';
import { createObservation } from '../../api/services/observations/write-path.ts';
import { RegionCodeSchema } from '../../api/schemas.ts';
import { randomSource, scaleRegions, SYNTHETIC_ACTOR, SYNTHETIC_SOURCE } from '../generate.ts';
import { figure, median, scenario, since, type BenchContext, type ScenarioResult } from '../lib/figures.ts';

interface NewKey {
  region: string;
  indicator: string;
  period: string;
}

/** `n` keys (region, indicator, month within the scored range) that hold no current observation yet. */
export function freeKeys(db: Connection, ctx: BenchContext, n: number, level: 0 | 1, salt: number): NewKey[] {
  const catalogue = loadCatalogue(db)!;
  const { countries, kids } = scaleRegions(listRegions(db), ctx.scale);
  // Only codes an analyst can type: a few Natural Earth codes (such as AUS+00?) fail the API's region-code rule.
  const pool = (level === 0 ? countries : countries.flatMap((c) => kids.get(c.code) ?? [])).filter(
    (r) => RegionCodeSchema.safeParse(r.code).success,
  );
  const { last } = observationBounds(db);
  const rnd = randomSource(ctx.scale.seed + salt);
  const out: NewKey[] = [];
  for (let tries = 0; out.length < n && tries < n * 50; tries++) {
    const key = {
      region: pool[rnd.int(0, pool.length - 1)]!.code,
      indicator: catalogue.indicators[rnd.int(0, catalogue.indicators.length - 1)]!.id,
      period: addMonths(last!, -rnd.int(0, 11)),
    };
    if (findCurrentObservation(db, { regionCode: key.region, indicatorId: key.indicator, period: key.period }))
      continue;
    if (out.some((k) => k.region === key.region && k.indicator === key.indicator && k.period === key.period)) continue;
    out.push(key);
  }
  return out;
}

const row = (k: NewKey) => ({
  regionCode: k.region,
  indicatorId: k.indicator,
  period: k.period,
  value: 2,
  confidence: 'medium' as const,
  sourceCitation: SYNTHETIC_SOURCE,
  enteredBy: SYNTHETIC_ACTOR,
  enteredAt: new Date().toISOString(),
});

/**
 * Incremental recomputation after one new observation, on the work database scored by the full
 * recompute: observations of first-level regions (and, separately, of whole countries, which every
 * region of the country inherits) are written one at a time and the stored scores brought up to date
 * with `recomputeAfterWrite` told the month written, as the analyst write path does. Baselines: inserting the observation row
 * itself, and a full recompute of the same database (from the recompute scenario).
 */
export function benchIncremental(ctx: BenchContext, fullSeconds: number | null): Promise<ScenarioResult> {
  return scenario('incremental', ctx.log, async () => {
    const db = openDb(ctx.workDb);
    const measure = (keys: NewKey[]) => {
      const insert: number[] = [];
      const rescore: number[] = [];
      const rows: number[] = [];
      for (const k of keys) {
        let t = performance.now();
        insertObservation(db, row(k));
        insert.push(since(t) * 1000);
        t = performance.now();
        rows.push(recomputeAfterWrite(db, [k.region], { from: k.period }));
        rescore.push(since(t) * 1000);
      }
      return { insertMs: insert, rescoreMs: rescore, rowsWritten: rows };
    };
    const region = measure(freeKeys(db, ctx, ctx.scale.incrementalRuns, 1, 11));
    const country = measure(freeKeys(db, ctx, Math.max(3, Math.round(ctx.scale.incrementalRuns / 5)), 0, 12));
    // Analyst entries alternate between durable commits (synchronous=FULL, what openDb sets) and
    // NORMAL, so that both halves meet the same load.
    const apiKeys = freeKeys(db, ctx, ctx.scale.incrementalRuns * 2, 1, 13);
    const entryMs = { full: [] as number[], normal: [] as number[] };
    const data = sqliteAsync(db);
    for (const [i, k] of apiKeys.entries()) {
      const mode = i % 2 ? 'normal' : 'full';
      db.$client.pragma(`synchronous = ${mode}`);
      const t = performance.now();
      await createObservation(
        data,
        { id: null, name: SYNTHETIC_ACTOR, role: 'admin' },
        {
          region: k.region,
          indicator: k.indicator,
          period: k.period,
          value: 2,
          confidence: 'medium',
          source: { citation: SYNTHETIC_SOURCE },
        },
      );
      entryMs[mode].push(since(t) * 1000);
    }
    const entry = entryMs.full;
    // The commit alone: one observation row in its own transaction, FULL and NORMAL alternating.
    const commitMs = { full: [] as number[], normal: [] as number[] };
    freeKeys(db, ctx, ctx.scale.incrementalRuns * 10, 1, 14).forEach((k, i) => {
      const mode = i % 2 ? 'normal' : 'full';
      db.$client.pragma(`synchronous = ${mode}`);
      const t = performance.now();
      db.transaction((tx) => insertObservation(tx, row(k)));
      commitMs[mode].push(since(t) * 1000);
    });
    db.$client.pragma('synchronous = FULL');
    db.$client.close();
    const regionMs = median(region.rescoreMs);
    const figures = [
      figure(
        {
          id: 'recompute.incremental',
          what: 'rescoring after one new observation of a first-level region (median)',
          value: regionMs,
          unit: 'ms',
          baseline: { what: 'inserting that observation row (median)', value: median(region.insertMs), unit: 'ms' },
          goal: '< 5 ms',
        },
        (f) => f.value < 5,
      ),
    ];
    if (fullSeconds !== null) {
      figures.push(
        figure({
          id: 'recompute.incremental-vs-full',
          what: 'rescoring after one new first-level observation (median)',
          value: regionMs,
          unit: 'ms',
          baseline: { what: 'full recompute of the same database', value: fullSeconds * 1000, unit: 'ms' },
        }),
      );
    }
    figures.push(
      figure({
        id: 'recompute.incremental-country',
        what: 'rescoring after one new country-level observation (median; every region of the country inherits it)',
        value: median(country.rescoreMs),
        unit: 'ms',
        baseline: { what: 'inserting that observation row (median)', value: median(country.insertMs), unit: 'ms' },
      }),
      figure({
        id: 'write.analyst-entry',
        what: 'analyst entry end to end: validate, write, audit, rescore (median)',
        value: median(entry),
        unit: 'ms',
        baseline: { what: 'inserting the observation row alone (median)', value: median(region.insertMs), unit: 'ms' },
      }),
      figure({
        id: 'write.durable-entry',
        what: 'analyst entry with durable commits (synchronous=FULL, the default: survives a power cut) (median)',
        value: median(entryMs.full),
        unit: 'ms',
        baseline: {
          what: 'the same entries with synchronous=NORMAL (survives a process crash only) (median)',
          value: median(entryMs.normal),
          unit: 'ms',
        },
      }),
    );
    figures.push(
      figure({
        id: 'write.durable-commit',
        what: `committing one observation row with synchronous=FULL (median of ${commitMs.full.length})`,
        value: median(commitMs.full),
        unit: 'ms',
        baseline: { what: 'the same with synchronous=NORMAL', value: median(commitMs.normal), unit: 'ms' },
      }),
    );
    return { figures, details: { region, country, analystEntryMs: entryMs, commitMs } };
  });
}
