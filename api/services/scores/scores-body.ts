import type { Db } from '../../../db/client.ts';
import { listRegions } from '../../../db/queries/regions.ts';
import { periodRange } from '../../../indicators/index.ts';
import type { Lens, Method, Period } from '../../../indicators/index.ts';
import type { Built } from './response-cache.ts';
import { isStored, regionSeries, scoresAt } from './live-scores.ts';
import { modelInputs } from './model-inputs.ts';
import { noDataWire, toCompact, toWire } from './score-wire.ts';
import { scoringContext } from './sweep-scores.ts';

/** One `GET /api/scores` view: a month, lens, level, scenario and method. */
export interface ScoresView {
  period: Period;
  lens: Lens;
  level: number;
  /** Only regions under this one (its children, or its children's: a country's districts). */
  parent?: string;
  scenario: string;
  method: Method;
}

/**
 * The body of `GET /api/scores` for `q`: one row per region of the level, in code order (regions as
 * the scoring context caches them), regions without a score as `no-data`; stored for the baseline,
 * computed for other scenarios and methods (heavy: run it in the worker pool).
 */
export function scoresBody(db: Db, q: ScoresView) {
  const inputs = isStored(q) ? null : modelInputs(db);
  const stored = new Map(scoresAt(db, inputs, q).map((r) => [r.regionCode, r]));
  const regions = regionsOf(db, q);
  const body = regions.map((reg) => {
    const s = stored.get(reg.code);
    return { region: reg.code, name: reg.name, ...(s ? toWire(s, q.lens) : noDataWire(q.period)) };
  });
  return { body, headers: { 'X-Vigil-Period': q.period } } satisfies Built;
}

/** The regions of `q.level`, under `q.parent` when given, in code order. */
export function regionsOf(db: Db, q: Pick<ScoresView, 'level' | 'parent'>) {
  const ctx = scoringContext(db);
  if (!ctx) return listRegions(db, { level: q.level, ...(q.parent ? { within: q.parent } : {}) });
  const { parent } = q;
  const under = (r: { parent: string | null }) =>
    !parent || r.parent === parent || (r.parent !== null && ctx.byCode.get(r.parent)?.parent === parent);
  return ctx.regions.filter((r) => r.level === q.level && under(r));
}

/** The body of `GET /api/scores/map` for `q`: the same rows as {@link scoresBody}, in the map's compact form. */
export function mapScoresBody(db: Db, q: ScoresView) {
  const { body, headers } = scoresBody(db, q);
  const { period, lens, level, scenario } = q;
  return { body: { period, lens, level, scenario, ...toCompact(body) }, headers } satisfies Built;
}

/**
 * The body of `GET /api/regions/{code}/scores` for months `from`–`to` (already clamped to the scored
 * months): one row per month, months without evidence as `no-data`; computed for a scenario.
 */
export function seriesBody(
  db: Db,
  q: { region: string; from: Period; to: Period; lens: Lens; scenario: string; method: Method },
) {
  const inputs = isStored(q) ? null : modelInputs(db);
  const rows = new Map(regionSeries(db, inputs, q).map((r) => [r.period, r]));
  return periodRange(q.from, q.to).map((p) => (rows.has(p) ? toWire(rows.get(p)!, q.lens) : noDataWire(p)));
}
