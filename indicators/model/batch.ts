import type { ModelObservation, Period, RegionScore } from '../types.ts';
import { addMonths } from '../period.ts';
import type { PreparedLens } from './lens.ts';
import { rollUp } from './rollup.ts';
import { scorePrepared } from './score.ts';
import { trend } from './trend.ts';

/** What the model needs to know of a region. */
export interface RegionRef {
  code: string;
  level: number;
  parent: string | null;
}

/** One scored region-month with its level and trends. */
export interface ScoredRow {
  level: 0 | 1;
  score: RegionScore;
  /** Change since 3 and 12 months before (`config.trendMonths`), null when either end is unscored. */
  trend3: number | null;
  trend12: number | null;
}

/**
 * The observations that bear on each region: its own, and, marked `inherited`, those made for its
 * country (country-level observations apply to every first-level region of the country).
 * Regions with neither are left out.
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
  const out = new Map<string, ModelObservation[]>();
  for (const r of regions) {
    const mine = own.get(r.code) ?? [];
    const inherited =
      r.level === 1 && r.parent ? (own.get(r.parent) ?? []).map((o) => ({ ...o, inherited: true })) : [];
    if (mine.length || inherited.length) out.set(r.code, [...mine, ...inherited]);
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
   * Only rows of this level. For countries alone, regions whose evidence is all inherited are
   * skipped: their score equals the country's own, which wins a tie in the roll-up.
   */
  level?: 0 | 1;
}

/**
 * Scores every region with evidence, month by month, for one prepared lens: first-level regions
 * from their own and inherited observations, countries by {@link rollUp} of their own score and
 * their regions'. Unscored region-months (nothing informative) are left out; trends compare each
 * series with itself 3 and 12 months earlier.
 * @example scoreFamilies({ lens: prepareLens(cat, 'tip', {}, MODEL_CONFIG), periods, regions, byRegion })
 */
export function scoreFamilies(input: FamiliesInput): ScoredRow[] {
  const { lens, periods, byRegion } = input;
  const countries = new Map<string, string[]>();
  const orphans: string[] = [];
  const isCountry = new Set(input.regions.filter((r) => r.level === 0).map((r) => r.code));
  for (const r of input.regions) {
    if (r.level === 0 && byRegion.has(r.code) && !countries.has(r.code)) countries.set(r.code, []);
    if (r.level !== 1 || !byRegion.has(r.code)) continue;
    if (r.parent && isCountry.has(r.parent)) {
      const kids = countries.get(r.parent);
      if (kids) kids.push(r.code);
      else countries.set(r.parent, [r.code]);
    } else if (!input.countries) orphans.push(r.code);
  }
  const rows: { level: 0 | 1; score: RegionScore }[] = [];
  const active = input.windows ?? activeWindows(byRegion, lens);
  const score = (code: string, period: Period): RegionScore | null => {
    const w = active.get(code);
    return w && period >= w.from && period <= w.to
      ? scorePrepared(lens, code, period, byRegion.get(code)!, 'summary')
      : null;
  };
  const ownEvidence = (code: string) => (byRegion.get(code) ?? []).some((o) => !o.inherited);
  for (const [country, kids] of countries) if (input.level === 0) countries.set(country, kids.filter(ownEvidence));
  for (const period of periods) {
    for (const [country, kids] of countries) {
      if (input.countries && !input.countries.has(country)) continue;
      const scored: RegionScore[] = [];
      for (const k of kids) {
        const s = score(k, period);
        if (!s || s.evidence.indicators === 0) continue;
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
