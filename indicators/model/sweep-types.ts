import type { Driver, Indicator } from '../types.ts';
import type { Confidence, Lens, ScoreClass } from '../vocabulary.ts';
import type { PreparedLens } from './lens.ts';

/** One stored score row as the sweep emits it: the shape of the `scores` table without the scenario. */
export interface SweptRow {
  lens: Lens;
  level: 0 | 1 | 2;
  regionCode: string;
  period: string;
  /** Null for a region whose evidence is all country-level (shown beside it, never as its score). */
  score: number | null;
  class: ScoreClass;
  coverage: number;
  confidence: Confidence | null;
  trend3: number | null;
  trend12: number | null;
  drivers: Driver[];
  rolledUpFrom: string | null;
  indicatorsObserved: number;
  groupsObserved: number;
  sourcesObserved: number;
  signsObserved: number;
  ownObserved: number;
}

/**
 * The lenses of one weighting compiled to flat arrays indexed by indicator (catalogue order), built
 * once and shared by every family: what {@link sweepFamily} reads in its inner loop.
 */
export interface Sweep {
  indicators: readonly Indicator[];
  indexOf: ReadonlyMap<string, number>;
  lenses: readonly PreparedLens[];
  /** Per lens, the weight of each indicator (0 outside the lens). */
  weights: readonly Float64Array[];
  /** Months each indicator's observations stay informative (the lenses' configuration applied). */
  persistence: Int32Array;
  /** 1 for indicators flagged direct (trafficking signs), else 0. */
  direct: Uint8Array;
  group: Int32Array;
  groupCount: number;
  /** Rank of each indicator id in `localeCompare` order (ties by catalogue order), for driver ties. */
  idRank: Int32Array;
  /** Source keys met so far, numbered in order of first appearance (shared by every family). */
  sourceIds: Map<string, number>;
}

/** Observations of one region in compact columns (any order); values already on 0..1. */
export interface RegionObservations {
  indicator: Int32Array;
  /** Month index (`periodIndex`). */
  month: Int32Array;
  /** Normalised value 0..1. */
  value: Float64Array;
  /** Index in `CONFIDENCES`. */
  confidence: Uint8Array;
  /** Source number in `Sweep.sourceIds`. */
  source: Int32Array;
  id: Float64Array;
  length: number;
  /**
   * Region each observation was recorded for, when the columns gather several regions' (what a
   * district inherits from its first-level region and its country); absent for one region's own.
   */
  origin?: readonly string[];
}
