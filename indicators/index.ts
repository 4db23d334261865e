export * from './vocabulary.ts';
export type * from './types.ts';
export * from './period.ts';
export { polygonsOf } from './geometry.ts';
export {
  MODEL_CONFIG,
  MODEL_VERSION,
  type ModelConfig,
  type ClassThreshold,
  type AlertConfig,
  type SensitivityConfig,
} from './model/config.ts';
export { normalise, scaleMax, displayValue } from './model/normalise.ts';
export { plausibleRange, isPlausible, COUNT_CEILING_FACTOR, type PlausibleRange } from './model/plausible.ts';
export { sourceKeyOf, citesSomething, feedSourceKey } from './model/sources.ts';
export { lensWeight, prepareLens, type LensIndicator, type PreparedLens } from './model/lens.ts';
export { classify, classRank, isRiskClass, hasEnoughEvidence } from './model/classify.ts';
export { aggregate, type Aggregation, type Observed } from './model/aggregate.ts';
export { scoreConfidence } from './model/confidence.ts';
export { topDrivers } from './model/drivers.ts';
export {
  scoreRegion,
  scorePrepared,
  pickObservations,
  readingsAt,
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
  sensitivityOfScores,
  sensitivityWeightings,
  mulberry32,
  spearman,
  type SensitivityInput,
  type SensitivityResult,
  type WeightingsInput,
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

// The fast scorer: the same model over compact columns, for full recomputes (see README.md).
export {
  prepareSweep,
  sweepFamily,
  ObservationBuffer,
  monthLabel,
  type Family,
  type FamilyDistrict,
} from './model/sweep.ts';
export type { Sweep, SweptRow, RegionObservations } from './model/sweep-types.ts';

// Mapping rules of the feed import profiles.
export {
  UCDP_GED,
  UCDP_CANDIDATE,
  UCDP_SOURCE_KEY,
  UCDP_RULES,
  UCDP_MAX_WHERE_PREC,
  UCDP_PRECISE_WHERE_PREC,
  deriveUcdpObservations,
  type UcdpCell,
  type UcdpDataset,
  type UcdpViolenceType,
} from './mapping/ucdp-rules.ts';
export {
  ACLED_CITATION,
  ACLED_RULES,
  ACLED_SOURCE_KEY,
  ACLED_URL,
  deriveAcledObservations,
  ruleCounts,
  type AcledCell,
} from './mapping/acled-rules.ts';
export {
  DTM_CITATION,
  DTM_RULES,
  DTM_SOURCE_KEY,
  DTM_URL,
  deriveDtmObservations,
  isDisplacementSite,
  type DtmCell,
} from './mapping/dtm-rules.ts';
export {
  MRM_RULES,
  MARA_RULES,
  REFERRAL_RULES,
  MRM_SOURCE_KEY,
  MARA_SOURCE_KEY,
  REFERRAL_SOURCE_KEY,
  bandedCount,
  deriveMonitoringObservations,
  monitoringConfidence,
  ruleForCategory,
  type MonitoringCell,
  type MonitoringRule,
} from './mapping/monitoring-rules.ts';

// The catalogue: the bundled indicators, its versions, its schema and its translations.
export { defaultCatalogue, CATALOGUE_VERSION, BUNDLED_VERSIONS } from './catalogue/index.ts';
export { validateCatalogue, type CatalogueError, type CatalogueValidation } from './catalogue/schema.ts';
export {
  translateLabel,
  CATALOGUE_LANGS,
  type Lang,
  type LabelKind,
  type TextKind,
  type TranslatedLabel,
} from './catalogue/locales/index.ts';
