import { useQueryClient } from '@tanstack/react-query';
import type { Map as MlMap } from 'maplibre-gl';
import { useState } from 'react';
import type { Lens } from '../../../indicators/index.ts';
import { t } from '../../i18n/messages.ts';
import type { Level } from '../../lib/view-state.ts';
import { downloadLang } from '../../queries/exports.ts';
import { gatherChangeExport, gatherClassExport, type ChangeView } from './gather.ts';
import { EXPORT_SIZE, mapPng, mapSvgFile, PRINT_SCALE, saveBlob, type MapExport } from './map-export.ts';
import './export.css';

/** What the export control exports: the map view (`period` set) or a comparison (`compare` set). */
export interface ExportMenuProps {
  lens: Lens;
  /** 2: districts (drawn over the first-level regions; the score files carry `level=2`). */
  level: Level | 2;
  scenario: string;
  period: string | null;
  compare?: Omit<ChangeView, 'lens' | 'level'> | null;
  /** The selected region, offered as a printable brief. */
  region?: string | null;
}

type Format = 'png' | 'png-print' | 'svg';

/** The dashboard's MapLibre map, if one is on the page (the map component publishes it on `window`). */
function liveMap(): MlMap | null {
  const m = (window as unknown as { __vigilMap?: MlMap }).__vigilMap;
  return m && m.getContainer().isConnected ? m : null;
}

const query = (o: Record<string, string | number>) =>
  new URLSearchParams(Object.entries(o).map(([k, v]) => [k, String(v)])).toString();

/**
 * The "Export" control: the current map as PNG (slide size, and print resolution) and SVG, each
 * with title, legend, sources, credits, disclaimer and date; the scores behind it as CSV, HXL CSV
 * and GeoJSON; and the selected region's printable brief.
 */
export function ExportMenu({ lens, level, scenario, period, compare, region }: ExportMenuProps) {
  const qc = useQueryClient();
  const [busy, setBusy] = useState<Format | null>(null);
  const [status, setStatus] = useState('');
  const month = compare ? compare.to : period;
  const base = compare
    ? `vigil-change-${lens}-${compare.mode === 'periods' ? `${compare.from}-to-${compare.to}` : `${compare.to}-${compare.scenario}-vs-baseline`}-admin${level}`
    : `vigil-map-${lens}-${period}-admin${level}${scenario === 'baseline' ? '' : `-${scenario}`}`;
  const ready = Boolean(month) && busy === null;

  async function run(format: Format) {
    if (!month) return;
    setBusy(format);
    setStatus(format === 'svg' ? t('export.drawingSvg') : t('export.drawingPng'));
    const t0 = performance.now();
    try {
      const live = liveMap();
      const x: MapExport = compare
        ? await gatherChangeExport(qc, { ...compare, lens, level }, live)
        : await gatherClassExport(qc, { period: month, lens, level, scenario }, live);
      const blob =
        format === 'svg'
          ? new Blob([await mapSvgFile(x)], { type: 'image/svg+xml' })
          : await mapPng(x, format === 'png' ? 1 : PRINT_SCALE, live);
      const name = `${base}${format === 'png-print' ? '-print' : ''}.${format === 'svg' ? 'svg' : 'png'}`;
      saveBlob(blob, name);
      setStatus(t('export.saved', { name, kb: Math.round(blob.size / 1024), ms: Math.round(performance.now() - t0) }));
    } catch (e) {
      setStatus(t('export.failed', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(null);
    }
  }

  const data = (m: string, fileScenario: string) =>
    query({ period: m, lens, level, scenario: fileScenario, ...downloadLang() });
  const months = compare
    ? compare.mode === 'periods'
      ? [compare.from, compare.to]
      : [compare.to]
    : month
      ? [month]
      : [];
  const fileScenario = compare ? (compare.mode === 'scenario' ? compare.scenario : 'baseline') : scenario;
  return (
    <details className="export-menu">
      <summary>{t('export.label')}</summary>
      <div className="export-panel" role="group" aria-label={t('export.label')}>
        <p className="export-head">{t('export.mapHead')}</p>
        <button type="button" data-export="png" disabled={!ready} onClick={() => void run('png')}>
          PNG <small>{`${EXPORT_SIZE.width} × ${EXPORT_SIZE.height}`}</small>
        </button>
        <button type="button" data-export="png-print" disabled={!ready} onClick={() => void run('png-print')}>
          {t('export.pngPrint')}{' '}
          <small>{`${EXPORT_SIZE.width * PRINT_SCALE} × ${EXPORT_SIZE.height * PRINT_SCALE}`}</small>
        </button>
        <button type="button" data-export="svg" disabled={!ready} onClick={() => void run('svg')}>
          SVG <small>{t('export.svgNote')}</small>
        </button>
        <p className="export-head">{t('export.scoresHead')}</p>
        {months.map((m) => (
          <p key={m} className="export-links">
            {months.length > 1 && <span>{m}: </span>}
            <a href={`/api/export/scores.csv?${data(m, fileScenario)}`} download>
              CSV
            </a>
            <a href={`/api/export/scores.hxl.csv?${data(m, fileScenario)}`} download>
              HXL CSV
            </a>
            <a href={`/api/export/scores.geojson?${data(m, fileScenario)}`} download>
              GeoJSON
            </a>
          </p>
        ))}
        {region && month && (
          <>
            <p className="export-head">{t('map.selectedRegion')}</p>
            <a
              className="export-brief"
              href={`/brief?${query({ region, period: month, lens, ...(scenario === 'baseline' ? {} : { scenario }) })}`}
              target="_blank"
              rel="noopener"
            >
              {t('export.brief')}
            </a>
          </>
        )}
        <p className="export-status" role="status">
          {status}
        </p>
      </div>
    </details>
  );
}
