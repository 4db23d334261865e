import { NO_DATA, roundTo } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import type { ScoreRecord } from './live-scores.ts';

/**
 * What a row rests on: the region's own evidence, its country's records only (no score of its own:
 * they are shown beside it, never as its score), or nothing.
 */
export type Basis = 'own' | 'country' | 'none';

/** The public shape of one score row (fields added since the first release come last). */
export function toWire(r: ScoreRecord, lens: Lens) {
  return {
    period: r.period,
    score: roundTo(r.score, 2),
    class: r.class,
    coverage: roundTo(r.coverage, 3)!,
    confidence: r.confidence,
    trend: roundTo(r.trend3, 2),
    trend12: roundTo(r.trend12, 2),
    drivers: r.drivers.map((d) => ({ ...d, points: roundTo(d.points, 2)! })),
    rolledUpFrom: r.rolledUpFrom,
    evidence: {
      indicators: r.indicatorsObserved,
      groups: r.groupsObserved,
      sources: r.sourcesObserved,
      signs: r.signsObserved,
      own: r.ownObserved,
    },
    basis: (r.score !== null ? 'own' : r.indicatorsObserved > 0 ? 'country' : 'none') as Basis,
    /** Trafficking lens: scored on conditions (drivers) only, with no direct sign recorded for the region itself. */
    conditionsOnly: lens === 'tip' && r.score !== null && r.signsObserved === 0,
  };
}

/** One score row in the public shape. */
export type WireScore = ReturnType<typeof toWire>;

/** A month with nothing scored, in the public shape. */
export function noDataWire(period: string): WireScore {
  return {
    period,
    score: null,
    class: NO_DATA,
    coverage: 0,
    confidence: null,
    trend: null,
    trend12: null,
    drivers: [],
    rolledUpFrom: null,
    evidence: { indicators: 0, groups: 0, sources: 0, signs: 0, own: 0 },
    basis: 'none',
    conditionsOnly: false,
  };
}
