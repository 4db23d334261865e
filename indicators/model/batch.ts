import type { ModelObservation, Period, RegionScore } from '../types.ts';
import { addMonths, retiredSince, type RetiredSpan } from '../period.ts';
import type { PreparedLens } from './lens.ts';
import { rollUp } from './rollup.ts';
import { scorePrepared } from './score.ts';
import { trend } from './trend.ts';

/** What the model needs to know of a region. */
export interface RegionRef {
  code: string;
  level: number;
  parent: string | null;
  /**
   * When a newer version of the district's boundary set dropped it (date or ISO time), null or absent
   * while in force: a retired district is scored for the months that start before it, never after.
   */
  retiredAt?: string | null;
  /** Earlier retirements a later version ended (see {@link RetiredSpan}): not scored in those months either. */
  retiredSpans?: readonly RetiredSpan[] | null;
}

/** One scored region-month with its level and trends. */
export interface ScoredRow {
  level: 0 | 1 | 2;
  score: RegionScore;
  /** Change since 3 and 12 months before (`config.trendMonths`), null when either end is unscored. */
  trend3: number | null;
  trend12: number | null;
}

/**
 * The observations that bear on each region: its own, and, marked `inherited`, those made for the
 * regions above it (country-level observations apply to every first-level region of the country; a
 * district inherits its first-level region's and its country's). Regions with neither are left out.
 * @example observationsByRegion(obs, regions).get('LY-TB') // Libya's own observations, inherited
 */
export function observationsByRegion(
  obs: readonly ModelObservation[],
  regions: readonly RegionRef[],
): Map<string, ModelObservation[]> {
  const own = new Map<string, ModelObservation[]>();
  for (const o of obs) {
    const list = own.get(o.regionCode);
    if (list) list.push(o);
    else own.set(o.regionCode, [o]);
  }
  const parentOf = new Map(regions.map((r) => [r.code, r.parent]));
  const out = new Map<string, ModelObservation[]>();
  for (const r of regions) {
    const mine = own.get(r.code) ?? [];
    const above = r.level === 1 || r.level === 2 ? ancestorsOf(r, parentOf) : [];
    const inherited = above.flatMap((a) => (own.get(a) ?? []).map((o) => ({ ...o, inherited: true })));
    if (mine.length || inherited.length) out.set(r.code, [...mine, ...inherited]);
  }
  return out;
}

/** The codes a region inherits from: a first-level region's parent; a district's parent and, when known, that parent's parent. */
function ancestorsOf(r: RegionRef, parentOf: ReadonlyMap<string, string | null>): string[] {
  if (!r.parent) return [];
  const up = r.level === 2 ? parentOf.get(r.parent) : null;
  return up ? [r.parent, up] : [r.parent];
}

/**
 * Districts with observations (own or inherited) under each first-level region of a country, in
 * input order. Districts under a region without a country are not scored.
 */
function districtsByRegion(
  regions: readonly RegionRef[],
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>,
  isCountry: ReadonlySet<string>,
): Map<string, string[]> {
  const inCountry = new Set(
    regions.filter((r) => r.level === 1 && r.parent && isCountry.has(r.parent)).map((r) => r.code),
  );
  const out = new Map<string, string[]>();
  for (const r of regions) {
    if (r.level !== 2 || !r.parent || !inCountry.has(r.parent) || !byRegion.has(r.code)) continue;
    const list = out.get(r.parent);
    if (list) list.push(r.code);
    else out.set(r.parent, [r.code]);
  }
  return out;
}

/** From a region's first observation to its last plus that indicator's persistence: outside it, nothing is informative. */
export type ActiveWindows = ReadonlyMap<string, { from: Period; to: Period }>;

/**
 * Months in which each region can have a score in a lens. Depends only on which indicators are in
 * the lens, not on their weights, so callers that rescore under perturbed weights compute it once.
 */
export function activeWindows(
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>,
  lens: PreparedLens,
): Map<string, { from: Period; to: Period }> {
  const out = new Map<string, { from: Period; to: Period }>();
  for (const [code, obs] of byRegion) {
    let from: Period | null = null;
    let to: Period | null = null;
    for (const o of obs) {
      const li = lens.byId.get(o.indicatorId);
      if (!li) continue;
      const end = addMonths(o.period, li.persistence);
      if (from === null || o.period < from) from = o.period;
      if (to === null || end > to) to = end;
    }
    if (from !== null && to !== null) out.set(code, { from, to });
  }
  return out;
}

/** Input of {@link scoreFamilies}. */
export interface FamiliesInput {
  lens: PreparedLens;
  /** Months to score, in order. Trends look back within these months only. */
  periods: readonly Period[];
  regions: readonly RegionRef[];
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>;
  /** Score only these countries and their regions (default: every country with evidence). */
  countries?: ReadonlySet<string>;
  /** Precomputed {@link activeWindows} for this lens's indicators (computed when absent). */
  windows?: ActiveWindows;
  /**
   * Only rows of this level (1: first-level regions and their districts, no countries). For
   * countries alone, regions whose evidence is all inherited are skipped: their score equals the
   * country's own, which wins a tie in the roll-up.
   */
  level?: 0 | 1;
}

/**
 * Scores every region with evidence, month by month, for one prepared lens: first-level regions and
 * districts from their own and inherited observations; a first-level region with districts by
 * {@link rollUp} of its own score and its districts', and countries by {@link rollUp} of their own
 * score and their first-level regions' (so a district's hotspot reaches its province and country).
 * Unscored region-months (nothing informative) are left out; trends compare each series with itself
 * 3 and 12 months earlier. Districts are scored only under a first-level region of a country, and a
 * retired one only in the months it is in force ({@link RegionRef.retiredAt}, {@link RegionRef.retiredSpans}).
 * @example scoreFamilies({ lens: prepareLens(cat, 'tip', {}, MODEL_CONFIG), periods, regions, byRegion })
 */
export function scoreFamilies(input: FamiliesInput): ScoredRow[] {
  const { lens, periods, byRegion } = input;
  const countries = new Map<string, string[]>();
  const orphans: string[] = [];
  const isCountry = new Set(input.regions.filter((r) => r.level === 0).map((r) => r.code));
  const districts = districtsByRegion(input.regions, byRegion, isCountry);
  for (const r of input.regions) {
    if (r.level === 0 && byRegion.has(r.code) && !countries.has(r.code)) countries.set(r.code, []);
    if (r.level !== 1 || !(byRegion.has(r.code) || districts.has(r.code))) continue;
    if (r.parent && isCountry.has(r.parent)) {
      const kids = countries.get(r.parent);
      if (kids) kids.push(r.code);
      else countries.set(r.parent, [r.code]);
    } else if (!input.countries) orphans.push(r.code);
  }
  const rows: { level: 0 | 1 | 2; score: RegionScore }[] = [];
  const active = input.windows ?? activeWindows(byRegion, lens);
  const score = (code: string, period: Period): RegionScore | null => {
    const w = active.get(code);
    return w && period >= w.from && period <= w.to
      ? scorePrepared(lens, code, period, byRegion.get(code)!, 'summary')
      : null;
  };
  /** Districts retired at some time (in force now or not), to skip in the months they are retired. */
  const retirements = new Map(
    input.regions.flatMap((r) => (r.level === 2 && (r.retiredAt || r.retiredSpans?.length) ? [[r.code, r]] : [])),
  );
  const ownEvidence = (code: string) => (byRegion.get(code) ?? []).some((o) => !o.inherited);
  if (input.level === 0) {
    for (const [k, ds] of districts) districts.set(k, ds.filter(ownEvidence));
    for (const [country, kids] of countries)
      countries.set(
        country,
        kids.filter((k) => ownEvidence(k) || (districts.get(k)?.length ?? 0) > 0),
      );
  }
  /** A first-level region's row: its own score, or the highest of its districts' when one beats it. */
  const regionRow = (k: string, period: Period): RegionScore | null => {
    const s = score(k, period);
    const own = s && s.evidence.indicators > 0 ? s : null;
    const scored: RegionScore[] = [];
    for (const d of districts.get(k) ?? []) {
      const retired = retirements.get(d);
      if (retired && retiredSince(retired, period) !== null) continue;
      const sd = score(d, period);
      if (!sd || sd.evidence.indicators === 0) continue;
      if (input.level !== 0) rows.push({ level: 2, score: sd });
      if (sd.score !== null) scored.push(sd);
    }
    return scored.length ? rollUp(k, own, scored) : own;
  };
  for (const period of periods) {
    for (const [country, kids] of countries) {
      if (input.countries && !input.countries.has(country)) continue;
      const scored: RegionScore[] = [];
      for (const k of kids) {
        const s = regionRow(k, period);
        if (!s) continue;
        if (input.level !== 0) rows.push({ level: 1, score: s });
        if (s.score !== null) scored.push(s);
      }
      if (input.level === 1) continue;
      const rolled = rollUp(country, score(country, period), scored);
      if (rolled && rolled.score !== null) rows.push({ level: 0, score: rolled });
    }
    for (const k of input.level === 0 ? [] : orphans) {
      const s = score(k, period);
      if (s && s.evidence.indicators > 0) rows.push({ level: 1, score: s });
    }
  }
  const series = new Map<string, number | null>();
  for (const r of rows) series.set(`${r.level}|${r.score.region}|${r.score.period}`, r.score.score);
  const [short, long] = lens.config.trendMonths;
  const back = (r: (typeof rows)[number], n: number) =>
    series.get(`${r.level}|${r.score.region}|${addMonths(r.score.period, -n)}`);
  return rows.map((r) => ({
    ...r,
    trend3: trend(r.score.score, back(r, short)),
    trend12: trend(r.score.score, back(r, long)),
  }));
}
