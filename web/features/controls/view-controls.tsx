import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { LENSES } from '../../../indicators/index.ts';
import type { Lens } from '../../../indicators/index.ts';
import { fmtPeriod } from '../../lib/format.ts';
import { LENS_LABELS, type LevelMode } from '../../lib/view-state.ts';
import { scenarioQueries } from '../../queries/scenarios.ts';

/** Lens picker. */
export function LensSelect({ value, onChange }: { value: Lens; onChange: (l: Lens) => void }) {
  return (
    <label>
      Lens
      <select value={value} onChange={(e) => onChange(e.target.value as Lens)}>
        {LENSES.map((l) => (
          <option key={l} value={l}>
            {LENS_LABELS[l]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Region level picker; `auto` shows countries, then first-level regions once zoomed in. */
export function LevelSelect({
  value,
  onChange,
  allowAuto = true,
}: {
  value: LevelMode;
  onChange: (l: LevelMode) => void;
  allowAuto?: boolean;
}) {
  return (
    <label>
      Regions
      <select
        value={String(value)}
        onChange={(e) => onChange(e.target.value === 'auto' ? 'auto' : (Number(e.target.value) as 0 | 1))}
      >
        {allowAuto && <option value="auto">Auto: countries, then regions</option>}
        <option value="0">Countries</option>
        <option value="1">First-level regions</option>
      </select>
    </label>
  );
}

/** Weighting scenario picker; hidden while the API offers no scenarios. */
export function ScenarioSelect({ value, onChange }: { value: string; onChange: (s: string) => void }) {
  const scenarios = useQuery(scenarioQueries.list());
  const list = scenarios.data ?? [];
  if (!scenarios.isSuccess || list.length === 0) return null;
  const hasBaseline = list.some((s) => s.id === 'baseline');
  return (
    <label>
      Weighting
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        {!hasBaseline && <option value="baseline">Baseline (catalogue weights)</option>}
        {list.map((s) => (
          <option key={s.id} value={s.id} title={s.description}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A month picker over the months that have data, as a select (for compact forms). */
export function PeriodSelect({
  label,
  periods,
  value,
  onChange,
}: {
  label: string;
  periods: readonly string[];
  value: string | null;
  onChange: (p: string) => void;
}) {
  return (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value)} disabled={!periods.length}>
        {!periods.length && <option value="">…</option>}
        {[...periods].reverse().map((p) => (
          <option key={p} value={p}>
            {fmtPeriod(p)}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The month slider with play/pause. Playing advances one month at a time, waiting while the
 * previous month is still loading (`busy`), and stops at the last month.
 */
export function PeriodSlider({
  periods,
  value,
  onChange,
  busy = false,
}: {
  periods: readonly string[];
  value: string | null;
  onChange: (p: string) => void;
  busy?: boolean;
}) {
  const id = useId();
  const [playing, setPlaying] = useState(false);
  const idx = value ? periods.indexOf(value) : -1;
  const state = useRef({ idx, busy, periods, onChange });
  useEffect(() => {
    state.current = { idx, busy, periods, onChange };
  });
  useEffect(() => {
    if (!playing) return;
    const t = window.setInterval(() => {
      const s = state.current;
      if (s.busy) return;
      const next = s.periods[s.idx + 1];
      if (next) s.onChange(next);
      else setPlaying(false);
    }, 900);
    return () => window.clearInterval(t);
  }, [playing]);

  const play = () => {
    if (idx >= periods.length - 1 && periods[0]) onChange(periods[0]);
    setPlaying((p) => !p);
  };
  return (
    <div className="period-slider">
      <button
        type="button"
        className="play"
        onClick={play}
        disabled={periods.length < 2}
        aria-pressed={playing}
        aria-label={playing ? 'Pause the months' : 'Play the months'}
      >
        {playing ? '❚❚' : '▶'}
      </button>
      <label htmlFor={id}>Month</label>
      <input
        id={id}
        type="range"
        min={0}
        max={Math.max(0, periods.length - 1)}
        value={Math.max(0, idx)}
        disabled={!periods.length}
        aria-valuetext={value ? fmtPeriod(value) : undefined}
        onChange={(e) => {
          const p = periods[Number(e.target.value)];
          if (p) onChange(p);
        }}
      />
      <output htmlFor={id}>{fmtPeriod(value)}</output>
    </div>
  );
}
