import type { Indicator, Weights } from '../types.ts';
import type { Lens } from '../vocabulary.ts';
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
