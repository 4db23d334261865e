import { t } from '../i18n/messages.ts';

/**
 * Bins of a change in score points for the two-period and scenario maps: a diverging ColorBrewer
 * PuOr scale (colour-blind safe), orange for a rise in risk and purple for a fall, a neutral middle,
 * and a grey for regions without a score in one of the two compared states.
 */
export const CHANGE_BINS = [
  {
    id: 'fall-3',
    get label() {
      return t('change.fall-3');
    },
    min: -Infinity,
    color: '#542788',
  },
  {
    id: 'fall-1',
    get label() {
      return t('change.fall-1');
    },
    min: -3,
    color: '#998ec3',
  },
  {
    id: 'fall-0',
    get label() {
      return t('change.fall-0');
    },
    min: -1,
    color: '#d8daeb',
  },
  {
    id: 'same',
    get label() {
      return t('change.same');
    },
    min: -0.25,
    color: '#f7f7f7',
  },
  {
    id: 'rise-0',
    get label() {
      return t('change.rise-0');
    },
    min: 0.25,
    color: '#fee0b6',
  },
  {
    id: 'rise-1',
    get label() {
      return t('change.rise-1');
    },
    min: 1,
    color: '#f1a340',
  },
  {
    id: 'rise-3',
    get label() {
      return t('change.rise-3');
    },
    min: 3,
    color: '#b35806',
  },
] as const;

/** Category of a region with a score in only one of the two compared states, or in neither. */
export const CHANGE_MISSING = {
  id: 'missing',
  get label() {
    return t('change.missing');
  },
  color: '#d5d9de',
} as const;

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
