import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { regionsAsync } from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import { risers, roundTo } from '../../../indicators/index.ts';
import type { Lens, Period } from '../../../indicators/index.ts';
import { isStored, scoresAt, scoresAtAsync, type ScoreRecord } from '../scores/live-scores.ts';
import { modelInputs, modelInputsAsync, type ModelInputs } from '../scores/model-inputs.ts';
import { toWire } from '../scores/score-wire.ts';

/**
 * The classed regions of one level whose score rose the most over `months` (3 or 12) up to `period`
 * (default the latest scored month), at most `limit` of them, each with its name and public score row.
 * The scenario must be known (the caller checks it).
 */
export function topRisers(
  db: Db,
  q: { period?: Period; lens: Lens; scenario: string; level: number; months: 3 | 12; limit: number },
) {
  const inputs = modelInputs(db);
  const period = q.period ?? scoredPeriods(db).at(-1);
  if (!period) return [];
  return risersOf(inputs, scoresAt(db, inputs, { scenario: q.scenario, lens: q.lens, period, level: q.level }), q);
}

/** The risers among a level's rows `rows`, named from `inputs`. Pure. */
function risersOf(
  inputs: ModelInputs | null,
  rows: readonly ScoreRecord[],
  q: { lens: Lens; months: 3 | 12; limit: number },
) {
  const named = rows.map((r) => ({
    region: r.regionCode,
    name: inputs?.regionByCode.get(r.regionCode)?.name ?? r.regionCode,
    ...toWire(r, q.lens),
  }));
  return risers(named, { months: q.months, limit: q.limit });
}

/**
 * {@link topRisers} through the awaited interface, on SQLite or PostgreSQL. A stored view (the
 * baseline): the level's trends ranked as {@link risers} ranks the public rows (the same rounding),
 * then the whole rows and names of the few kept, so a level's thousands of rows are not all mapped.
 * Another scenario: the level's scores computed in process from every observation
 * (`modelInputsAsync`), ranked by the same code as {@link topRisers}.
 */
export async function topRisersAsync(
  a: AsyncDb,
  q: { period?: Period; lens: Lens; scenario: string; level: number; months: 3 | 12; limit: number },
) {
  const period = q.period ?? (await scoresAsync.periods(a)).at(-1);
  if (!period) return [];
  if (!isStored(q)) {
    const inputs = await modelInputsAsync(a);
    const view = { scenario: q.scenario, lens: q.lens, period, level: q.level };
    return risersOf(inputs, await scoresAtAsync(a, inputs, view), q);
  }
  const view = { scenario: q.scenario, lens: q.lens, period, level: q.level };
  const ranked = risers(
    (await scoresAsync.trends(a, view)).map((r) => ({
      region: r.regionCode,
      score: r.score,
      class: r.class,
      trend: roundTo(r.trend3, 2),
      trend12: roundTo(r.trend12, 2),
    })),
    q,
  ).map((r) => r.region);
  const [stored, regions] = await Promise.all([scoresAsync.at(a, view, ranked), regionsAsync.byCodes(a, ranked)]);
  const names = new Map(regions.map((r) => [r.code, r.name]));
  const rows = stored.map((r) => ({
    region: r.regionCode,
    name: names.get(r.regionCode) ?? r.regionCode,
    ...toWire(r, q.lens),
  }));
  return risers(rows, q);
}
