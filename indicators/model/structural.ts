import type { Catalogue, ModelObservation, Period, Weights } from '../types.ts';
import type { Lens, Method } from '../vocabulary.ts';
import { activeWindows, scoreFamilies, type RegionRef } from './batch.ts';
import { competitionRanks } from './compare.ts';
import type { ModelConfig } from './config.ts';
import { prepareLens } from './lens.ts';
import { mulberry32, spearman } from './sensitivity.ts';

/** One structural choice made differently from the baseline. */
export interface StructuralVariant {
  id: string;
  /** What changes, in words. */
  label: string;
  /** The choice it varies: aggregation, corroboration, persistence, inheritance or weights. */
  family: 'aggregation' | 'corroboration' | 'persistence' | 'inheritance' | 'weights';
  method: Method;
  config: ModelConfig;
  /** Weights (the baseline's unless perturbed). */
  weights: Weights;
}

/** How far one variant (or all of them) moves the baseline's ranking. */
export interface ShiftSummary {
  /** Scorings compared with the baseline (months, times runs for the weights). */
  comparisons: number;
  /** Over every month's top-10 region: median and largest |rank in variant − rank in baseline|. */
  medianTopShift: number | null;
  worstTopShift: number | null;
  /** Share of the baseline's top-10 region-months that lose their class (leave the ranking) in the variant. */
  droppedShare: number | null;
  /** Spearman correlation of each month's ranking with the baseline's: median and lowest. */
  medianSpearman: number | null;
  worstSpearman: number | null;
}

/** {@link ShiftSummary} of one variant family member. */
export interface VariantShift extends ShiftSummary {
  id: string;
  label: string;
  family: StructuralVariant['family'];
}

/** Result of {@link structuralSensitivity}. */
export interface StructuralResult {
  lens: Lens;
  level: 1;
  top: number;
  /** Months in which the baseline ranks at least three regions. */
  months: number;
  weightRuns: number;
  weightSpread: number;
  seed: number;
  variants: VariantShift[];
  overall: ShiftSummary;
}

/** Input of {@link structuralSensitivity}. */
export interface StructuralInput {
  catalogue: Pick<Catalogue, 'indicators'>;
  regions: readonly RegionRef[];
  byRegion: ReadonlyMap<string, readonly ModelObservation[]>;
  periods: readonly Period[];
  lens: Lens;
  /** The baseline weights (every indicator's weight, by id) and configuration. */
  weights: Weights;
  config: ModelConfig;
  top: number;
  weightRuns: number;
  weightSpread: number;
  seed: number;
  /** Called after each variant is scored (done, total), for a progress bar. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * The structural variants of the JRC audit of composite indicators, applied to the model: the
 * other aggregation (v1, the mean), corroboration by one or three sources instead of two,
 * persistence halved and one and a half times, country-level evidence switched off, and
 * `weightRuns` seeded draws of every weight within ±`weightSpread`.
 * @example structuralVariants(catalogue, weights, MODEL_CONFIG, 20, 0.2, 1).map((v) => v.id)
 */
export function structuralVariants(
  catalogue: Pick<Catalogue, 'indicators'>,
  weights: Weights,
  config: ModelConfig,
  weightRuns: number,
  weightSpread: number,
  seed: number,
): StructuralVariant[] {
  const ev = (change: Partial<ModelConfig['evidence']>): ModelConfig => ({
    ...config,
    evidence: { ...config.evidence, ...change },
  });
  const same = { method: 'v2' as const, weights };
  const out: StructuralVariant[] = [
    { id: 'aggregation-v1', label: 'Aggregation: the v1 mean', family: 'aggregation', config, weights, method: 'v1' },
    {
      id: 'sources-1',
      label: 'Corroboration: one source',
      family: 'corroboration',
      config: ev({ minSources: 1 }),
      ...same,
    },
    {
      id: 'sources-3',
      label: 'Corroboration: three sources',
      family: 'corroboration',
      config: ev({ minSources: 3 }),
      ...same,
    },
    {
      id: 'persistence-0.5',
      label: 'Persistence −50 %',
      family: 'persistence',
      config: ev({ persistenceScale: config.evidence.persistenceScale * 0.5 }),
      ...same,
    },
    {
      id: 'persistence-1.5',
      label: 'Persistence +50 %',
      family: 'persistence',
      config: ev({ persistenceScale: config.evidence.persistenceScale * 1.5 }),
      ...same,
    },
    {
      id: 'inheritance-off',
      label: 'Country-level evidence off',
      family: 'inheritance',
      config: ev({ inheritance: false }),
      ...same,
    },
  ];
  const rand = mulberry32(seed);
  const ids = catalogue.indicators.map((i) => i.id).sort();
  const base = new Map(catalogue.indicators.map((i) => [i.id, weights[i.id] ?? i.weight]));
  for (let run = 1; run <= weightRuns; run++) {
    const w: Record<string, number> = {};
    for (const id of ids) w[id] = base.get(id)! * (1 - weightSpread + 2 * weightSpread * rand());
    out.push({
      id: `weights-${run}`,
      label: `Weights ±${Math.round(weightSpread * 100)} %, draw ${run}`,
      family: 'weights',
      config,
      method: 'v2',
      weights: w,
    });
  }
  return out;
}

/**
 * Structural sensitivity of the ranking (first-level regions, one lens, every month): scores the
 * baseline and each {@link structuralVariants} variant, and for every month compares the variant's
 * ranking of classed regions with the baseline's — how far the baseline's top regions move, how
 * many leave the ranking, and the Spearman correlation of the whole ranking. Per variant, per weight
 * draws together, and over all variants.
 * @example structuralSensitivity({ catalogue, regions, byRegion, periods, lens: 'tip', weights, config: MODEL_CONFIG, top: 10, weightRuns: 20, weightSpread: 0.2, seed: 1 }).overall
 */
export function structuralSensitivity(input: StructuralInput): StructuralResult {
  const variants = structuralVariants(
    input.catalogue,
    input.weights,
    input.config,
    input.weightRuns,
    input.weightSpread,
    input.seed,
  );
  const ranksByMonth = (v: Pick<StructuralVariant, 'method' | 'config' | 'weights'>) => {
    const lens = prepareLens(input.catalogue, input.lens, v.weights, v.config, v.method);
    const rows = scoreFamilies({
      lens,
      periods: input.periods,
      regions: input.regions,
      byRegion: input.byRegion,
      windows: activeWindows(input.byRegion, lens),
      level: 1,
    });
    const byMonth = new Map<Period, { region: string; score: number | null; class: string }[]>();
    for (const r of rows) {
      const list = byMonth.get(r.score.period) ?? [];
      list.push({ region: r.score.region, score: r.score.score, class: r.score.class });
      byMonth.set(r.score.period, list);
    }
    return new Map([...byMonth].map(([p, list]) => [p, competitionRanks(list)]));
  };
  const total = variants.length + 1;
  const base = ranksByMonth({ method: 'v2', config: input.config, weights: input.weights });
  input.onProgress?.(1, total);
  const months = input.periods.filter((p) => (base.get(p)?.size ?? 0) >= 3);
  const samples = new Map<string, Samples>();
  variants.forEach((v, i) => {
    const ranks = ranksByMonth(v);
    const s = emptySamples();
    for (const p of months) compareMonth(base.get(p)!, ranks.get(p) ?? new Map(), input.top, s);
    samples.set(v.id, s);
    input.onProgress?.(i + 2, total);
  });
  const rows: VariantShift[] = variants
    .filter((v) => v.family !== 'weights')
    .map((v) => ({ id: v.id, label: v.label, family: v.family, ...summarise(samples.get(v.id)!) }));
  const draws = variants.filter((v) => v.family === 'weights');
  if (draws.length)
    rows.push({
      id: 'weights',
      label: `Weights ±${Math.round(input.weightSpread * 100)} % (${draws.length} seeded draws)`,
      family: 'weights',
      ...summarise(merge(draws.map((v) => samples.get(v.id)!))),
    });
  return {
    lens: input.lens,
    level: 1,
    top: input.top,
    months: months.length,
    weightRuns: draws.length,
    weightSpread: input.weightSpread,
    seed: input.seed,
    variants: rows,
    overall: summarise(merge([...samples.values()])),
  };
}

interface Samples {
  comparisons: number;
  shifts: number[];
  dropped: number;
  rhos: number[];
}

const emptySamples = (): Samples => ({ comparisons: 0, shifts: [], dropped: 0, rhos: [] });

function compareMonth(base: Map<string, number>, alt: Map<string, number>, top: number, s: Samples): void {
  s.comparisons++;
  for (const [region, rank] of base) {
    if (rank > top) continue;
    const other = alt.get(region);
    if (other === undefined) s.dropped++;
    s.shifts.push(Math.abs((other ?? alt.size + 1) - rank));
  }
  const rho = spearman(base, alt);
  if (rho !== null) s.rhos.push(rho);
}

function merge(all: readonly Samples[]): Samples {
  return all.reduce(
    (a, s) => ({
      comparisons: a.comparisons + s.comparisons,
      shifts: a.shifts.concat(s.shifts),
      dropped: a.dropped + s.dropped,
      rhos: a.rhos.concat(s.rhos),
    }),
    emptySamples(),
  );
}

const median = (xs: readonly number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

function summarise(s: Samples): ShiftSummary {
  return {
    comparisons: s.comparisons,
    medianTopShift: median(s.shifts),
    worstTopShift: s.shifts.length ? s.shifts.reduce((a, b) => Math.max(a, b)) : null,
    droppedShare: s.shifts.length ? s.dropped / s.shifts.length : null,
    medianSpearman: median(s.rhos),
    worstSpearman: s.rhos.length ? s.rhos.reduce((a, b) => Math.min(a, b)) : null,
  };
}
