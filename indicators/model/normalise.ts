import type { Measurement } from '../types.ts';
import type { ModelConfig } from './config.ts';

const clamp = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/**
 * The count a score uses for a recorded count: under `band`, a count from 1 to `smallCountThreshold` − 1
 * becomes the middle of that band (so 1, 2, 3 and 4 all score alike and none can be read back from a
 * public score); otherwise the count itself.
 * @example scoredValue({ kind: 'count', saturation: 100, unit: 'x' }, 3, MODEL_CONFIG) === 2.5
 */
export function scoredValue(
  m: Measurement,
  value: number,
  config: Pick<ModelConfig, 'smallCounts' | 'smallCountThreshold'>,
): number {
  if (m.kind !== 'count' || config.smallCounts !== 'band') return value;
  const t = config.smallCountThreshold;
  return value > 0 && value < t ? t / 2 : value;
}

/**
 * Puts a raw value on 0..1 according to the indicator's measurement:
 * severity is linear on 0..max; counts use a log scale that saturates (so the first events matter
 * most, as in INFORM's log transforms of counts); rates are linear up to saturation; binary is 0 or 1.
 * Values outside the scale are clamped.
 * @example normalise({ kind: 'severity', max: 4 }, 3) === 0.75
 */
export function normalise(m: Measurement, value: number): number {
  switch (m.kind) {
    case 'severity':
      return clamp(value / m.max);
    case 'count':
      return clamp(Math.log1p(Math.max(0, value)) / Math.log1p(m.saturation));
    case 'rate':
      return clamp(value / m.saturation);
    case 'binary':
      return value > 0 ? 1 : 0;
    default: {
      const never: never = m;
      throw new Error(`unknown measurement ${JSON.stringify(never)}`);
    }
  }
}

/** The largest valid raw value for a measurement, or null when unbounded (counts and rates). */
export function scaleMax(m: Measurement): number | null {
  switch (m.kind) {
    case 'severity':
      return m.max;
    case 'binary':
      return 1;
    default:
      return null;
  }
}

/**
 * A raw value in words for explanations and alerts. Counts below `smallCount` are written "<N" so
 * that no public output shows a handful of people that could be recognised (do no harm).
 * @example displayValue({ kind: 'count', saturation: 100, unit: 'children' }, 3, 5) === '<5 children'
 */
export function displayValue(m: Measurement, value: number, smallCount: number): string {
  switch (m.kind) {
    case 'severity':
      return `severity ${value} of ${m.max}`;
    case 'count':
      return value < smallCount ? `<${smallCount} ${m.unit}` : `${Math.round(value).toLocaleString('en-GB')} ${m.unit}`;
    case 'rate':
      return `${value} ${m.unit}`;
    case 'binary':
      return value > 0 ? 'present' : 'absent';
    default: {
      const never: never = m;
      throw new Error(`unknown measurement ${JSON.stringify(never)}`);
    }
  }
}
