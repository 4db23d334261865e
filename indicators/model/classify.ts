import { INSUFFICIENT_DATA, NO_DATA, RISK_CLASSES, type RiskClass, type ScoreClass } from '../vocabulary.ts';
import type { ModelConfig } from './config.ts';

/**
 * Names the class of a score: `no-data` when nothing was observed, `insufficient-data` when the
 * evidence is not corroborated (see {@link hasEnoughEvidence}), otherwise the highest class whose
 * lower bound the score reaches.
 * @example classify(6.2, { indicators: 2, groups: 2 }, MODEL_CONFIG) === 'high'; classify(9, { indicators: 2, groups: 1 }, MODEL_CONFIG) === 'insufficient-data'
 */
export function classify(
  score: number | null,
  evidence: { indicators: number; groups: number },
  config: ModelConfig,
): ScoreClass {
  if (score === null) return NO_DATA;
  if (!hasEnoughEvidence(evidence, config)) return INSUFFICIENT_DATA;
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

/**
 * Whether evidence is corroborated enough for a risk class: indicators observed in at least
 * `config.sufficiency.minGroups` groups (risk factors), or at least `config.sufficiency.minIndicators`
 * indicators in all. One report alone never makes a class.
 * @example hasEnoughEvidence({ indicators: 3, groups: 1 }, MODEL_CONFIG) === true
 */
export function hasEnoughEvidence(evidence: { indicators: number; groups: number }, config: ModelConfig): boolean {
  return evidence.groups >= config.sufficiency.minGroups || evidence.indicators >= config.sufficiency.minIndicators;
}
