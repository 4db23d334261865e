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
