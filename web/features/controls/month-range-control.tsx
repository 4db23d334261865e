import { useId } from 'react';
import { MonthControl } from './month-control.tsx';
import type { MonthRange } from './month-range.ts';
import { t } from '../../i18n/messages.ts';

/**
 * A span of months as two {@link MonthControl}s, "From" and "To". Moving one end past the other
 * brings the other along, so the range never runs backwards. `notes` (from `resolveRange`) say what
 * was changed in the range the link asked for.
 */
export function MonthRangeControl({
  label,
  periods,
  range,
  onChange,
  notes = [],
  fromLabel = t('month.from'),
  toLabel = t('month.to'),
  compact = false,
}: {
  label: string;
  periods: readonly string[];
  range: MonthRange | null;
  onChange: (r: MonthRange) => void;
  notes?: readonly string[];
  fromLabel?: string;
  toLabel?: string;
  compact?: boolean;
}) {
  const id = useId();
  return (
    <div className="month-range" role="group" aria-labelledby={id} data-testid="month-range">
      <span id={id} className="month-range-label">
        {label}
      </span>
      <MonthControl
        label={fromLabel}
        periods={periods}
        value={range?.from ?? null}
        compact={compact}
        onChange={(from) => onChange({ from, to: range && range.to > from ? range.to : from })}
      />
      <MonthControl
        label={toLabel}
        periods={periods}
        value={range?.to ?? null}
        compact={compact}
        onChange={(to) => onChange({ from: range && range.from < to ? range.from : to, to })}
      />
      {notes.length > 0 && (
        <p className="range-note" role="status">
          {notes.join(' ')}
        </p>
      )}
    </div>
  );
}
