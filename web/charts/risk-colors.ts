import type { ScoreClass } from '../../indicators/index.ts';
import { translated } from '../i18n/messages.ts';

/**
 * Fill colour per class: ColorBrewer OrRd (5 classes, colour-blind safe, prints in greyscale in
 * order) for risk; two neutral greys that no risk colour resembles for missing data.
 */
export const CLASS_COLORS: Record<ScoreClass, string> = {
  'very-low': '#fef0d9',
  low: '#fdcc8a',
  medium: '#fc8d59',
  high: '#e34a33',
  'very-high': '#b30000',
  'insufficient-data': '#a3a9b3',
  'no-data': '#eceef1',
};

/** Human labels per class, for legends and tooltips, in the current language. */
export const CLASS_LABELS: Readonly<Record<ScoreClass, string>> = translated(
  Object.keys(CLASS_COLORS) as ScoreClass[],
  (c) => `class.${c}`,
);

/** Narrows a class string from the API to a {@link ScoreClass} (unknown values count as no data). */
export function asClass(s: string | null | undefined): ScoreClass {
  return s && s in CLASS_COLORS ? (s as ScoreClass) : 'no-data';
}
