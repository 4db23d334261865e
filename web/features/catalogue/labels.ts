import type { CatalogueStatus, Measurement, ObservationLevel, Relevance } from '../../../indicators/index.ts';

/** How the dashboard names each trafficking relevance. */
export const RELEVANCE_LABELS: Record<Relevance, string> = {
  direct: 'Direct',
  indirect: 'Indirect',
  none: 'Not flagged',
};

/** The mark a relevance gets in the matrix, with its meaning for screen readers. */
export const RELEVANCE_MARKS: Record<Relevance, string> = { direct: '●', indirect: '○', none: '·' };

/** One line on each catalogue status, for badges' titles and the legend. */
export const STATUS_LABELS: Record<CatalogueStatus, { label: string; hint: string }> = {
  'official-number': {
    label: 'Official number',
    hint: 'Number and topic confirmed in the official document; wording is Vigil’s own summary',
  },
  paraphrase: { label: 'Paraphrase', hint: 'Known only second-hand; official wording and number not available here' },
  added: { label: 'Added', hint: 'Vigil’s own trafficking-specific indicator, no official status' },
};

/** Observation levels as people say them. */
export const LEVEL_LABELS: Record<ObservationLevel, string> = {
  country: 'Country',
  area: 'Area (region)',
  site: 'Site',
  route: 'Route',
};

/** A measurement in words: "Severity 0–4", "Count (saturates at 1,000 people)". */
export function measurementText(m: Measurement): string {
  switch (m.kind) {
    case 'severity':
      return `Severity 0–${m.max}`;
    case 'count':
      return `Count of ${m.unit} (saturates at ${m.saturation.toLocaleString('en')})`;
    case 'rate':
      return `Rate, ${m.unit} (saturates at ${m.saturation.toLocaleString('en')})`;
    case 'binary':
      return 'Present / absent';
    default: {
      const never: never = m;
      return String(never);
    }
  }
}

/** "6 months", "1 month". */
export const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`;
