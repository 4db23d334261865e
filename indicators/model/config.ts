import type { Relevance, RiskClass } from '../vocabulary.ts';

/** Lower bound (inclusive) of each risk class on the 0–10 scale, lowest first. */
export interface ClassThreshold {
  class: RiskClass;
  min: number;
}

/** Every tunable constant of the risk model. Data, not code: the methodology page prints these. */
export interface ModelConfig {
  classThresholds: readonly ClassThreshold[];
  /** Below this share of the lens's weight observed, a score is classed `insufficient-data`. */
  minCoverage: number;
  /** Weight multiplier by trafficking relevance inside the trafficking (`tip`) lens. */
  tipRelevanceMultiplier: Readonly<Record<Relevance, number>>;
  /** Months back for the short and long trend. */
  trendMonths: readonly [number, number];
}

/** The baseline configuration. */
export const MODEL_CONFIG: ModelConfig = {
  classThresholds: [
    { class: 'very-low', min: 0 },
    { class: 'low', min: 2 },
    { class: 'medium', min: 4 },
    { class: 'high', min: 6 },
    { class: 'very-high', min: 8 },
  ],
  minCoverage: 0.02,
  tipRelevanceMultiplier: { direct: 1, indirect: 0.5, none: 0 },
  trendMonths: [3, 12],
};
