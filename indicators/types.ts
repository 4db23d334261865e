import type {
  CatalogueStatus,
  Confidence,
  FrameworkId,
  Lens,
  ObservationLevel,
  Relevance,
  ScoreClass,
} from './vocabulary.ts';

/** A month, written `YYYY-MM`. */
export type Period = string;

/** One of the early-warning frameworks the catalogue draws from. */
export interface Framework {
  id: FrameworkId;
  /** Full title of the source document or tool. */
  title: string;
  /** Short name for tables and legends, e.g. "Atrocity Framework". */
  shortTitle: string;
  publisher: string;
  year: number;
  /** Bibliographic citation of the source document. */
  citation: string;
  /** What Vigil knows and does not know of this framework, in the project's own words. */
  note: string;
}

/** A risk factor or category inside a framework; indicators belong to exactly one group. */
export interface IndicatorGroup {
  /** Stable id, e.g. `afac.rf7`. */
  id: string;
  framework: FrameworkId;
  label: string;
  description: string;
  citation: string;
  status: CatalogueStatus;
}

/** How an indicator's raw value is measured and therefore normalised. */
export type Measurement =
  /** Ordinal severity from 0 (none) to `max` (extreme). */
  | { kind: 'severity'; max: number }
  /** A count of events or people; normalised on a log scale up to `saturation`. */
  | { kind: 'count'; saturation: number; unit: string }
  /** A rate (e.g. per 100,000 people); normalised linearly up to `saturation`. */
  | { kind: 'rate'; saturation: number; unit: string }
  /** Present (1) or absent (0). */
  | { kind: 'binary' };

/** One indicator of the catalogue, flagged for trafficking relevance. */
export interface Indicator {
  /** Stable id such as `afac.7.9`, `crsv.mobility`, `tip.slave-market`. Never reused. */
  id: string;
  framework: FrameworkId;
  /** Id of an {@link IndicatorGroup} of the same framework. */
  group: string;
  label: string;
  description: string;
  relevance: Relevance;
  /** Ids of {@link ExploitationForm}s this indicator signals. */
  forms: readonly string[];
  measurement: Measurement;
  /** Default weight (> 0) before any scenario. */
  weight: number;
  /** Months an observation stays informative after the month it describes. */
  persistenceMonths: number;
  level: ObservationLevel;
  citation: string;
  status: CatalogueStatus;
}

/** A form of exploitation (trafficking purpose), in a shallow hierarchy. */
export interface ExploitationForm {
  id: string;
  parent: string | null;
  label: string;
  definition: string;
  citation: string;
}

/** The whole catalogue the model scores against. */
export interface Catalogue {
  version: string;
  frameworks: readonly Framework[];
  groups: readonly IndicatorGroup[];
  indicators: readonly Indicator[];
  forms: readonly ExploitationForm[];
}

/**
 * One current (not superseded, not retracted) observation as the model sees it.
 * The database keeps every version; only the current one reaches the model.
 */
export interface ModelObservation {
  id: number;
  /** Region the observation was made for (a country code when `inherited`). */
  regionCode: string;
  indicatorId: string;
  period: Period;
  /** Raw value on the indicator's measurement. */
  value: number;
  confidence: Confidence;
  /** True when the observation was made for the parent country and applies to this region by inheritance. */
  inherited?: boolean;
}

/** Weights by indicator id; ids not listed keep the catalogue's default weight. 0 switches an indicator off. */
export type Weights = Readonly<Record<string, number>>;

/** A named alternative weighting, e.g. "children focus". Weights are data, never code. */
export interface Scenario {
  id: string;
  label: string;
  description: string;
  weights: Weights;
}

/** One indicator's part in one score. */
export interface Contribution {
  indicatorId: string;
  group: string;
  framework: FrameworkId;
  relevance: Relevance;
  /** Effective weight used in this lens (after scenario and lens multipliers). */
  weight: number;
  /** Whether an informative observation existed for this indicator. */
  observed: boolean;
  /** Normalised value 0..1 after ageing, or null when not observed. */
  value: number | null;
  /** Points this indicator adds to the score; points of all contributions sum to the score. */
  points: number;
  /** The observation used, if any. */
  observationId: number | null;
  observedPeriod: Period | null;
  /** Months between the observation and the scored period. */
  ageMonths: number | null;
  /** True when the observation was made for the parent country. */
  inherited: boolean;
  confidence: Confidence | null;
}

/** A short, ranked reason behind a score. */
export interface Driver {
  indicatorId: string;
  label: string;
  points: number;
}

/** One region's score for one month and lens. */
export interface RegionScore {
  region: string;
  period: Period;
  lens: Lens;
  /** 0..10, or null when nothing in the lens was observed. */
  score: number | null;
  class: ScoreClass;
  /** Share (0..1) of the lens's expected weight that was observed. */
  coverage: number;
  confidence: Confidence | null;
  drivers: Driver[];
  contributions: Contribution[];
}
