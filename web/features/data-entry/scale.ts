import type { Measurement } from '../../../indicators/index.ts';

/** The scale of an indicator in words, e.g. "severity 0–4". */
export function scaleLabel(m: Measurement): string {
  switch (m.kind) {
    case 'severity':
      return `severity 0–${m.max}`;
    case 'binary':
      return 'absent (0) / present (1)';
    case 'count':
      return `count of ${m.unit}`;
    case 'rate':
      return `rate, ${m.unit}`;
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
      { value: 0, label: '0 — absent' },
      { value: 1, label: '1 — present' },
    ];
  if (m.kind === 'severity')
    return Array.from({ length: m.max + 1 }, (_, v) => ({
      value: v,
      label: v === 0 ? '0 — none' : v === m.max ? `${v} — extreme` : String(v),
    }));
  return null;
}

/** The current month, `YYYY-MM` (the latest a value may describe). */
export function currentMonth(now = new Date()): string {
  return now.toISOString().slice(0, 7);
}
