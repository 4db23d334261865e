import {
  addMonths,
  BASELINE_SCENARIO,
  getScenario,
  MODEL_CONFIG,
  SCENARIOS,
  scoreFamilies,
} from '../../../indicators/index.ts';
import type { Lens, Method, ModelObservation, Period, ScoredRow } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import type { RegionRow } from '../../../db/queries/regions.ts';
import {
  readRegionSeries,
  readScores,
  readScoresWindow,
  scoresAsync,
  type NewScore,
} from '../../../db/queries/scores.ts';
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
  return liveScoresAt(inputs, q);
}

/**
 * {@link scoresAt} awaited, on either engine: stored rows read through `a`, computed ones from
 * `inputs` (`modelInputsAsync`) by the same code.
 */
export async function scoresAtAsync(
  a: AsyncDb,
  inputs: ModelInputs | null,
  q: { scenario: string; lens: Lens; period: Period; level: number; method?: Method },
): Promise<ScoreRecord[]> {
  if (isStored(q) || !inputs) return scoresAsync.at(a, q);
  return liveScoresAt(inputs, q);
}

/** Scores of one level for one month, lens and scenario computed from `inputs` (what {@link scoresAt} computes). Pure. */
export function liveScoresAt(
  inputs: ModelInputs,
  q: { scenario: string; lens: Lens; period: Period; level: number; method?: Method },
): ScoreRecord[] {
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
  return liveScoresBetween(inputs, q);
}

/** Scores of every region (both levels) for a range of months computed from `inputs` (what {@link scoresBetween} computes). Pure. */
export function liveScoresBetween(
  inputs: ModelInputs,
  q: { scenario: string; lens: Lens; from: Period; to: Period; method?: Method },
): ScoreRecord[] {
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
  return liveRegionSeries(inputs, q);
}

/**
 * One region's scores over time computed from `inputs` (what {@link regionSeries} computes): its
 * family is enough ({@link liveFamily}), so inputs of that family alone (`modelInputsOfFamilyAsync`)
 * serve. Pure.
 */
export function liveRegionSeries(
  inputs: ModelInputs,
  q: { region: string; scenario: string; lens: Lens; from?: Period; to?: Period; method?: Method },
): ScoreRecord[] {
  const region = inputs.regionByCode.get(q.region);
  if (!region) return [];
  const fam = liveFamily(inputs, region);
  if (!fam) return [];
  const rows = scoreFamilies({
    lens: inputs.lens(q.lens, q.scenario, q.method),
    periods: inputs.periods,
    regions: fam.regions,
    byRegion: fam.byRegion,
    countries: new Set([fam.country]),
  });
  return rows
    .filter((r) => r.level === region.level && r.score.region === region.code)
    .filter((r) => (!q.from || r.score.period >= q.from) && (!q.to || r.score.period <= q.to))
    .map(record);
}

/**
 * What one region's live score needs, and no more: its country; for a country, every region and
 * district under it (its roll-up needs their scores); for a first-level region, its districts (its
 * own roll-up); for a district, the region above it (whose records it inherits). Null for a region
 * with no country above it (not scored live, as `scoreFamilies` leaves it out).
 */
export function liveFamily(
  inputs: ModelInputs,
  region: RegionRow,
): { country: string; regions: RegionRow[]; byRegion: ReadonlyMap<string, readonly ModelObservation[]> } | null {
  const { regionByCode } = inputs;
  const parent = region.parent ? regionByCode.get(region.parent) : undefined;
  const country = region.level === 0 ? region : region.level === 1 ? parent : regionByCode.get(parent?.parent ?? '');
  if (!country || country.level !== 0 || (region.level === 2 && parent?.level !== 1)) return null;
  if (region.level === 0)
    return {
      country: country.code,
      regions: familyRegions(inputs, country.code),
      byRegion: inputs.family(country.code),
    };
  const top = region.level === 1 ? region : parent!;
  const districts = inputs.regions.filter((r) => r.level === 2 && r.parent === top.code);
  const regions = [country, top, ...(region.level === 1 ? districts : [region])];
  const byRegion = inputs.observationsFor(regions.filter((r) => r.level > 0).map((r) => r.code));
  return { country: country.code, regions, byRegion };
}

/** A country, its first-level regions and their districts. */
function familyRegions(inputs: ModelInputs, country: string): RegionRow[] {
  const kids = new Set(inputs.regions.filter((r) => r.level === 1 && r.parent === country).map((r) => r.code));
  return inputs.regions.filter(
    (r) => r.code === country || kids.has(r.code) || (r.level === 2 && r.parent !== null && kids.has(r.parent)),
  );
}
