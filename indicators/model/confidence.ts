import { CONFIDENCES, type Confidence } from '../vocabulary.ts';
import type { Observed } from './aggregate.ts';
import type { ModelConfig } from './config.ts';

/**
 * The confidence grade of a score, or null when nothing was observed. It is the lower of two grades:
 * the observations' own confidence (mean of low = 0, medium = 1, high = 2, weighted by effective
 * weight, rounded), and the breadth of the evidence (groups observed against
 * `config.confidenceGroups`). Evidence that has lost more than half its weight to ageing (weighted
 * mean age factor below `config.staleAgeFactor`) drops the grade one step further, and so does
 * evidence recorded mostly for the country as a whole (inherited share of the effective weight
 * above `config.inheritedShareLimit`), which is less specific to the region.
 * @example scoreConfidence(observed, 4, MODEL_CONFIG) // 'high' when every observation is high-confidence and fresh
 */
export function scoreConfidence(observed: readonly Observed[], groups: number, config: ModelConfig): Confidence | null {
  if (observed.length === 0) return null;
  let sumConf = 0;
  let sumE = 0;
  let sumW = 0;
  let sumInherited = 0;
  for (const x of observed) {
    sumConf += x.e * CONFIDENCES.indexOf(x.o.confidence);
    sumE += x.e;
    sumW += x.li.weight;
    if (x.o.inherited) sumInherited += x.e;
  }
  const ownGrade = Math.round(sumConf / sumE);
  const breadthGrade = groups >= config.confidenceGroups.high ? 2 : groups >= config.confidenceGroups.medium ? 1 : 0;
  const stale = sumE / sumW < config.staleAgeFactor ? 1 : 0;
  const borrowed = sumInherited / sumE > config.inheritedShareLimit ? 1 : 0;
  return CONFIDENCES[Math.max(0, Math.min(ownGrade, breadthGrade) - stale - borrowed)] ?? 'low';
}
