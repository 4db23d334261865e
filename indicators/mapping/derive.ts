import type { Confidence } from '../vocabulary.ts';

/** What every feed's mapping rules derive: a value of one indicator in one region and month. */
interface Placed {
  region: string;
  period: string;
  indicator: string;
}

/** Severity for a measured value: how many thresholds it reaches. @example severityFor(30, [1, 25, 100, 500]) === 2 */
export function severityFor(value: number, thresholds: readonly number[]): number {
  return thresholds.filter((t) => value >= t).length;
}

/**
 * Confidence of a value derived from located events: medium, or low when fewer than half of them
 * were located precisely enough to be sure of the region.
 * @example placedConfidence(1, 3) === 'low'
 */
export function placedConfidence(preciseEvents: number, events: number): Confidence {
  return preciseEvents * 2 >= events ? 'medium' : 'low';
}

/** Derived values in the order every profile reports them: by region, month, then indicator. */
export function sortDerived<T extends Placed>(rows: T[]): T[] {
  return rows.sort(
    (a, b) =>
      a.region.localeCompare(b.region) || a.period.localeCompare(b.period) || a.indicator.localeCompare(b.indicator),
  );
}
