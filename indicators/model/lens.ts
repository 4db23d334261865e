import type { Catalogue, Indicator, Weights } from '../types.ts';
import type { Lens, Method } from '../vocabulary.ts';
import type { ModelConfig } from './config.ts';

/**
 * The weight an indicator carries in a lens, after the scenario's override: 0 when it does not
 * belong to the lens. `overall` takes every indicator; a framework lens takes that framework's; the
 * trafficking lens takes every indicator flagged direct or indirect (direct counting more).
 * @example lensWeight(ind, 'tip', {}, MODEL_CONFIG) // ind.weight × 0.5 for an indirect indicator
 */
export function lensWeight(ind: Indicator, lens: Lens, weights: Weights, config: ModelConfig): number {
  const base = Math.max(0, weights[ind.id] ?? ind.weight);
  switch (lens) {
    case 'overall':
      return base;
    case 'tip':
      return base * config.tipRelevanceMultiplier[ind.relevance];
    case 'crsv':
    case 'osce':
    case 'afac':
      return ind.framework === lens ? base : 0;
    default: {
      const never: never = lens;
      throw new Error(`unknown lens ${String(never)}`);
    }
  }
}

/** One indicator of a lens with its weight there. */
export interface LensIndicator {
  indicator: Indicator;
  /** Weight in the lens after the scenario (> 0). */
  weight: number;
  /** Months an observation stays informative: the catalogue's persistence × `config.evidence.persistenceScale`, rounded. */
  persistence: number;
}

/**
 * Months an observation of `indicator` stays informative under `config` (the catalogue's value,
 * scaled for structural sensitivity runs and rounded to whole months).
 * @example persistenceOf({ persistenceMonths: 6 }, MODEL_CONFIG) === 6
 */
export function persistenceOf(indicator: Pick<Indicator, 'persistenceMonths'>, config: ModelConfig): number {
  return Math.max(0, Math.round(indicator.persistenceMonths * config.evidence.persistenceScale));
}

/**
 * A lens made ready for scoring many regions: the indicators that carry weight in it (catalogue
 * order), looked up by id, with the total weight and the number of groups a full assessment would
 * cover. Build it once per lens and scenario, then score every region and month against it.
 */
export interface PreparedLens {
  lens: Lens;
  /** Scoring method: `v2` (evidence accumulates, the default) or `v1` (the first release's mean). */
  method: Method;
  config: ModelConfig;
  indicators: readonly LensIndicator[];
  byId: ReadonlyMap<string, LensIndicator>;
  /** Sum of the weights of every indicator in the lens: the denominator of coverage. */
  expectedWeight: number;
  /** Groups with at least one indicator in the lens. */
  groupsInLens: number;
}

/**
 * Prepares a lens for scoring under a weighting.
 * @example const tip = prepareLens(catalogue, 'tip', {}, MODEL_CONFIG); tip.indicators.length
 */
export function prepareLens(
  catalogue: Pick<Catalogue, 'indicators'>,
  lens: Lens,
  weights: Weights,
  config: ModelConfig,
  method: Method = 'v2',
): PreparedLens {
  const indicators: LensIndicator[] = [];
  const groups = new Set<string>();
  let expectedWeight = 0;
  for (const indicator of catalogue.indicators) {
    const weight = lensWeight(indicator, lens, weights, config);
    if (!(weight > 0)) continue;
    indicators.push({ indicator, weight, persistence: persistenceOf(indicator, config) });
    groups.add(indicator.group);
    expectedWeight += weight;
  }
  return {
    lens,
    method,
    config,
    indicators,
    byId: new Map(indicators.map((i) => [i.indicator.id, i])),
    expectedWeight,
    groupsInLens: groups.size,
  };
}
