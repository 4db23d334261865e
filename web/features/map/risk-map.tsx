import { useQuery } from '@tanstack/react-query';
import { Map as MlMap, NavigationControl, type ExpressionSpecification } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { SCORE_CLASSES } from '../../../indicators/vocabulary.ts';
import { CLASS_COLORS } from '../../charts/risk-colors.ts';
import { boundaryQueries } from '../../queries/boundaries.ts';
import type { Level, MapScore } from '../../queries/scores.ts';

/** Fill colour from the `class` feature-state, so a new period or lens only restyles, never reloads geometry. */
const FILL_COLOR = [
  'match',
  ['coalesce', ['feature-state', 'class'], 'no-data'],
  ...SCORE_CLASSES.flatMap((c) => [c, CLASS_COLORS[c]]),
  CLASS_COLORS['no-data'],
] as unknown as ExpressionSpecification;

const LEVELS: Level[] = [0, 1];
const sourceId = (level: Level) => `admin${level}`;

export interface RiskMapProps {
  level: Level;
  scores: readonly MapScore[] | undefined;
  selected: string | null;
  onSelect: (code: string | null) => void;
  onHover: (hover: { code: string; name: string; x: number; y: number } | null) => void;
}

/**
 * The hotspot map: Vigil's own boundaries (no tile server) coloured by class through feature-state.
 * Geometry is added once per level; score changes only update feature-state.
 */
export function RiskMap({ level, scores, selected, onSelect, onHover }: RiskMapProps) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MlMap | null>(null);
  const [ready, setReady] = useState<Record<Level, boolean>>({ 0: false, 1: false });
  const boundaries = useQuery(boundaryQueries.level(level));
  const handlers = useRef({ onSelect, onHover });
  useEffect(() => {
    handlers.current = { onSelect, onHover };
  });

  useEffect(() => {
    const m = new MlMap({
      container: container.current!,
      style: `${window.location.origin}/api/map/style.json`,
      center: [25, 18],
      zoom: 1.4,
      minZoom: 0.5,
      maxZoom: 9,
      attributionControl: { compact: false, customAttribution: 'Boundaries: Made with Natural Earth; boundaries do not imply endorsement' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => setMap(m));
    (window as unknown as { __vigilMap?: MlMap }).__vigilMap = m;
    return () => m.remove();
  }, []);

  useEffect(() => {
    const id = sourceId(level);
    if (!map || !boundaries.data || ready[level] || map.getSource(id)) return;
    map.addSource(id, { type: 'geojson', data: boundaries.data, promoteId: 'code' });
    map.addLayer({ id: `${id}-fill`, type: 'fill', source: id, paint: { 'fill-color': FILL_COLOR, 'fill-opacity': 0.92 } });
    map.addLayer({
      id: `${id}-line`,
      type: 'line',
      source: id,
      paint: {
        'line-color': ['case', ['boolean', ['feature-state', 'selected'], false], '#111', level === 0 ? '#6b7280' : '#9aa3ad'],
        'line-width': ['case', ['boolean', ['feature-state', 'selected'], false], 2.5, level === 0 ? 0.6 : 0.3],
      },
    });
    const layer = `${id}-fill`;
    map.on('mousemove', layer, (e) => {
      const f = e.features?.[0];
      map.getCanvas().style.cursor = f ? 'pointer' : '';
      if (f) handlers.current.onHover({ code: String(f.properties.code), name: String(f.properties.name), x: e.point.x, y: e.point.y });
    });
    map.on('mouseleave', layer, () => {
      map.getCanvas().style.cursor = '';
      handlers.current.onHover(null);
    });
    map.on('click', layer, (e) => handlers.current.onSelect(e.features?.[0] ? String(e.features[0].properties.code) : null));
    map.once('idle', () => setReady((r) => ({ ...r, [level]: true })));
  }, [map, boundaries.data, level, ready]);

  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS) {
      if (!ready[l]) continue;
      const v = l === level ? 'visible' : 'none';
      map.setLayoutProperty(`${sourceId(l)}-fill`, 'visibility', v);
      map.setLayoutProperty(`${sourceId(l)}-line`, 'visibility', v);
    }
  }, [map, level, ready]);

  useEffect(() => {
    if (!map || !ready[level] || !scores) return;
    const source = sourceId(level);
    for (const s of scores) map.setFeatureState({ source, id: s.region }, { class: s.class, score: s.score });
    map.getContainer().dataset.appliedScores = String(scores.length);
  }, [map, ready, level, scores]);

  useEffect(() => {
    if (!map || !ready[level] || !selected) return;
    const target = { source: sourceId(level), id: selected };
    map.setFeatureState(target, { selected: true });
    return () => {
      if (map.getSource(target.source)) map.setFeatureState(target, { selected: false });
    };
  }, [map, ready, level, selected]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label="Risk map" data-testid="risk-map" data-ready={ready[level] ? 'true' : 'false'} />
      {boundaries.isPending && <p className="map-status">Loading boundaries…</p>}
      {boundaries.isError && <p className="map-status error">Could not load boundaries: {boundaries.error.message}</p>}
    </div>
  );
}
