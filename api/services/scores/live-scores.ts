import {
  addMonths,
  BASELINE_SCENARIO,
  getScenario,
  MODEL_CONFIG,
  SCENARIOS,
  scoreFamilies,
} from '../../../indicators/index.ts';
import type { Lens, Method, Period, ScoredRow } from '../../../indicators/index.ts';
import type { Db } from '../../../db/client.ts';
import { readRegionSeries, readScores, readScoresWindow, type NewScore } from '../../../db/queries/scores.ts';
import { badRequest } from '../../errors.ts';
import type { ModelInputs } from './model-inputs.ts';
import { toStored } from './recompute.ts';

/** A score row as stored, whether read from the table or computed on demand for a scenario. */
export type ScoreRecord = Required<
  Pick<
    NewScore,
    | 'regionCode'
    | 'level'
    | 'period'
    | 'score'
    | 'class'
    | 'coverage'
    | 'confidence'
    | 'trend3'
    | 'trend12'
    | 'drivers'
    | 'rolledUpFrom'
    | 'indicatorsObserved'
    | 'groupsObserved'
    | 'sourcesObserved'
    | 'signsObserved'
    | 'ownObserved'
  >
>;

/** Throws a 400 naming `field` (default `scenario`) unless `id` is a known scenario. */
export function requireScenario(id: string, field = 'scenario'): void {
  if (!getScenario(id))
    throw badRequest([{ field, message: `unknown scenario; one of ${SCENARIOS.map((s) => s.id).join(', ')}` }]);
}

const MEMO_LIMIT = 64;

/**
 * Whether rows for this view are stored (the baseline scenario under the default method `v2`) or
 * computed on demand (other scenarios, and method `v1` kept for comparison).
 */
export function isStored(q: { scenario: string; method?: Method }): boolean {
  return q.scenario === BASELINE_SCENARIO && (q.method ?? 'v2') === 'v2';
}

const record = (r: ScoredRow): ScoreRecord => toStored(r, '') as ScoreRecord;

/**
 * Scores of every region with evidence for some months under a non-baseline scenario, computed on
 * demand by the same model code as the stored baseline (trends need the months 3 and 12 back, so
 * callers pass them). Memoised on the inputs until the next write.
 */
export function liveRows(
  inputs: ModelInputs,
  scenario: string,
  lens: Lens,
  periods: readonly Period[],
  method: Method = 'v2',
): ScoredRow[] {
  const key = `rows|${scenario}|${method}|${lens}|${periods.join(',')}`;
  const hit = inputs.memo.get(key) as ScoredRow[] | undefined;
  if (hit) return hit;
  const rows = scoreFamilies({
    lens: inputs.lens(lens, scenario, method),
    periods,
    regions: inputs.regions,
    byRegion: inputs.byRegion,
  });
  if (inputs.memo.size >= MEMO_LIMIT) inputs.memo.clear();
  inputs.memo.set(key, rows);
  return rows;
}

/** The months a trend at `period` looks back to, and the month itself, in order. */
export function trendWindow(period: Period): Period[] {
  const [short, long] = MODEL_CONFIG.trendMonths;
  return [addMonths(period, -long), addMonths(period, -short), period];
}

/** Scores of one level for one month, lens and scenario: stored for the baseline, computed otherwise. */
export function scoresAt(
  db: Db,
  inputs: ModelInputs | null,
  q: { scenario: string; lens: Lens; period: Period; level: number; method?: Method },
): ScoreRecord[] {
  if (isStored(q) || !inputs) return readScores(db, q);
  return liveRows(inputs, q.scenario, q.lens, trendWindow(q.period), q.method)
    .filter((r) => r.level === q.level && r.score.period === q.period)
    .map(record);
}

/** Scores of every region (both levels) for a range of months: stored for the baseline, computed otherwise. */
export function scoresBetween(
  db: Db,
  inputs: ModelInputs | null,
  q: { scenario: string; lens: Lens; from: Period; to: Period; method?: Method },
): ScoreRecord[] {
  if (isStored(q) || !inputs) return readScoresWindow(db, q);
  const periods = inputs.periods.filter((p) => p >= addMonths(q.from, -MODEL_CONFIG.trendMonths[1]) && p <= q.to);
  return liveRows(inputs, q.scenario, q.lens, periods, q.method)
    .filter((r) => r.score.period >= q.from)
    .map(record);
}

/** One region's scores over time: stored for the baseline, computed otherwise. */
export function regionSeries(
  db: Db,
  inputs: ModelInputs | null,
  q: { region: string; scenario: string; lens: Lens; from?: Period; to?: Period; method?: Method },
): ScoreRecord[] {
  if (isStored(q) || !inputs) return readRegionSeries(db, q);
  const region = inputs.regionByCode.get(q.region);
  if (!region) return [];
  const country = region.level === 0 ? region.code : region.parent;
  if (!country) return [];
  // A first-level region's series needs its own and its country's observations only; a country's roll-up needs every region's.
  const family = inputs.regions.filter(
    (r) =>
      r.code === country || r.code === region.code || (region.level === 0 && r.level === 1 && r.parent === country),
  );
  const byRegion = region.level === 0 ? inputs.family(country) : inputs.observationsFor([region.code]);
  const rows = scoreFamilies({
    lens: inputs.lens(q.lens, q.scenario, q.method),
    periods: inputs.periods,
    regions: family,
    byRegion,
    countries: new Set([country]),
  });
  return rows
    .filter((r) => r.level === region.level && r.score.region === region.code)
    .filter((r) => (!q.from || r.score.period >= q.from) && (!q.to || r.score.period <= q.to))
    .map(record);
}
