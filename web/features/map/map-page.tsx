import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import type { Lens } from '../../../indicators/vocabulary.ts';
import { LENSES } from '../../../indicators/vocabulary.ts';
import { CLASS_COLORS, CLASS_LABELS } from '../../charts/risk-colors.ts';
import { setParams, useLocation } from '../../lib/router.ts';
import { scoreQueries, type Level, type MapScore } from '../../queries/scores.ts';
import { MapLegend } from './map-legend.tsx';
import { RiskMap } from './risk-map.tsx';

/** Lens names as users know them. */
export const LENS_LABELS: Record<Lens, string> = {
  overall: 'Overall (all frameworks)',
  crsv: 'CRSV early-warning matrix',
  osce: 'OSCE early-warning indicators',
  afac: 'Atrocity Framework',
  tip: 'Trafficking lens',
};

const fmt = (n: number | null) => (n === null ? '—' : n.toFixed(1));
const isLens = (s: string | null): s is Lens => LENSES.includes(s as Lens);

/** The hotspot map page: controls, the map with its legend, and the selected region. View state lives in the URL. */
export function MapPage() {
  const { params } = useLocation();
  const lens: Lens = isLens(params.get('lens')) ? (params.get('lens') as Lens) : 'tip';
  const level: Level = params.get('level') === '1' ? 1 : 0;
  const chosenPeriod = params.get('period');
  const selected = params.get('region');
  const setLens = (l: Lens) => setParams({ lens: l });
  const setLevel = (l: Level) => setParams({ level: String(l) });
  const setPeriod = (p: string | null) => setParams({ period: p });
  const setSelected = (r: string | null) => setParams({ region: r });
  const [hover, setHover] = useState<{ code: string; name: string; x: number; y: number } | null>(null);

  const periods = useQuery(scoreQueries.periods());
  const period = chosenPeriod ?? periods.data?.at(-1) ?? null;

  const scores = useQuery({ ...scoreQueries.map(period ?? '', lens, level), enabled: period !== null, placeholderData: keepPreviousData });
  const byCode = useMemo(() => new Map((scores.data ?? []).map((s) => [s.region, s])), [scores.data]);
  const periodList = periods.data ?? [];
  const periodIdx = period ? periodList.indexOf(period) : -1;

  return (
    <>
      <section className="controls" aria-label="Map controls">
        <label>
          Lens
          <select value={lens} onChange={(e) => setLens(e.target.value as Lens)}>
            {LENSES.map((l) => (
              <option key={l} value={l}>
                {LENS_LABELS[l]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Regions
          <select value={level} onChange={(e) => setLevel(Number(e.target.value) as Level)}>
            <option value={0}>Countries</option>
            <option value={1}>First-level regions</option>
          </select>
        </label>
        <label className="period">
          Month <output>{period ?? '…'}</output>
          <input
            type="range"
            min={0}
            max={Math.max(0, periodList.length - 1)}
            value={Math.max(0, periodIdx)}
            disabled={!periodList.length}
            aria-valuetext={period ?? undefined}
            onChange={(e) => setPeriod(periodList[Number(e.target.value)] ?? null)}
          />
        </label>
        {scores.isFetching && <span className="status">Updating…</span>}
        {scores.isError && <span className="status error">Scores unavailable: {scores.error.message}</span>}
      </section>
      <main className="content">
        <div className="map-area">
          <RiskMap level={level} scores={scores.data} selected={selected} onSelect={setSelected} onHover={setHover} />
          <MapLegend title={`${LENS_LABELS[lens]} · ${period ?? ''}`} />
          {hover && <Tooltip {...hover} score={byCode.get(hover.code)} />}
        </div>
        <aside className="panel" aria-label="Selected region">
          {selected ? <RegionSummary code={selected} score={byCode.get(selected)} /> : <p className="hint">Hover a region to see its score; click it for details.</p>}
        </aside>
      </main>
    </>
  );
}

function Tooltip({ name, x, y, score }: { name: string; x: number; y: number; score: MapScore | undefined }) {
  return (
    <div className="tooltip" role="tooltip" style={{ left: x + 12, top: y + 12 }}>
      <strong>{name}</strong>
      <br />
      {score ? `${CLASS_LABELS[score.class as keyof typeof CLASS_LABELS]} · score ${fmt(score.score)}` : 'No data'}
    </div>
  );
}

function RegionSummary({ code, score }: { code: string; score: MapScore | undefined }) {
  if (!score) return <p>{code}: no data for this month.</p>;
  const cls = score.class as keyof typeof CLASS_LABELS;
  return (
    <div className="summary" data-testid="region-summary">
      <h2>{score.name}</h2>
      <p className="code">{code}</p>
      <p className="big">
        <span className="swatch" style={{ background: CLASS_COLORS[cls] }} /> {fmt(score.score)} <small>/ 10 · {CLASS_LABELS[cls]}</small>
      </p>
      <dl>
        <dt>Coverage</dt>
        <dd>{Math.round(score.coverage * 100)}% of the lens's weight observed</dd>
        <dt>Confidence</dt>
        <dd>{score.confidence ?? '—'}</dd>
        <dt>Change over 3 months</dt>
        <dd>{score.trend === null ? '—' : `${score.trend > 0 ? '+' : ''}${score.trend.toFixed(1)}`}</dd>
      </dl>
      {score.drivers.length > 0 && (
        <>
          <h3>Main drivers</h3>
          <ol>
            {score.drivers.map((d) => (
              <li key={d.indicatorId}>
                {d.label} <small>(+{d.points.toFixed(1)})</small>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
