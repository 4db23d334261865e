import type { Period } from './types.ts';

const PERIOD_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** True when `s` is a month written `YYYY-MM`. */
export function isPeriod(s: string): boolean {
  return PERIOD_RE.test(s);
}

/** Months since year 0 for a `YYYY-MM` period, so periods can be subtracted. */
export function periodIndex(p: Period): number {
  const m = PERIOD_RE.exec(p);
  if (!m) throw new RangeError(`not a YYYY-MM period: ${p}`);
  return Number(m[1]) * 12 + Number(m[2]) - 1;
}

/** The period `n` months after `p` (negative `n` goes back). @example addMonths('2014-12', 1) === '2015-01' */
export function addMonths(p: Period, n: number): Period {
  const i = periodIndex(p) + n;
  const y = Math.floor(i / 12);
  const mo = (i % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (negative when `to` is earlier). */
export function monthsBetween(from: Period, to: Period): number {
  return periodIndex(to) - periodIndex(from);
}

/** Every month from `from` to `to` inclusive, in order. */
export function periodRange(from: Period, to: Period): Period[] {
  const out: Period[] = [];
  for (let i = 0, n = monthsBetween(from, to); i <= n; i++) out.push(addMonths(from, i));
  return out;
}

/** English month names, January first. */
export const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

/**
 * A month written out: `2017-11` as `November 2017`.
 * @example longPeriod('2017-11') // 'November 2017'
 */
export function longPeriod(p: Period): string {
  const [y, m] = p.split('-');
  return `${MONTH_NAMES[Number(m) - 1] ?? m} ${y}`;
}

/**
 * The first month that starts on or after `at` (a date `YYYY-MM-DD` or an ISO time): the first month
 * a region retired at `at` is no longer scored. A month is scored while it starts before the retirement.
 * @example firstMonthFrom('2017-01-01') // '2017-01'
 * @example firstMonthFrom('2017-01-15') // '2017-02'
 */
export function firstMonthFrom(at: string): Period {
  const month = at.slice(0, 7);
  return at.slice(0, 10) === `${month}-01` && !/[1-9]/.test(at.slice(10).replace(/Z$|[+-]\d\d:?\d\d$/, ''))
    ? month
    : addMonths(month, 1);
}

/** A retirement a later version of a boundary set ended: from the day a version dropped the code (`from`) to the day one brought it back (`until`), dates. */
export interface RetiredSpan {
  from: string;
  until: string;
}

/** A region's retirements: the one in force (`retiredAt`, null while the region is in force) and earlier ones that ended (`retiredSpans`). */
export interface Retirements {
  retiredAt?: string | null;
  retiredSpans?: readonly RetiredSpan[] | null;
}

/**
 * The months a region is retired in, as `[first, end)` pairs of periods, oldest first (`end` null for the
 * retirement in force): from the first month starting on or after each retirement to the first month
 * starting on or after the restoring version's date. Empty for a region never retired.
 * @example retiredMonths({ retiredAt: null, retiredSpans: [{ from: '2017-01-01', until: '2018-01-01' }] }) // [['2017-01', '2018-01']]
 */
export function retiredMonths(r: Retirements): [Period, Period | null][] {
  const out: [Period, Period | null][] = (r.retiredSpans ?? []).map((s) => [
    firstMonthFrom(s.from),
    firstMonthFrom(s.until),
  ]);
  if (r.retiredAt) out.push([firstMonthFrom(r.retiredAt), null]);
  return out.filter(([a, b]) => b === null || a < b);
}

/**
 * The retirement `period` falls in (its first month), or null when the region is in force then.
 * @example retiredSince({ retiredAt: '2017-01-01' }, '2017-05') // '2017-01'
 */
export function retiredSince(r: Retirements, period: Period): Period | null {
  for (const [a, b] of retiredMonths(r)) if (period >= a && (b === null || period < b)) return a;
  return null;
}

/**
 * {@link retiredMonths} as month indexes ({@link periodIndex}), `[first, end)`, Infinity for the retirement in force.
 * @example retiredIndexes({ retiredAt: '2017-01-01' }) // [[periodIndex('2017-01'), Infinity]]
 */
export function retiredIndexes(r: Retirements): [number, number][] {
  return retiredMonths(r).map(([a, b]) => [periodIndex(a), b === null ? Infinity : periodIndex(b)]);
}
