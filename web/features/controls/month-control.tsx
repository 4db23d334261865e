import { useEffect, useId, useRef, useState, type CSSProperties } from 'react';
import { direction } from '../../i18n/languages.ts';
import { useLanguage } from '../../i18n/language-provider.tsx';
import { t } from '../../i18n/messages.ts';
import { fmtLongPeriod, fmtPeriod } from '../../lib/format.ts';
import { stepIndex, yearTicks } from './month-steps.ts';

/** Right to left, the horizontal arrow keys swap: left is later on a mirrored track. */
const MIRRORED_KEYS: Readonly<Record<string, string>> = { ArrowLeft: 'ArrowRight', ArrowRight: 'ArrowLeft' };

/**
 * The month control every page uses: a slider over the months that have data (so a month without
 * data cannot be chosen), with the years marked under the track, ◀/▶ buttons for the previous and
 * next month with data, and the keyboard of ARIA's slider pattern (arrows a month, PageUp/PageDown
 * a year, Home/End the first and last month). With `play`, a play/pause button advances one month
 * at a time, waiting while the previous month is still loading (`busy`), and stops at the last.
 * `compact` narrows the track for crowded toolbars; it is the same control.
 *
 * Right to left (Arabic), the slider runs from the first month at its right to the last at its left,
 * as the browser draws a range there: the arrows on the buttons and the arrow keys follow the track,
 * so ◀ and ArrowLeft go to a later month.
 */
export function MonthControl({
  label,
  periods,
  value,
  onChange,
  busy = false,
  play = false,
  compact = false,
}: {
  label?: string;
  periods: readonly string[];
  value: string | null;
  onChange: (p: string) => void;
  busy?: boolean;
  play?: boolean;
  compact?: boolean;
}) {
  const id = useId();
  const rtl = direction(useLanguage().lang) === 'rtl';
  const [playing, setPlaying] = useState(false);
  const idx = value ? periods.indexOf(value) : -1;
  const state = useRef({ idx, busy, periods, onChange });
  useEffect(() => {
    state.current = { idx, busy, periods, onChange };
  });
  useEffect(() => {
    if (!playing) return;
    const timer = window.setInterval(() => {
      const s = state.current;
      if (s.busy) return;
      const next = s.periods[s.idx + 1];
      if (next) s.onChange(next);
      else setPlaying(false);
    }, 900);
    return () => window.clearInterval(timer);
  }, [playing]);

  const go = (i: number | null) => {
    const p = i === null ? undefined : periods[i];
    if (p && p !== value) onChange(p);
  };
  const startPlay = () => {
    if (idx >= periods.length - 1 && periods[0]) onChange(periods[0]);
    setPlaying((p) => !p);
  };
  const ticks = yearTicks(periods, compact ? 5 : 8);
  const none = periods.length === 0;
  // "Month" needs no prefix; a range's ends ("From", "To") name theirs so each button has its own name.
  const text = label ?? t('month.label');
  return (
    <div className={`period-slider month-control${compact ? ' compact' : ''}`} data-testid="month-control">
      {play && (
        <button
          type="button"
          className="play"
          onClick={startPlay}
          disabled={periods.length < 2}
          aria-pressed={playing}
          aria-label={playing ? t('month.pause') : t('month.play')}
        >
          {playing ? '❚❚' : '▶'}
        </button>
      )}
      <label htmlFor={id}>{text}</label>
      <button
        type="button"
        className="step"
        onClick={() => go(stepIndex(periods, idx, 'ArrowLeft'))}
        disabled={idx <= 0}
        aria-label={label ? t('month.previousOf', { label }) : t('month.previous')}
        title={t('month.previous')}
      >
        {rtl ? '▶' : '◀'}
      </button>
      <div className="month-track">
        <input
          id={id}
          type="range"
          min={0}
          max={Math.max(0, periods.length - 1)}
          value={Math.max(0, idx)}
          disabled={none}
          aria-valuetext={value ? fmtLongPeriod(value) : undefined}
          onChange={(e) => go(Number(e.target.value))}
          onKeyDown={(e) => {
            if (e.altKey || e.ctrlKey || e.metaKey) return;
            const i = stepIndex(periods, idx, rtl ? (MIRRORED_KEYS[e.key] ?? e.key) : e.key);
            if (i === null) return;
            e.preventDefault();
            go(i);
          }}
        />
        <div className="year-ticks" aria-hidden="true" data-testid="year-ticks">
          {ticks.map((tick) => (
            <span key={tick.year} className="year-tick" style={{ '--at': tick.at } as CSSProperties}>
              {tick.labelled && (
                <>
                  <span className="year-full">{tick.year}</span>
                  <span className="year-short">’{tick.year.slice(2)}</span>
                </>
              )}
            </span>
          ))}
        </div>
      </div>
      <button
        type="button"
        className="step"
        onClick={() => go(stepIndex(periods, idx, 'ArrowRight'))}
        disabled={none || idx >= periods.length - 1}
        aria-label={label ? t('month.nextOf', { label }) : t('month.next')}
        title={t('month.next')}
      >
        {rtl ? '◀' : '▶'}
      </button>
      <output htmlFor={id}>{fmtPeriod(value)}</output>
    </div>
  );
}
