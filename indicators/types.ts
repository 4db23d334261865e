import type {
  CatalogueStatus,
  Confidence,
  FrameworkId,
  Lens,
  Method,
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
  /** Independent-source key (a feed's profile key, or the normalised citation): one source counts once. */
  source: string;
  /** True when the observation was made for the parent country and applies to this region by inheritance. */
  inherited?: boolean;
}

/** Weights by indicator id; ids not listed keep the catalogue's default weight. 0 switches an indicator off. */
export type Weights = Readonly<Record<string, number>>;

/**
 * A named alternative weighting, e.g. "children focus". Weights are data, never code: a scenario
 * multiplies the catalogue's default weights by relevance, framework, group, exploitation form
 * (the form and every form below it) and indicator, then applies absolute overrides.
 */
export interface Scenario {
  id: string;
  label: string;
  description: string;
  /** Why someone would look at the map through this scenario, in one sentence. */
  purpose: string;
  multipliers: {
    relevance?: Readonly<Partial<Record<Relevance, number>>>;
    frameworks?: Readonly<Partial<Record<FrameworkId, number>>>;
    groups?: Readonly<Record<string, number>>;
    /** Applied once per indicator: the largest multiplier among the forms it signals (or their ancestors). */
    forms?: Readonly<Record<string, number>>;
    indicators?: Readonly<Record<string, number>>;
  };
  /** Absolute weights by indicator id, applied after the multipliers. */
  weights?: Weights;
}

/** One indicator's part in one score. */
export interface Contribution {
  indicatorId: string;
  label: string;
  group: string;
  framework: FrameworkId;
  relevance: Relevance;
  /** Weight in this lens and scenario, before ageing. */
  weight: number;
  /** Weight after ageing (`weight × ageFactor`); 0 when not observed. */
  effectiveWeight: number;
  /** Whether an informative observation existed for this indicator. */
  observed: boolean;
  /** Normalised value 0..1, or null when not observed. */
  value: number | null;
  /** The observed value in words, small counts shown as "<5"; null when not observed. */
  display: string | null;
  /** Points this indicator adds to the score; the points of all contributions sum to the score. */
  points: number;
  /** The observation used, if any. */
  observationId: number | null;
  observedPeriod: Period | null;
  /** Months between the observation and the scored period. */
  ageMonths: number | null;
  /** Share of the weight left after ageing (1 in the observation's own month), or null. */
  ageFactor: number | null;
  /** True when the observation was made for the parent country. */
  inherited: boolean;
  confidence: Confidence | null;
  /** Source key of the observation used, or null. */
  source: string | null;
  /**
   * Method `v2`: the evidence the observation adds after its source's cap (its hazard; negative for a
   * "looked for, not found" reading), or 0 when it does not count; null when not observed or under `v1`.
   */
  hazard: number | null;
}

/** One indicator group's (risk factor's) part in one score. */
export interface GroupPart {
  group: string;
  framework: FrameworkId;
  /** The group's voice across groups: the largest effective weight among its observed indicators. */
  weight: number;
  /** Weighted mean of its observed indicators, 0..10. */
  score: number;
  /** Points the group adds to the score (sum of its indicators' points). */
  points: number;
  /** Observed indicators in the group. */
  observed: number;
}

/** A short, ranked reason behind a score. */
export interface Driver {
  indicatorId: string;
  label: string;
  points: number;
  /** Region the evidence was recorded for, when not the scored region itself (country-level or rolled-up). */
  region?: string;
}

/** How much evidence stands behind a score. Counts of evidence, never of people: never suppressed. */
export interface Evidence {
  /** Indicators with an informative observation. */
  indicators: number;
  /** Groups (risk factors) with at least one informative observation. */
  groups: number;
  /** Groups that have at least one indicator in the lens. */
  groupsInLens: number;
  /** Independent sources (source keys) behind the informative observations. */
  sources: number;
  /** Direct indicators above neutral recorded for the region itself (trafficking signs, not conditions). */
  signs: number;
  /** Informative observations recorded for the region itself (0: country-level records only). */
  own: number;
}

/** One independent source's part in a `v2` score. */
export interface SourcePart {
  source: string;
  /** Observed indicators it informs. */
  indicators: number;
  /** Evidence it brings before the per-source cap. */
  hazard: number;
  /** Evidence it brings after the cap. */
  capped: number;
  /** "Looked for, not found" it reports, after its cap. */
  absence: number;
}

/** How a `v2` score was built from its evidence: what the explanation shows beside the contributions. */
export interface EvidenceBreakdown {
  /** Score without any evidence: the prior the evidence moves the score away from (0). */
  prior: number;
  /** Σ evidence after the per-source caps. */
  strength: number;
  /** Σ "looked for, not found" after the per-source caps. */
  absence: number;
  /** `10 · (1 − e^(−strength))`, before absences and the conditions ceiling. */
  raw: number;
  /** True when the trafficking lens's conditions ceiling applied (no direct sign of the region's own). */
  ceiling: boolean;
  sources: SourcePart[];
}

/** One region's score for one month and lens. */
export interface RegionScore {
  region: string;
  period: Period;
  lens: Lens;
  method: Method;
  /** 0..10, or null when nothing in the lens was observed (or, under `v2`, nothing for the region itself). */
  score: number | null;
  class: ScoreClass;
  /** Share (0..1) of the lens's weight that was observed, after ageing. */
  coverage: number;
  confidence: Confidence | null;
  evidence: Evidence;
  drivers: Driver[];
  /** Observed groups, highest points first. */
  groups: GroupPart[];
  /** Observed indicators (and, when asked for, unobserved ones with 0 points). */
  contributions: Contribution[];
  /** For a country shown at one of its regions' scores (roll-up): that region's code; otherwise null. */
  rolledUpFrom: string | null;
  /** Method `v2`: how the score was built from its evidence (null under `v1`, and in summary mode). */
  breakdown: EvidenceBreakdown | null;
}

/**
 * A documented onset of trafficking in a place: the month a seed document first dates a trafficking
 * sign there (area-level, never a person). What the backtest asks of the model: where did this
 * region rank before it happened?
 */
export interface DocumentedOnset {
  /** Stable id, e.g. `nineveh-2014-08`. */
  id: string;
  /** The place as the source names it, in words. */
  place: string;
  /** Vigil region code of the place, and its level (0 country, 1 first-level region). */
  region: string;
  level: 0 | 1;
  /** Month of the onset. */
  month: Period;
  /** `month` when the source dates the onset to the month; `year` when it gives only the year (the month is then the one the bundled dataset records it in). */
  dated: 'month' | 'year';
  /** What happened, in one sentence of our own words. */
  summary: string;
  /** Where it is documented: the seed document's title and the section or paragraph. */
  source: { title: string; section: string };
}
