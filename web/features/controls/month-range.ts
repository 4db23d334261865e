import { addMonths, isPeriod } from '../../../indicators/index.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { t } from '../../i18n/messages.ts';

/** A span of months, both ends included, `from` ≤ `to`. */
export interface MonthRange {
  from: string;
  to: string;
}

/** A range read from the URL: the months to show, whether the URL set them, and what was changed on the way. */
export interface ResolvedRange extends MonthRange {
  /** True when the URL holds `from` or `to`; false when the page's default is shown. */
  asked: boolean;
  /** One sentence per change made to what the URL asked (clamped to data, swapped, ignored). */
  notes: string[];
}

/**
 * The month with data nearest to `p` on the inside of a range: for a start, the first month with
 * data at or after it; for an end, the last at or before it (or the nearest end of the data).
 */
export function clampMonth(p: string, periods: readonly string[], side: 'start' | 'end'): string {
  if (periods.includes(p)) return p;
  const first = periods[0]!;
  const last = periods.at(-1)!;
  if (p < first) return first;
  if (p > last) return last;
  return side === 'start' ? periods.find((q) => q >= p)! : periods.findLast((q) => q <= p)!;
}

/**
 * The range a page shows, from `from` and `to` as the URL has them. Each end is clamped to the
 * months with data and the ends are put in order, and each such change is said in `notes`, so the
 * page can tell the reader that it shows something else than the link asked for. An end the URL
 * does not give comes from the page's default: `defaults.to`, and `defaults.from(to)` for the start.
 * Null while no month has data.
 */
export function resolveRange(
  url: { from: string | null; to: string | null },
  periods: readonly string[],
  defaults: { to: string; from: (to: string) => string },
): ResolvedRange | null {
  if (periods.length === 0) return null;
  const notes: string[] = [];
  const read = (raw: string | null, side: 'start' | 'end', name: 'from' | 'to'): string | null => {
    if (raw === null || raw === '') return null;
    if (!isPeriod(raw)) {
      notes.push(`“${raw}” is not a month (YYYY-MM), so ${name} is the default.`);
      return null;
    }
    const month = clampMonth(raw, periods, side);
    if (month !== raw)
      notes.push(
        raw < periods[0]! || raw > periods.at(-1)!
          ? `No data in ${fmtPeriod(raw)}: the range ${side === 'start' ? 'starts' : 'ends'} at ${fmtPeriod(month)}, the ${raw < periods[0]! ? 'first' : 'last'} month with data.`
          : `No data in ${fmtPeriod(raw)}: the range ${side === 'start' ? 'starts' : 'ends'} at ${fmtPeriod(month)}, the nearest month with data.`,
      );
    return month;
  };
  const askedTo = read(url.to, 'end', 'to');
  const askedFrom = read(url.from, 'start', 'from');
  let to = askedTo ?? clampMonth(defaults.to, periods, 'end');
  let from = askedFrom ?? clampMonth(defaults.from(to), periods, 'start');
  if (from > to) {
    if (askedFrom && askedTo) {
      notes.push(`The range ran backwards (${fmtPeriod(from)} after ${fmtPeriod(to)}): its ends are swapped.`);
      [from, to] = [to, from];
    } else if (askedFrom) {
      to = from;
    } else {
      from = to;
    }
  }
  return { from, to, asked: url.from !== null || url.to !== null, notes };
}

/**
 * The default range of a region's trend: the last `months` months with data, reaching back further
 * when the profile's month is older, so that the month shown is always in it.
 */
export function recentRange(periods: readonly string[], months: number, include: string | null): MonthRange | null {
  const last = periods.at(-1);
  if (!last) return null;
  let from = clampMonth(addMonths(last, -(months - 1)), periods, 'start');
  if (include && include < from) from = clampMonth(include, periods, 'start');
  return { from, to: last };
}

/** A range as people read it: `Jan 2016 – Nov 2017`, or one month when both ends are the same. */
export function fmtRange(r: MonthRange): string {
  return r.from === r.to ? fmtPeriod(r.from) : t('month.range', { from: fmtPeriod(r.from), to: fmtPeriod(r.to) });
}
