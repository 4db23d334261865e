import type { Measurement } from '../../../indicators/index.ts';
import { t } from '../../i18n/messages.ts';

/** The scale of an indicator in words, e.g. "severity 0–4" (the unit of counts and rates is the catalogue's). */
export function scaleLabel(m: Measurement): string {
  switch (m.kind) {
    case 'severity':
      return t('entry.scale.severity', { max: m.max });
    case 'binary':
      return t('entry.scale.binary');
    case 'count':
      return t('entry.scale.count', { unit: m.unit });
    case 'rate':
      return t('entry.scale.rate', { unit: m.unit });
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** The values a form offers for a scale with few values (severity, binary); null for counts and rates. */
export function scaleChoices(m: Measurement): { value: number; label: string }[] | null {
  if (m.kind === 'binary')
    return [
      { value: 0, label: t('entry.scale.absent') },
      { value: 1, label: t('entry.scale.present') },
    ];
  if (m.kind === 'severity')
    return Array.from({ length: m.max + 1 }, (_, v) => ({
      value: v,
      label: v === 0 ? t('entry.scale.none') : v === m.max ? t('entry.scale.extreme', { value: v }) : String(v),
    }));
  return null;
}

/** The current month, `YYYY-MM` (the latest a value may describe). */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}
