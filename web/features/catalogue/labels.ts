import type { CatalogueStatus, Measurement, ObservationLevel, Relevance } from '../../../indicators/index.ts';
import { t, translated, type MessageId } from '../../i18n/messages.ts';

/** How the dashboard names each trafficking relevance, in the page's language. */
export const RELEVANCE_LABELS: Readonly<Record<Relevance, string>> = translated(
  ['direct', 'indirect', 'none'] as const,
  (r) => `catalogue.rel.${r}`,
);

/** The mark a relevance gets in the matrix, with its meaning for screen readers. */
export const RELEVANCE_MARKS: Record<Relevance, string> = { direct: '●', indirect: '○', none: '·' };

const STATUSES: readonly CatalogueStatus[] = ['official-number', 'paraphrase', 'added'];

/** One line on each catalogue status, for badges' titles and the legend, in the page's language. */
export const STATUS_LABELS: Readonly<Record<CatalogueStatus, { label: string; hint: string }>> = Object.fromEntries(
  STATUSES.map((s) => [
    s,
    {
      get label() {
        return t(`catalogue.status.${s}`);
      },
      get hint() {
        return t(`catalogue.status.${s}.hint` as MessageId);
      },
    },
  ]),
) as Record<CatalogueStatus, { label: string; hint: string }>;

/** Observation levels as people say them. */
export const LEVEL_LABELS: Readonly<Record<ObservationLevel, string>> = translated(
  ['country', 'area', 'site', 'route'] as const,
  (l) => `catalogue.level.${l}`,
);

/** A measurement in words: "Severity 0–4", "Count (saturates at 1,000 people)". */
export function measurementText(m: Measurement): string {
  switch (m.kind) {
    case 'severity':
      return t('catalogue.measure.severity', { max: m.max });
    case 'count':
      return t('catalogue.measure.count', { unit: m.unit, saturation: m.saturation });
    case 'rate':
      return t('catalogue.measure.rate', { unit: m.unit, saturation: m.saturation });
    case 'binary':
      return t('catalogue.measure.binary');
    default: {
      const never: never = m;
      return String(never);
    }
  }
}

/** "6 months", "1 month" (in the page's language). */
export const months = (n: number) => t('catalogue.months', { months: n });
