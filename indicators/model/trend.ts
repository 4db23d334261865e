import { isRiskClass } from './classify.ts';

/**
 * Change of a score over some months: `now - then`, or null when either end is unscored.
 * @example trend(6, 4) === 2
 */
export function trend(now: number | null, then: number | null | undefined): number | null {
  if (now === null || then === null || then === undefined) return null;
  return now - then;
}

/** What {@link risers} needs of a score row. */
export interface TrendRow {
  region: string;
  score: number | null;
  class: string;
  trend: number | null;
  trend12: number | null;
}

/**
 * Regions whose score rose the most over the short (`months: 3`) or long (`months: 12`) window:
 * classed scores with a positive change, largest first (ties by region code), at most `limit`.
 * @example risers(rows, { months: 3, limit: 10 })[0].region
 */
export function risers<T extends TrendRow>(rows: readonly T[], opts: { months: 3 | 12; limit: number }): T[] {
  const change = (r: T) => (opts.months === 3 ? r.trend : r.trend12);
  return rows
    .filter((r) => isRiskClass(r.class) && (change(r) ?? 0) > 0)
    .sort((a, b) => (change(b) ?? 0) - (change(a) ?? 0) || a.region.localeCompare(b.region))
    .slice(0, opts.limit);
}
