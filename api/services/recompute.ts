import type { Catalogue, ModelObservation, Period, RegionScore, Weights } from '../../indicators/types.ts';
import { LENSES, type Lens } from '../../indicators/vocabulary.ts';
import { addMonths, periodRange } from '../../indicators/period.ts';
import { MODEL_CONFIG } from '../../indicators/model/config.ts';
import { rollUp } from '../../indicators/model/rollup.ts';
import { scoreRegion } from '../../indicators/model/score.ts';
import { trend } from '../../indicators/model/trend.ts';
import type { Db } from '../../db/client.ts';
import { loadCatalogue } from '../../db/queries/catalogue.ts';
import { currentObservations, observationBounds } from '../../db/queries/observations.ts';
import { listRegions } from '../../db/queries/regions.ts';
import { replaceScores, type NewScore } from '../../db/queries/scores.ts';

/** The observations that bear on each region: its own, and (marked inherited) its country's. */
export function observationsByRegion(obs: readonly ModelObservation[], parentOf: ReadonlyMap<string, string | null>): Map<string, ModelObservation[]> {
  const own = new Map<string, ModelObservation[]>();
  for (const o of obs) {
    const list = own.get(o.regionCode);
    if (list) list.push(o);
    else own.set(o.regionCode, [o]);
  }
  const out = new Map<string, ModelObservation[]>();
  for (const [code, parent] of parentOf) {
    const mine = own.get(code) ?? [];
    const inherited = parent ? (own.get(parent) ?? []).map((o) => ({ ...o, inherited: true })) : [];
    if (mine.length || inherited.length) out.set(code, [...mine, ...inherited]);
  }
  return out;
}

/** Scores every region that has observations, for every month from the first to the last observation. */
export function computeScores(catalogue: Catalogue, obs: readonly ModelObservation[], regions: readonly { code: string; level: number; parent: string | null }[], periods: readonly Period[], weights: Weights = {}): NewScore[] {
  const parentOf = new Map(regions.map((r) => [r.code, r.level === 1 ? r.parent : null]));
  const byRegion = observationsByRegion(obs, parentOf);
  const childrenOf = new Map<string, string[]>();
  for (const r of regions) if (r.level === 1 && r.parent && byRegion.has(r.code)) childrenOf.set(r.parent, [...(childrenOf.get(r.parent) ?? []), r.code]);
  const countries = regions.filter((r) => r.level === 0 && (byRegion.has(r.code) || childrenOf.has(r.code)));
  const rows: NewScore[] = [];
  for (const lens of LENSES) {
    const series = new Map<string, number | null>();
    const lensRows: { s: RegionScore; level: number }[] = [];
    const score = (region: string, period: Period) =>
      scoreRegion({ region, period, lens, observations: byRegion.get(region) ?? [], catalogue, weights, config: MODEL_CONFIG });
    for (const period of periods) {
      const level1 = new Map<string, RegionScore>();
      for (const [code, parent] of parentOf) if (parent && byRegion.has(code)) level1.set(code, score(code, period));
      for (const s of level1.values()) lensRows.push({ s, level: 1 });
      for (const c of countries) {
        const own = byRegion.has(c.code) ? score(c.code, period) : null;
        const rolled = rollUp(c.code, own, (childrenOf.get(c.code) ?? []).map((k) => level1.get(k)!));
        if (rolled) lensRows.push({ s: rolled, level: 0 });
      }
    }
    for (const { s, level } of lensRows) series.set(`${level}|${s.region}|${s.period}`, s.score);
    const [short, long] = MODEL_CONFIG.trendMonths;
    for (const { s, level } of lensRows) {
      rows.push({
        scenario: 'baseline',
        lens: s.lens as Lens,
        period: s.period,
        regionCode: s.region,
        level,
        score: s.score,
        class: s.class,
        coverage: s.coverage,
        confidence: s.confidence,
        trend3: trend(s.score, series.get(`${level}|${s.region}|${addMonths(s.period, -short)}`)),
        trend12: trend(s.score, series.get(`${level}|${s.region}|${addMonths(s.period, -long)}`)),
        drivers: s.drivers,
      });
    }
  }
  return rows;
}

/** Rebuilds every stored score of the baseline scenario from the current observations. Returns the row count. */
export function recomputeAll(db: Db): number {
  const catalogue = loadCatalogue(db);
  const { first, last } = observationBounds(db);
  if (!catalogue || !first || !last) {
    replaceScores(db, 'baseline', []);
    return 0;
  }
  const rows = computeScores(catalogue, currentObservations(db), listRegions(db), periodRange(first, last));
  replaceScores(db, 'baseline', rows);
  return rows.length;
}

/**
 * Brings stored scores up to date after observations of `regionCodes` were written, rolled back or
 * corrected. Every write path calls this (never recomputeAll directly) so that it can be made
 * incremental in one place.
 */
export function recomputeAfterWrite(db: Db, regionCodes: readonly string[]): void {
  void regionCodes;
  recomputeAll(db);
}
