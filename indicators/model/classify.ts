import { INSUFFICIENT_DATA, NO_DATA, RISK_CLASSES, type RiskClass, type ScoreClass } from '../vocabulary.ts';
import type { ModelConfig } from './config.ts';

/**
 * Names the class of a score: `no-data` when nothing was observed, `insufficient-data` when the
 * evidence spans fewer groups (risk factors) than `config.minGroups`, otherwise the highest class
 * whose lower bound the score reaches.
 * @example classify(6.2, 3, MODEL_CONFIG) === 'high'; classify(9, 1, MODEL_CONFIG) === 'insufficient-data'
 */
export function classify(score: number | null, groupsObserved: number, config: ModelConfig): ScoreClass {
  if (score === null) return NO_DATA;
  if (groupsObserved < config.minGroups) return INSUFFICIENT_DATA;
  let cls: ScoreClass = INSUFFICIENT_DATA;
  for (const t of config.classThresholds) if (score >= t.min) cls = t.class;
  return cls;
}

/** True for the five risk classes (not `insufficient-data` or `no-data`). */
export function isRiskClass(c: string): c is RiskClass {
  return (RISK_CLASSES as readonly string[]).includes(c);
}

/** Position of a class from very low (0) to very high (4); −1 for `insufficient-data` and `no-data`. */
export function classRank(c: string): number {
  return (RISK_CLASSES as readonly string[]).indexOf(c);
}
