/**
 * Bins of a change in score points for the two-period and scenario maps: a diverging ColorBrewer
 * PuOr scale (colour-blind safe), orange for a rise in risk and purple for a fall, a neutral middle,
 * and a grey for regions without a score in one of the two compared states.
 */
export const CHANGE_BINS = [
  { id: 'fall-3', label: 'Fell 3 or more', min: -Infinity, color: '#542788' },
  { id: 'fall-1', label: 'Fell 1 to 3', min: -3, color: '#998ec3' },
  { id: 'fall-0', label: 'Fell 0.25 to 1', min: -1, color: '#d8daeb' },
  { id: 'same', label: 'Within ±0.25', min: -0.25, color: '#f7f7f7' },
  { id: 'rise-0', label: 'Rose 0.25 to 1', min: 0.25, color: '#fee0b6' },
  { id: 'rise-1', label: 'Rose 1 to 3', min: 1, color: '#f1a340' },
  { id: 'rise-3', label: 'Rose 3 or more', min: 3, color: '#b35806' },
] as const;

/** Category of a region with a score in only one of the two compared states, or in neither. */
export const CHANGE_MISSING = { id: 'missing', label: 'No score in one or both', color: '#d5d9de' } as const;

/** Id of a change bin. */
export type ChangeBin = (typeof CHANGE_BINS)[number]['id'] | typeof CHANGE_MISSING.id;

/** The bin of a change (null = not comparable). Bins include their lower bound, except that ±0.25 is "same". */
export function changeBin(delta: number | null): ChangeBin {
  if (delta === null || !Number.isFinite(delta)) return CHANGE_MISSING.id;
  if (delta > -0.25 && delta < 0.25) return 'same';
  let bin: ChangeBin = CHANGE_BINS[0].id;
  for (const b of CHANGE_BINS) if (delta >= b.min) bin = b.id;
  if (bin === 'same') bin = delta < 0 ? 'fall-0' : 'rise-0';
  return bin;
}

/** Fill colour per change bin, for the map's paint expression. */
export const CHANGE_PALETTE: Record<ChangeBin, string> = {
  ...(Object.fromEntries(CHANGE_BINS.map((b) => [b.id, b.color])) as Record<
    (typeof CHANGE_BINS)[number]['id'],
    string
  >),
  missing: CHANGE_MISSING.color,
};
