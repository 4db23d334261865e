import type { GroupPart, ModelObservation } from '../types.ts';
import type { LensIndicator } from './lens.ts';

/** One informative observation of one indicator, ready to aggregate. */
export interface Observed {
  li: LensIndicator;
  o: ModelObservation;
  /** Age in months. */
  age: number;
  /** Age factor (0, 1]. */
  f: number;
  /** Effective weight: lens weight × age factor (> 0). */
  e: number;
  /** Normalised value 0..1. */
  v: number;
}

/** A score with its exact decomposition. */
export interface Aggregation {
  /** 0..10, or null when nothing was observed. */
  score: number | null;
  /** Points per observed indicator, in the order given; they sum to `score`. */
  points: number[];
  /** Observed groups, highest points first (ties by id). */
  groups: GroupPart[];
}

/**
 * Two-level weighted arithmetic mean on 0–10.
 *
 * Within a group (risk factor): `G = Σ eᵢvᵢ / Σ eᵢ` over its observed indicators.
 * Across groups: `score = 10 · Σ ω_g G_g / Σ ω_g`, where a group's voice `ω_g` is the largest
 * effective weight among its observed indicators, so a risk factor speaks once however many of its
 * indicators were rated, and speaks as loudly as its weightiest current evidence.
 * Indicator i in group g earns `10 · (ω_g / Σω) · (eᵢvᵢ / Σ_g e)` points; the score is the sum of
 * the points, summed in the given order (callers pass catalogue order, so the result does not depend
 * on the order observations arrived in), and clamped to 0..10 against rounding.
 * @example aggregate([]) // { score: null, points: [], groups: [] }
 */
export function aggregate(observed: readonly Observed[]): Aggregation {
  if (observed.length === 0) return { score: null, points: [], groups: [] };
  const groups = new Map<
    string,
    { framework: GroupPart['framework']; voice: number; sumE: number; sumEV: number; n: number }
  >();
  for (const x of observed) {
    const id = x.li.indicator.group;
    const g = groups.get(id) ?? { framework: x.li.indicator.framework, voice: 0, sumE: 0, sumEV: 0, n: 0 };
    g.voice = Math.max(g.voice, x.e);
    g.sumE += x.e;
    g.sumEV += x.e * x.v;
    g.n += 1;
    groups.set(id, g);
  }
  let totalVoice = 0;
  for (const g of groups.values()) totalVoice += g.voice;
  const points = observed.map((x) => {
    const g = groups.get(x.li.indicator.group)!;
    return (10 * (g.voice / totalVoice) * (x.e * x.v)) / g.sumE;
  });
  let score = 0;
  for (const p of points) score += p;
  const parts: GroupPart[] = [...groups].map(([group, g]) => ({
    group,
    framework: g.framework,
    weight: g.voice,
    score: (10 * g.sumEV) / g.sumE,
    points: (10 * (g.voice / totalVoice) * g.sumEV) / g.sumE,
    observed: g.n,
  }));
  parts.sort((a, b) => b.points - a.points || a.group.localeCompare(b.group));
  return { score: Math.min(10, Math.max(0, score)), points, groups: parts };
}
