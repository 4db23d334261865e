import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { getRegion, listRegions, regionsAsync } from '../../../db/queries/regions.ts';
import { scoresAsync } from '../../../db/queries/scores.ts';
import { periodRange, retiredSince } from '../../../indicators/index.ts';
import type { Retirements } from '../../../indicators/index.ts';
import type { Lens, Method, Period } from '../../../indicators/index.ts';
import type { Built } from './response-cache.ts';
import { isStored, liveRegionSeries, regionSeries, scoresAt, scoresAtAsync, type ScoreRecord } from './live-scores.ts';
import { modelInputs, modelInputsAsync, modelInputsOfFamilyAsync } from './model-inputs.ts';
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
 * the scoring context caches them), regions without a score as `no-data` (a district retired in the
 * month with `retiredSince`, the first month of its retirement); stored for the baseline,
 * computed for other scenarios and methods (heavy: run it in the worker pool).
 */
export function scoresBody(db: Db, q: ScoresView) {
  const inputs = isStored(q) ? null : modelInputs(db);
  return built(scoreRows(regionsOf(db, q), scoresAt(db, inputs, q), q), q);
}

/**
 * The rows of a `GET /api/scores` body from what they are made of, whichever engine read them: one
 * per region of `regions` (in their order), with its score of `scores` or as `no-data` for the month
 * (a district retired in the month as `no-data` with `retiredSince`).
 */
export function scoreRows(
  regions: readonly ({ code: string; name: string } & Retirements)[],
  scores: readonly ScoreRecord[],
  q: Pick<ScoresView, 'period' | 'lens'>,
) {
  const stored = new Map(scores.map((r) => [r.regionCode, r]));
  return regions.map((reg) => {
    const s = stored.get(reg.code);
    // A district retired this month is listed as such, without data: never silently absent.
    const since = retiredSince(reg, q.period);
    return {
      region: reg.code,
      name: reg.name,
      ...(s && !since ? toWire(s, q.lens) : noDataWire(q.period)),
      retiredSince: since,
    };
  });
}

const built = <B>(body: B, q: Pick<ScoresView, 'period'>) =>
  ({ body, headers: { 'X-Vigil-Period': q.period } }) satisfies Built;

/**
 * {@link scoresBody} through the async interface, on SQLite or PostgreSQL: the same regions (level,
 * under `parent`, in code order) and rows, made into the same body by {@link scoreRows}. A stored view
 * (the baseline under method v2) reads its rows; another scenario or method computes them in process
 * from every observation (`modelInputsAsync`, heavy: the route gates it). `regions` may be passed in
 * when many months of one level are built (they are the level's regions, as {@link regionsAsync.list} reads them).
 */
export async function scoresBodyAsync(
  a: AsyncDb,
  q: ScoresView,
  regions?: readonly ({ code: string; name: string } & Retirements)[],
) {
  const [regs, rows] = await Promise.all([
    regions ?? regionsAsync.list(a, { level: q.level, ...(q.parent ? { within: q.parent } : {}) }),
    isStored(q) ? scoresAsync.at(a, q) : modelInputsAsync(a).then((inputs) => scoresAtAsync(a, inputs, q)),
  ]);
  return built(scoreRows(regs, rows, q), q);
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
  return compact(scoresBody(db, q), q);
}

/** {@link mapScoresBody} through the async interface (see {@link scoresBodyAsync}). */
export async function mapScoresBodyAsync(a: AsyncDb, q: ScoresView) {
  return compact(await scoresBodyAsync(a, q), q);
}

function compact({ body, headers }: ReturnType<typeof scoresBody>, q: ScoresView) {
  const { period, lens, level, scenario } = q;
  return { body: { period, lens, level, scenario, ...toCompact(body) }, headers } satisfies Built;
}

/**
 * The body of `GET /api/regions/{code}/scores` for months `from`–`to` (already clamped to the scored
 * months): one row per month, months without evidence as `no-data` (months the region was retired
 * in with `retiredSince`); computed for a scenario.
 */
export function seriesBody(
  db: Db,
  q: { region: string; from: Period; to: Period; lens: Lens; scenario: string; method: Method },
) {
  const inputs = isStored(q) ? null : modelInputs(db);
  return seriesRows(regionSeries(db, inputs, q), getRegion(db, q.region) ?? {}, q);
}

/**
 * {@link seriesBody} through the async interface, on SQLite or PostgreSQL: the same rows and region,
 * made into the same body. `region` is the row the caller has read already. A stored view reads its
 * rows; another scenario or method computes them in process from the region's family alone
 * (`modelInputsOfFamilyAsync`).
 */
export async function seriesBodyAsync(
  a: AsyncDb,
  q: { region: string; from: Period; to: Period; lens: Lens; scenario: string; method: Method },
  region: Retirements,
) {
  if (isStored(q)) return seriesRows(await scoresAsync.series(a, q), region, q);
  const inputs = await modelInputsOfFamilyAsync(a, q.region);
  return seriesRows(inputs ? liveRegionSeries(inputs, q) : await scoresAsync.series(a, q), region, q);
}

/** One row per month `from`–`to`: the region's score, or `no-data` (with `retiredSince` once retired). Pure. */
function seriesRows(series: readonly ScoreRecord[], region: Retirements, q: { from: Period; to: Period; lens: Lens }) {
  const rows = new Map(series.map((r) => [r.period, r]));
  return periodRange(q.from, q.to).map((p) => {
    const since = retiredSince(region, p);
    return { ...(rows.has(p) && !since ? toWire(rows.get(p)!, q.lens) : noDataWire(p)), retiredSince: since };
  });
}
