import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { regionsAsync } from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import { risers, roundTo } from '../../../indicators/index.ts';
import type { Lens, Period } from '../../../indicators/index.ts';
import { scoresAt } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';
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
  const rows = scoresAt(db, inputs, { scenario: q.scenario, lens: q.lens, period, level: q.level }).map((r) => ({
    region: r.regionCode,
    name: inputs?.regionByCode.get(r.regionCode)?.name ?? r.regionCode,
    ...toWire(r, q.lens),
  }));
  return risers(rows, { months: q.months, limit: q.limit });
}

/**
 * {@link topRisers} of a stored view (the baseline) through the awaited interface, on SQLite or
 * PostgreSQL: the level's trends ranked as {@link risers} ranks the public rows (the same rounding),
 * then the whole rows and names of the few kept, so a level's thousands of rows are not all mapped.
 */
export async function topRisersAsync(
  a: AsyncDb,
  q: { period?: Period; lens: Lens; scenario: string; level: number; months: 3 | 12; limit: number },
) {
  const period = q.period ?? (await scoresAsync.periods(a)).at(-1);
  if (!period) return [];
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
