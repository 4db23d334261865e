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

/** Bits of a region's `flags` in the map's compact scores. */
export const MAP_FLAGS = { countryLevel: 1, conditionsOnly: 2, retired: 4 } as const;

/**
 * One month's scores of a level in the compact form the map reads: aligned arrays, one entry per
 * region in `regions` order, classes and top drivers as indexes into small dictionaries. What the map
 * draws (class, score, flags), the hover card (evidence count) and the hotspot list (3-month trend,
 * top driver) need, and nothing else: a tenth of the full rows' bytes.
 */
export function toCompact(rows: readonly ({ region: string; retiredSince?: string | null } & WireScore)[]) {
  const classes: string[] = [];
  const classIndex = new Map<string, number>();
  const drivers: { indicatorId: string; label: string; region?: string }[] = [];
  const driverIndex = new Map<string, number>();
  const out = {
    regions: [] as string[],
    classes,
    class: [] as number[],
    score: [] as (number | null)[],
    trend: [] as (number | null)[],
    flags: [] as number[],
    indicators: [] as number[],
    drivers,
    driver: [] as number[],
  };
  for (const r of rows) {
    let c = classIndex.get(r.class);
    if (c === undefined) classIndex.set(r.class, (c = classes.push(r.class) - 1));
    const top = r.drivers[0];
    let d = -1;
    if (top) {
      const key = `${top.indicatorId}|${top.region ?? ''}`;
      d = driverIndex.get(key) ?? -1;
      if (d < 0) {
        d =
          drivers.push({
            indicatorId: top.indicatorId,
            label: top.label,
            ...(top.region ? { region: top.region } : {}),
          }) - 1;
        driverIndex.set(key, d);
      }
    }
    out.regions.push(r.region);
    out.class.push(c);
    out.score.push(r.score);
    out.trend.push(r.trend);
    out.flags.push(
      (r.basis === 'country' ? MAP_FLAGS.countryLevel : 0) |
        (r.conditionsOnly ? MAP_FLAGS.conditionsOnly : 0) |
        (r.retiredSince ? MAP_FLAGS.retired : 0),
    );
    out.indicators.push(r.evidence.indicators);
    out.driver.push(d);
  }
  return out;
}
