/**
 * Closed vocabularies shared by the catalogue, the model, the database enums, the API's zod
 * schemas and the dashboard's labels: one source, several uses.
 */

/** The four indicator frameworks: three existing early-warning tools plus Vigil's own trafficking set. */
export const FRAMEWORK_IDS = ['crsv', 'osce', 'afac', 'tip'] as const;
export type FrameworkId = (typeof FRAMEWORK_IDS)[number];

/** A lens selects which indicators feed a score: all of them, one framework, or the trafficking lens. */
export const LENSES = ['overall', 'crsv', 'osce', 'afac', 'tip'] as const;
export type Lens = (typeof LENSES)[number];

/**
 * Scoring methods: `v2` accumulates independent evidence (the default, see `docs/methodology.md`);
 * `v1` is the first release's weighted mean of what was observed, kept for comparison.
 */
export const METHODS = ['v2', 'v1'] as const;
export type Method = (typeof METHODS)[number];

/** How directly an indicator signals trafficking in persons (UNODC 2018, section 4.1.3). */
export const RELEVANCES = ['direct', 'indirect', 'none'] as const;
export type Relevance = (typeof RELEVANCES)[number];

/** How an indicator is measured; each kind has its own normalisation to 0..1. */
export const MEASUREMENTS = ['severity', 'count', 'rate', 'binary'] as const;

/** The analyst's confidence in one observation. */
export const CONFIDENCES = ['low', 'medium', 'high'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** Risk classes from lowest to highest; thresholds live in the model configuration (data). */
export const RISK_CLASSES = ['very-low', 'low', 'medium', 'high', 'very-high'] as const;
export type RiskClass = (typeof RISK_CLASSES)[number];

/** The class given when something was observed, but too little of the expected weight to say anything. */
export const INSUFFICIENT_DATA = 'insufficient-data' as const;

/** The class given when nothing in the lens was observed: missing, never low risk. */
export const NO_DATA = 'no-data' as const;

/** Every class a score can carry, risk classes first. */
export const SCORE_CLASSES = [...RISK_CLASSES, INSUFFICIENT_DATA, NO_DATA] as const;
export type ScoreClass = (typeof SCORE_CLASSES)[number];

/** The geographic grain at which an indicator is normally observed. */
export const OBSERVATION_LEVELS = ['country', 'area', 'site', 'route'] as const;
export type ObservationLevel = (typeof OBSERVATION_LEVELS)[number];

/** How complete and certain a catalogue entry is relative to its official source. */
export const CATALOGUE_STATUSES = ['official-number', 'paraphrase', 'added'] as const;
export type CatalogueStatus = (typeof CATALOGUE_STATUSES)[number];

/** Account roles, from least to most privileged. */
export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];
