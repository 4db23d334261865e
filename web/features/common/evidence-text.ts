import { asClass, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { fmtScore } from '../../lib/format.ts';
import { currentLanguage, t } from '../../i18n/messages.ts';

/** A country's own score beside one of its regions, as the explanation's `country` field gives it. */
export interface CountryBeside {
  name: string;
  score: number | null;
  class: string;
}

/**
 * The line a region with country-level records only shows (tooltip, profile, brief): its
 * country's own score and class, and how many country-level records there are. `country`
 * undefined means "not loaded yet"; null means the country has no score.
 * @example countryLevelLine({ name: 'Democratic Republic of the Congo', score: 5.54, class: 'insufficient-data' }, 2) // "Country-level evidence: Democratic Republic of the Congo 5.5, insufficient data (2 records)"
 */
export function countryLevelLine(country: CountryBeside | null | undefined, records: number): string {
  const n = t('evidence.records', { count: records });
  if (country === undefined) return t('evidence.countryPending', { records: n });
  if (country === null || country.score === null) return t('evidence.countryNone', { records: n });
  const cls = CLASS_LABELS[asClass(country.class)].toLocaleLowerCase(currentLanguage());
  return t('evidence.country', { name: country.name, score: fmtScore(country.score), cls, records: n });
}

/** Country-level records among an explanation's contributions (one per indicator and source). */
export function countryRecords(contributions: readonly { observed: boolean; inherited: boolean }[]): number {
  return contributions.filter((c) => c.observed && c.inherited).length;
}

/**
 * The evidence counts of a score in plain words (counts of evidence, never of people, so never
 * suppressed): indicators, independent sources, direct signs and records of the region's own.
 * @example evidenceCounts({ indicators: 3, sources: 1, signs: 0, own: 3 }) // "3 indicators · 1 independent source · 0 direct signs · 3 own records"
 */
export function evidenceCounts(e: { indicators: number; sources: number; signs: number; own: number }): string {
  return t('evidence.counts', { indicators: e.indicators, sources: e.sources, signs: e.signs, own: e.own });
}
