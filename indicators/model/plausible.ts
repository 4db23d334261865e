import type { Measurement } from '../types.ts';

/** The values an indicator can plausibly take: from `min` to `max`, whole numbers only when `integer`. */
export interface PlausibleRange {
  min: number;
  max: number;
  integer: boolean;
}

/** A count above this many times its saturation is taken as a typo or a unit mistake, not a reading. */
export const COUNT_CEILING_FACTOR = 100;

/**
 * The plausible range of an indicator, from its measurement: a severity on its scale (0 to `max`),
 * binary 0 or 1, a rate in % from 0 to 100, a rate "per N" from 0 to N, another rate up to
 * {@link COUNT_CEILING_FACTOR} times its saturation, and a count from 0 to
 * {@link COUNT_CEILING_FACTOR} times its saturation (the count at which the score is already full):
 * a region that reports a hundred times what the scale treats as extreme is far likelier to carry a
 * typo, a national total or a wrong unit than a reading.
 * @example plausibleRange({ kind: 'rate', saturation: 25, unit: '% of sites inspected' }).max === 100
 * @example plausibleRange({ kind: 'count', saturation: 1000, unit: 'people' }).max === 100000
 */
export function plausibleRange(m: Measurement): PlausibleRange {
  switch (m.kind) {
    case 'severity':
      return { min: 0, max: m.max, integer: true };
    case 'binary':
      return { min: 0, max: 1, integer: true };
    case 'count':
      return { min: 0, max: m.saturation * COUNT_CEILING_FACTOR, integer: true };
    case 'rate': {
      if (m.unit.trim().startsWith('%')) return { min: 0, max: 100, integer: false };
      const per = /per\s+([\d,]+)/i.exec(m.unit);
      const base = per ? Number(per[1]!.replace(/,/g, '')) : NaN;
      return { min: 0, max: base > 0 ? base : m.saturation * COUNT_CEILING_FACTOR, integer: false };
    }
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** True when `value` lies in the range (and is whole where the range asks for it). */
export function isPlausible(range: PlausibleRange, value: number): boolean {
  return (
    Number.isFinite(value) && value >= range.min && value <= range.max && (!range.integer || Number.isInteger(value))
  );
}
