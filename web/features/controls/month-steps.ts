import { addMonths } from '../../../indicators/index.ts';

/** A year mark under the month slider: the year and the index of its first month with data. */
export interface YearTick {
  year: string;
  index: number;
  /** Where the mark sits along the track, 0 (first month) to 1 (last month). */
  at: number;
  /** False for marks drawn without their year, so that labels do not crowd a long track. */
  labelled: boolean;
}

/**
 * One mark per year that has data, at that year's first month with data. With more than
 * `maxLabels` years, only every second (third…) year is labelled; the others keep their mark.
 */
export function yearTicks(periods: readonly string[], maxLabels = 8): YearTick[] {
  const firsts: { year: string; index: number }[] = [];
  periods.forEach((p, index) => {
    const year = p.slice(0, 4);
    if (firsts.at(-1)?.year !== year) firsts.push({ year, index });
  });
  const every = Math.max(1, Math.ceil(firsts.length / maxLabels));
  const span = Math.max(1, periods.length - 1);
  return firsts.map((t, i) => ({ ...t, at: t.index / span, labelled: i % every === 0 }));
}

/** The keys the month slider answers, as ARIA's slider pattern describes them. */
export type MonthKey = 'ArrowLeft' | 'ArrowRight' | 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

/**
 * The index a key moves the slider to, over the months with data (`periods`, sorted): arrows one
 * month with data, PageUp/PageDown the month a year later/earlier (or the nearest month with data
 * beyond it), Home/End the first/last. `null` when the key is not the slider's, or nothing is shown.
 */
export function stepIndex(periods: readonly string[], index: number, key: string): number | null {
  const last = periods.length - 1;
  if (last < 0) return null;
  const at = Math.min(last, Math.max(0, index));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return Math.max(0, at - 1);
    case 'ArrowRight':
    case 'ArrowUp':
      return Math.min(last, at + 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageUp': {
      const target = addMonths(periods[at]!, 12);
      const i = periods.findIndex((p) => p >= target);
      return i < 0 ? last : i;
    }
    case 'PageDown': {
      const target = addMonths(periods[at]!, -12);
      const i = periods.findLastIndex((p) => p <= target);
      return i < 0 ? 0 : i;
    }
    default:
      return null;
  }
}
