import type { Catalogue, ModelObservation, Period, Weights } from '../../indicators/types.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import { periodRange } from '../../indicators/period.ts';
import { MODEL_CONFIG, MODEL_VERSION } from '../../indicators/model/config.ts';
import { observationsByRegion, scoreFamilies, type RegionRef, type ScoredRow } from '../../indicators/model/batch.ts';
import { prepareLens } from '../../indicators/model/lens.ts';
import { BASELINE_SCENARIO } from '../../indicators/scenarios/index.ts';
import type { Db } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { currentObservations, observationBounds } from '../../db/queries/observations.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { currentObservationsOf, replaceRegionScores, replaceScores, type NewScore } from '../../db/queries/scores.ts';
import { getSetting, setSetting } from '../../db/queries/settings.ts';
import { invalidateModelInputs } from './model-inputs.ts';

/** Setting that records which months and which model version the stored scores cover. */
const STAMP_KEY = 'scores.stamp';

/** A model row as stored. */
export function toStored(r: ScoredRow, scenario: string): NewScore {
  const s = r.score;
  return {
    scenario,
    lens: s.lens,
    period: s.period,
    regionCode: s.region,
    level: r.level,
    score: s.score,
    class: s.class,
    coverage: s.coverage,
    confidence: s.confidence,
    trend3: r.trend3,
    trend12: r.trend12,
    drivers: s.drivers,
    rolledUpFrom: s.rolledUpFrom,
    indicatorsObserved: s.evidence.indicators,
    groupsObserved: s.evidence.groups,
  };
}

/**
 * Scores every lens for every region with evidence (or only the families of `countries`), for
 * every month of `periods`: the rows the `scores` table holds.
 */
export function computeScores(
  catalogue: Pick<Catalogue, 'indicators'>,
  obs: readonly ModelObservation[],
  regions: readonly RegionRef[],
  periods: readonly Period[],
  weights: Weights = {},
  countries?: ReadonlySet<string>,
): ScoredRow[] {
  const byRegion = observationsByRegion(obs, regions);
  return LENSES.flatMap((lens) => scoreFamilies({ lens: prepareLens(catalogue, lens, weights, MODEL_CONFIG), periods, regions, byRegion, countries }));
}

const stamp = (first: string, last: string) => `${MODEL_VERSION}|${first}|${last}`;

/** True when the stored scores were not computed by this model version over the current months. */
export function scoresOutdated(db: Db): boolean {
  const { first, last } = observationBounds(db);
  return first !== null && last !== null && getSetting(db, STAMP_KEY) !== stamp(first, last);
}

/** Rebuilds every stored score of the baseline scenario from the current observations. Returns the row count. */
export function recomputeAll(db: Db): number {
  invalidateModelInputs();
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) {
    replaceScores(db, BASELINE_SCENARIO, []);
    return 0;
  }
  const rows = computeScores(catalogue, currentObservations(db), listRegions(db), periodRange(first, last)).map((r) => toStored(r, BASELINE_SCENARIO));
  db.transaction((tx) => {
    replaceScores(tx, BASELINE_SCENARIO, rows);
    setSetting(tx, STAMP_KEY, stamp(first, last));
  });
  return rows.length;
}

/**
 * Brings stored scores up to date after observations of `regionCodes` were written, rolled back or
 * corrected. Every write path calls this (never recomputeAll directly). Only the affected rows are
 * rewritten: a first-level region and its country's roll-up; for a country, the country and all of
 * its regions (they inherit its observations). Siblings are re-scored in memory for the roll-up but
 * not rewritten. When the written months widen the scored range, or the model changed, everything
 * is rebuilt. Returns the number of rows written.
 */
export function recomputeAfterWrite(db: Db, regionCodes: readonly string[]): number {
  invalidateModelInputs();
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last || getSetting(db, STAMP_KEY) !== stamp(first, last)) return recomputeAll(db);
  const regions = listRegions(db);
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const countries = new Set<string>();
  const rewrite = new Map<string, { code: string; level: number }>();
  const add = (code: string, level: number) => rewrite.set(`${level}|${code}`, { code, level });
  for (const code of new Set(regionCodes)) {
    const r = byCode.get(code);
    if (!r) continue;
    if (r.level === 0) {
      countries.add(r.code);
      add(r.code, 0);
      for (const k of regions) if (k.level === 1 && k.parent === r.code) add(k.code, 1);
    } else if (r.parent && byCode.get(r.parent)?.level === 0) {
      countries.add(r.parent);
      add(r.code, 1);
      add(r.parent, 0);
    } else {
      return recomputeAll(db);
    }
  }
  if (countries.size === 0) return 0;
  const family = regions.filter((r) => countries.has(r.code) || (r.level === 1 && r.parent !== null && countries.has(r.parent)));
  const obs = currentObservationsOf(db, family.map((r) => r.code));
  const rows = computeScores(catalogue, obs, family, periodRange(first, last), {}, countries)
    .filter((r) => rewrite.has(`${r.level}|${r.score.region}`))
    .map((r) => toStored(r, BASELINE_SCENARIO));
  replaceRegionScores(db, BASELINE_SCENARIO, [...rewrite.values()], rows);
  return rows.length;
}
