export * from './vocabulary.ts';
export type * from './types.ts';
export * from './period.ts';
export {
  MODEL_CONFIG,
  MODEL_VERSION,
  type ModelConfig,
  type ClassThreshold,
  type AlertConfig,
  type SensitivityConfig,
} from './model/config.ts';
export { normalise, scaleMax, displayValue } from './model/normalise.ts';
export { lensWeight, prepareLens, type LensIndicator, type PreparedLens } from './model/lens.ts';
export { classify, classRank, isRiskClass, hasEnoughEvidence } from './model/classify.ts';
export { aggregate, type Aggregation, type Observed } from './model/aggregate.ts';
export { scoreConfidence } from './model/confidence.ts';
export { topDrivers } from './model/drivers.ts';
export {
  scoreRegion,
  scorePrepared,
  pickObservations,
  ageFactor,
  type ScoreInput,
  type Detail,
} from './model/score.ts';
export { rollUp } from './model/rollup.ts';
export { trend, risers, type TrendRow } from './model/trend.ts';
export {
  observationsByRegion,
  scoreFamilies,
  activeWindows,
  type ActiveWindows,
  type RegionRef,
  type ScoredRow,
  type FamiliesInput,
} from './model/batch.ts';
export { scenarioWeights } from './model/scenario.ts';
export { formProfile, type FormShare } from './model/forms.ts';
export {
  compareScenarios,
  competitionRanks,
  type ComparableScore,
  type ScenarioComparison,
  type ScenarioMove,
} from './model/compare.ts';
export {
  sensitivity,
  mulberry32,
  spearman,
  type SensitivityInput,
  type SensitivityResult,
  type RankStability,
} from './model/sensitivity.ts';
export {
  scoreAlerts,
  newDirectSignals,
  ALERT_KINDS,
  type Alert,
  type AlertKind,
  type AlertScore,
  type NewSignal,
} from './model/alerts.ts';
export { SCENARIOS, BASELINE_SCENARIO, getScenario } from './scenarios/index.ts';
export { apportion, roundTo } from './model/round.ts';
export {
  backtest,
  rankScored,
  LEAD_WINDOW,
  type BacktestRow,
  type MethodBacktest,
  type Standing,
} from './model/backtest.ts';
export {
  structuralSensitivity,
  structuralVariants,
  type StructuralResult,
  type StructuralVariant,
  type ShiftSummary,
  type VariantShift,
} from './model/structural.ts';
export { classChanges, type ClassChanges } from './model/class-changes.ts';
export { validateModel, DEFAULT_WEIGHT_RUNS, type ValidationInput, type ValidationResult } from './model/validation.ts';
export { DOCUMENTED_ONSETS } from './cases/onsets.ts';
