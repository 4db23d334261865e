import { INSUFFICIENT_DATA, NO_DATA, type ScoreClass } from '../vocabulary.ts';
import type { ModelConfig } from './config.ts';

/**
 * Names the class of a score: `no-data` when nothing was observed, `insufficient-data` when coverage
 * is below the configured minimum, otherwise the highest class whose lower bound the score reaches.
 * @example classify(6.2, 0.4, MODEL_CONFIG) === 'high'
 */
export function classify(score: number | null, coverage: number, config: ModelConfig): ScoreClass {
  if (score === null) return NO_DATA;
  if (coverage < config.minCoverage) return INSUFFICIENT_DATA;
  let cls: ScoreClass = INSUFFICIENT_DATA;
  for (const t of config.classThresholds) if (score >= t.min) cls = t.class;
  return cls;
}
