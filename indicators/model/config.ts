import type { Confidence, Relevance, RiskClass } from '../vocabulary.ts';

/** Lower bound (inclusive) of each risk class on the 0–10 scale, lowest first. */
export interface ClassThreshold {
  class: RiskClass;
  min: number;
}

/** Thresholds of the alert rules. */
export interface AlertConfig {
  /** A class crossing raises an alert only when the new class is at least this one. */
  minClass: RiskClass;
  /** Points above the region's own trailing mean that count as a sharp rise. */
  sharpRisePoints: number;
  /** Months before the scored one that form the region's baseline. */
  baselineMonths: number;
  /** Classed months needed in the baseline window before a sharp rise can be called. */
  minBaselineMonths: number;
}

/** Defaults of the weight-sensitivity analysis. */
export interface SensitivityConfig {
  runs: number;
  /** Each weight is multiplied by a factor drawn uniformly from [1 − spread, 1 + spread]. */
  spread: number;
  /** How many of the highest-ranked regions are followed. */
  top: number;
  seed: number;
}

/**
 * The evidence model (method `v2`): how observations become evidence that accumulates. Each observed
 * indicator adds a hazard `λ · weight · age factor · confidence factor · value` (country-level
 * records ×`inheritedDiscount`); one source adds less than `sourceCap`; the score is
 * `10 · (1 − e^(−Σ hazard))`, times `e^(−Σ absence)` for indicators looked for and not found.
 */
export interface EvidenceConfig {
  /** λ: hazard of one fresh, high-confidence observation at its maximum, per unit of weight. */
  hazardPerWeight: number;
  /** Share of an observation's hazard kept by the analyst's confidence in it. */
  confidenceFactor: Readonly<Record<Confidence, number>>;
  /** Hazard one independent source approaches but never reaches, however many indicators it reports. */
  sourceCap: number;
  /** δ: how strongly a "looked for, not found" reading (value 0) lowers the score, per unit of weight. */
  absencePerWeight: number;
  /** Absence one source approaches but never reaches (the score keeps more than `e^(−absenceCap)` of itself per source). */
  absenceCap: number;
  /** Share of its hazard a country-level record keeps in a region that has evidence of its own. */
  inheritedDiscount: number;
  /** Whether country-level records inform a region's score at all (structural sensitivity turns it off). */
  inheritance: boolean;
  /** Independent sources a score needs for a risk class (at least one of them the region's own). */
  minSources: number;
  /** Trafficking lens: the highest score without a direct sign recorded for the region itself. */
  conditionsCeiling: number;
  /** Confidence grades: coverage and independent sources needed for at least `medium` and for `high`. */
  confidenceCoverage: Readonly<Record<Exclude<Confidence, 'low'>, number>>;
  confidenceSources: Readonly<Record<Exclude<Confidence, 'low'>, number>>;
  /** Multiplier on every indicator's persistence (structural sensitivity varies it ±50 %). */
  persistenceScale: number;
}

/** Every tunable constant of the risk model. Data, not code: the methodology page prints these. */
export interface ModelConfig {
  /** The evidence model of method `v2` (the default). */
  evidence: EvidenceConfig;
  classThresholds: readonly ClassThreshold[];
  /**
   * A score gets a risk class only when its evidence is corroborated: indicators observed in at
   * least `minGroups` different groups (risk factors), or at least `minIndicators` indicators
   * observed within one. Otherwise it is classed `insufficient-data`.
   */
  sufficiency: { minGroups: number; minIndicators: number };
  /** Weight multiplier by trafficking relevance inside the trafficking (`tip`) lens. */
  tipRelevanceMultiplier: Readonly<Record<Relevance, number>>;
  /** How much an observed indicator's evidence counts toward the exploitation forms it signals. */
  formRelevanceMultiplier: Readonly<Record<Relevance, number>>;
  /** Confidence grade from breadth: groups observed needed for at most `medium` and for `high`. */
  confidenceGroups: Readonly<Record<Exclude<Confidence, 'low'>, number>>;
  /** Below this weighted mean age factor the evidence counts as stale and the grade drops one step. */
  staleAgeFactor: number;
  /** Above this share of evidence weight recorded for the whole country (inherited), the grade drops one step. */
  inheritedShareLimit: number;
  /** Months back for the short and long trend. */
  trendMonths: readonly [number, number];
  /** Drivers listed with each score. */
  driverCount: number;
  /** Counts below this are shown as "<N" in public outputs (do no harm). */
  smallCountThreshold: number;
  /**
   * How counts of people below `smallCountThreshold` enter a score. `band` (public outputs): every count
   * from 1 to threshold − 1 is scored as the middle of that band, so that no public score, point or
   * alert can be inverted to recover a count the display hides. `exact`: as recorded (what signed-in
   * analysts see in an explanation).
   */
  smallCounts: 'band' | 'exact';
  alerts: AlertConfig;
  sensitivity: SensitivityConfig;
}

/** The baseline configuration. */
export const MODEL_CONFIG: ModelConfig = {
  evidence: {
    hazardPerWeight: 0.5,
    confidenceFactor: { low: 0.5, medium: 0.75, high: 1 },
    sourceCap: 0.9,
    absencePerWeight: 0.5,
    absenceCap: 0.5,
    inheritedDiscount: 0.5,
    inheritance: true,
    minSources: 2,
    conditionsCeiling: 5.9,
    confidenceCoverage: { medium: 0.05, high: 0.15 },
    confidenceSources: { medium: 2, high: 3 },
    persistenceScale: 1,
  },
  classThresholds: [
    { class: 'very-low', min: 0 },
    { class: 'low', min: 2 },
    { class: 'medium', min: 4 },
    { class: 'high', min: 6 },
    { class: 'very-high', min: 8 },
  ],
  sufficiency: { minGroups: 2, minIndicators: 3 },
  tipRelevanceMultiplier: { direct: 1, indirect: 0.5, none: 0 },
  formRelevanceMultiplier: { direct: 1, indirect: 0.5, none: 0 },
  confidenceGroups: { medium: 2, high: 4 },
  staleAgeFactor: 0.5,
  inheritedShareLimit: 0.5,
  trendMonths: [3, 12],
  driverCount: 3,
  smallCountThreshold: 5,
  smallCounts: 'band',
  alerts: { minClass: 'medium', sharpRisePoints: 2, baselineMonths: 6, minBaselineMonths: 2 },
  sensitivity: { runs: 200, spread: 0.2, top: 10, seed: 20180101 },
};

/** Version of the scoring rules; stored scores computed under another version must be rebuilt. */
export const MODEL_VERSION = '2026.2-evidence';
