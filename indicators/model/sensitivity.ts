import type { Weights } from '../types.ts';
import { competitionRanks, type ComparableScore } from './compare.ts';

/**
 * A small seeded pseudo-random generator (mulberry32): the same seed gives the same sequence, so a
 * sensitivity run can be repeated exactly.
 * @example const rand = mulberry32(42); rand() // 0 ≤ x < 1
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Input of {@link sensitivity}. */
export interface SensitivityInput {
  /** Scores every region under a weighting (the caller binds lens, month and observations). */
  score: (weights: Weights) => readonly ComparableScore[];
  /** Weights of the scenario under test, by indicator id. */
  weights: Weights;
  runs: number;
  /** Each weight is multiplied by a factor drawn uniformly from [1 − spread, 1 + spread]. */
  spread: number;
  /** How many of the highest-ranked regions to follow. */
  top: number;
  seed: number;
}

/** How one of the baseline's top regions fares across perturbed weightings. */
export interface RankStability {
  region: string;
  baseScore: number;
  baseRank: number;
  medianRank: number;
  bestRank: number;
  worstRank: number;
  /** Share of runs (0..1) in which the region stayed within the top `top`. */
  inTopShare: number;
}

/** Result of {@link sensitivity}. */
export interface SensitivityResult {
  runs: number;
  spread: number;
  top: number;
  seed: number;
  /** Classed regions ranked. */
  regions: number;
  topRegions: RankStability[];
  /** Mean share of the baseline top regions still in the top across runs (0..1). */
  meanTopOverlap: number;
  /** Spearman rank correlation of all classed regions with the baseline: mean and worst run. */
  meanSpearman: number | null;
  minSpearman: number | null;
}

/** What {@link sensitivityWeightings} draws from: the weights under test and how to perturb them. */
export type WeightingsInput = Pick<SensitivityInput, 'weights' | 'runs' | 'spread' | 'seed'>;

/**
 * The weightings a sensitivity run scores, in order: the unperturbed weights first, then one
 * perturbed weighting per run (each weight multiplied by a seeded factor in [1 − spread, 1 + spread]).
 * A caller that cannot hold every region's observations at once scores them region group by region
 * group under all of these, then hands the scores to {@link sensitivityOfScores}.
 * @example sensitivityWeightings({ weights, runs: 50, spread: 0.2, seed: 1 }).length // 51
 */
export function sensitivityWeightings(input: WeightingsInput): Weights[] {
  const rand = mulberry32(input.seed);
  const ids = Object.keys(input.weights).sort();
  const out: Weights[] = [input.weights];
  for (let run = 0; run < input.runs; run++) {
    const w: Record<string, number> = {};
    for (const id of ids) w[id] = input.weights[id]! * (1 - input.spread + 2 * input.spread * rand());
    out.push(w);
  }
  return out;
}

/**
 * Perturbs every weight at random (seeded), re-scores, and reports how stable the ranking of the
 * top regions is: their median, best and worst rank, how often they stay in the top, and the rank
 * correlation of the whole ranking with the unperturbed one.
 * @example sensitivity({ score: (w) => scoreAll(w), weights, runs: 200, spread: 0.2, top: 10, seed: 1 })
 */
export function sensitivity(input: SensitivityInput): SensitivityResult {
  return sensitivityOfScores(
    sensitivityWeightings(input).map((w) => input.score(w)),
    input,
  );
}

/**
 * {@link sensitivity} from scores already computed: `scored[0]` under the unperturbed weights, then
 * one list per run under the weightings of {@link sensitivityWeightings} (same order).
 */
export function sensitivityOfScores(
  scored: readonly (readonly ComparableScore[])[],
  input: Omit<SensitivityInput, 'score' | 'weights'>,
): SensitivityResult {
  const base = scored[0] ?? [];
  const baseRanks = competitionRanks(base);
  const baseScore = new Map(base.map((r) => [r.region, r.score ?? 0]));
  const topCodes = [...baseRanks]
    .filter(([, r]) => r <= input.top)
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .map(([c]) => c);
  const ranksOf = new Map(topCodes.map((c) => [c, [] as number[]]));
  const overlaps: number[] = [];
  const rhos: number[] = [];
  for (const rows of scored.slice(1)) {
    const ranks = competitionRanks(rows);
    let kept = 0;
    for (const c of topCodes) {
      const r = ranks.get(c) ?? Number.POSITIVE_INFINITY;
      ranksOf.get(c)!.push(r);
      if (r <= input.top) kept++;
    }
    overlaps.push(topCodes.length ? kept / topCodes.length : 1);
    const rho = spearman(baseRanks, ranks);
    if (rho !== null) rhos.push(rho);
  }
  const topRegions = topCodes.map((region) => {
    const rs = [...ranksOf.get(region)!].sort((a, b) => a - b);
    return {
      region,
      baseScore: baseScore.get(region) ?? 0,
      baseRank: baseRanks.get(region)!,
      medianRank: rs.length ? rs[Math.floor((rs.length - 1) / 2)]! : baseRanks.get(region)!,
      bestRank: rs[0] ?? baseRanks.get(region)!,
      worstRank: rs.at(-1) ?? baseRanks.get(region)!,
      inTopShare: rs.length ? rs.filter((r) => r <= input.top).length / rs.length : 1,
    };
  });
  return {
    runs: input.runs,
    spread: input.spread,
    top: input.top,
    seed: input.seed,
    regions: baseRanks.size,
    topRegions,
    meanTopOverlap: overlaps.length ? overlaps.reduce((a, b) => a + b, 0) / overlaps.length : 1,
    meanSpearman: rhos.length ? rhos.reduce((a, b) => a + b, 0) / rhos.length : null,
    minSpearman: rhos.length ? Math.min(...rhos) : null,
  };
}

/** Spearman correlation (Pearson on ranks) over the regions ranked in both, or null with fewer than 3 or no spread. */
export function spearman(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number | null {
  const keys = [...a.keys()].filter((k) => b.has(k));
  if (keys.length < 3) return null;
  const xs = keys.map((k) => a.get(k)!);
  const ys = keys.map((k) => b.get(k)!);
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const mx = mean(xs);
  const my = mean(ys);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < keys.length; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
}
