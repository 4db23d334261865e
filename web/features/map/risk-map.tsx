import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Map as MlMap, NavigationControl, type ExpressionSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { boundaryQueries } from '../../queries/boundaries.ts';
import type { Level, MapView } from '../../lib/view-state.ts';
import { featureBounds } from './geo.ts';
import { MapLabels, type MapLabel } from './map-labels.tsx';

/** What colours the map: a category per region code (a class, or a change bin) for one level. */
export interface MapColouring {
  level: Level;
  /** Identifies this colouring (e.g. period, lens, level), so the same data are not applied twice. */
  key: string;
  rows: readonly { code: string; category: string; score?: number | null }[];
}

/** A region the user pointed at. */
export interface MapHover {
  code: string;
  name: string;
  x: number;
  y: number;
}

export interface RiskMapProps {
  /** The level shown. */
  level: Level;
  /** Fill colour per category; regions without one get `fallback`. */
  palette: Readonly<Record<string, string>>;
  fallback: string;
  colouring: MapColouring | undefined;
  selected: string | null;
  /** Regions outlined as hotspots. */
  highlighted?: readonly string[];
  labels?: readonly MapLabel[];
  initialView?: MapView | null;
  /** Fit the map to a region; change `seq` to fit again. */
  focus?: { code: string; level: Level; seq: number } | null;
  onSelect: (code: string | null) => void;
  onHover: (hover: MapHover | null) => void;
  onViewChange?: (view: MapView) => void;
  label?: string;
}

const LEVELS: Level[] = [0, 1];
const src = (level: Level) => `admin${level}`;
const NONE: readonly string[] = [];
const NO_LABELS: readonly MapLabel[] = [];
const WORLD: MapView = { zoom: 1.4, center: [25, 18] };

const fillColor = (palette: Readonly<Record<string, string>>, fallback: string) =>
  ['match', ['coalesce', ['feature-state', 'fill'], '-'], ...Object.entries(palette).flat(), fallback] as unknown as ExpressionSpecification;

const isOn = (key: string) => ['boolean', ['feature-state', key], false] as unknown as ExpressionSpecification;

/**
 * The map: Vigil's own boundaries (no tile, glyph or font server) for countries and first-level
 * regions, coloured through feature-state. Geometry is added once per level; a new period, lens or
 * comparison only updates feature-state, and the previous colours stay until new ones arrive.
 * Hotspots are outlined and labelled with HTML overlays; the selected region is outlined.
 */
export function RiskMap(props: RiskMapProps) {
  const { level, palette, fallback, colouring, selected, highlighted = NONE, labels = NO_LABELS, initialView, focus } = props;
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MlMap | null>(null);
  const [ready, setReady] = useState<Record<Level, boolean>>({ 0: false, 1: false });
  const b0 = useQuery(boundaryQueries.level(0));
  const b1 = useQuery({ ...boundaryQueries.level(1), enabled: level === 1 || focus?.level === 1 });
  const boundaries = useMemo(() => ({ 0: b0.data, 1: b1.data }), [b0.data, b1.data]);
  const shown = level === 0 ? b0 : b1;
  const handlers = useRef(props);
  const levelNow = useRef(level);
  useEffect(() => {
    handlers.current = props;
    levelNow.current = level;
  });
  // Once the countries are drawn, fetch the first-level boundaries in the background so zooming in is quick.
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!ready[0]) return;
    const id = window.setTimeout(() => void queryClient.prefetchQuery(boundaryQueries.level(1)), 1500);
    return () => window.clearTimeout(id);
  }, [ready, queryClient]);
  const codes = useMemo(() => ({ 0: new Set(b0.data?.features.map((f) => f.properties.code)), 1: new Set(b1.data?.features.map((f) => f.properties.code)) }), [b0.data, b1.data]);

  useEffect(() => {
    const v = initialView ?? WORLD;
    const m = new MlMap({
      container: container.current!,
      style: `${window.location.origin}/api/map/style.json`,
      center: v.center,
      zoom: v.zoom,
      minZoom: 0.5,
      maxZoom: 9,
      dragRotate: false,
      attributionControl: { compact: false, customAttribution: 'Boundaries: Made with Natural Earth; boundaries do not imply endorsement' },
      canvasContextAttributes: { preserveDrawingBuffer: true },
    });
    m.touchZoomRotate.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => setMap(m));
    m.on('moveend', () => {
      const c = m.getCenter();
      handlers.current.onViewChange?.({ zoom: m.getZoom(), center: [c.lng, c.lat] });
    });
    (window as unknown as { __vigilMap?: MlMap }).__vigilMap = m;
    return () => m.remove();
    // The map is created once; later view changes come from the user or from `focus`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // Geometry: one GeoJSON source per level, added once. Countries' borders stay on top of regions.
  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS) {
      const data = boundaries[l];
      const id = src(l);
      if (!data || map.getSource(id)) continue;
      map.addSource(id, { type: 'geojson', data, promoteId: 'code' });
      const before = l === 1 && map.getLayer('admin0-line') ? 'admin0-line' : undefined;
      const visibility = l === levelNow.current ? 'visible' : 'none';
      map.addLayer({ id: `${id}-fill`, type: 'fill', source: id, layout: { visibility }, paint: { 'fill-color': fillColor(palette, fallback), 'fill-opacity': 0.92 } }, before);
      map.addLayer({ id: `${id}-line`, type: 'line', source: id, layout: { visibility: l === 0 ? 'visible' : visibility }, paint: { 'line-color': l === 0 ? '#5f6b7a' : '#a0a9b4', 'line-width': l === 0 ? 0.7 : 0.35 } }, before);
      map.addLayer(
        {
          id: `${id}-highlight`,
          type: 'line',
          source: id,
          layout: { visibility },
          paint: {
            'line-color': ['case', isOn('selected'), '#0b1220', '#1f2a44'],
            'line-width': ['case', isOn('selected'), 3, isOn('hot'), 1.8, 0],
            'line-dasharray': [1, 0],
          },
        },
        before,
      );
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
      map.once('idle', () => setReady((r) => ({ ...r, [l]: true })));
    }
  }, [map, boundaries, palette, fallback]);

  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS) if (map.getLayer(`${src(l)}-fill`)) map.setPaintProperty(`${src(l)}-fill`, 'fill-color', fillColor(palette, fallback));
  }, [map, palette, fallback, ready]);

  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS) {
      const id = src(l);
      if (!map.getLayer(`${id}-fill`)) continue;
      const v = l === level ? 'visible' : 'none';
      for (const part of ['fill', 'highlight']) map.setLayoutProperty(`${id}-${part}`, 'visibility', v);
      map.setLayoutProperty(`${id}-line`, 'visibility', l === level || l === 0 ? 'visible' : 'none');
    }
    if (map.getLayer('admin0-line')) {
      map.setPaintProperty('admin0-line', 'line-width', level === 1 ? 1.1 : 0.7);
      map.setPaintProperty('admin0-line', 'line-color', level === 1 ? '#3e4c59' : '#5f6b7a');
    }
  }, [map, level, ready]);

  // Colours: feature-state only. Previous states stay until the next colouring overwrites them.
  const applied = useRef<Record<Level, string>>({ 0: '', 1: '' });
  useEffect(() => {
    if (!map || !colouring || !ready[colouring.level] || applied.current[colouring.level] === colouring.key) return;
    const source = src(colouring.level);
    for (const r of colouring.rows) map.setFeatureState({ source, id: r.code }, { fill: r.category, score: r.score ?? null });
    applied.current[colouring.level] = colouring.key;
    const el = map.getContainer();
    el.dataset.appliedScores = String(colouring.rows.length);
    el.dataset.appliedKey = colouring.key;
  }, [map, ready, colouring]);

  useFlagState(map, ready, codes, 'hot', highlighted);
  const selectedList = useMemo(() => (selected ? [selected] : []), [selected]);
  useFlagState(map, ready, codes, 'selected', selectedList);

  const focusData = focus ? boundaries[focus.level] : undefined;
  const fitted = useRef(-1);
  useEffect(() => {
    if (!map || !focus || !focusData || fitted.current === focus.seq) return;
    fitted.current = focus.seq;
    const f = focusData.features.find((x) => x.properties.code === focus.code);
    const bounds = f && featureBounds(f);
    if (bounds) map.fitBounds(bounds, { padding: 60, maxZoom: focus.level === 1 ? 6.5 : 5, duration: 700 });
  }, [map, focus, focusData]);

  return (
    <div className="map-wrap">
      <div ref={container} className="map" role="region" aria-label={props.label ?? 'Risk map'} data-testid="risk-map" data-ready={ready[level] ? 'true' : 'false'} data-level={level} />
      {map && <MapLabels map={map} labels={labels} boundaries={boundaries} />}
      {shown.isPending && shown.fetchStatus !== 'idle' && <p className="map-status">Loading boundaries…</p>}
      {shown.isError && (
        <p className="map-status error" role="alert">
          Could not load boundaries: {shown.error.message}
        </p>
      )}
    </div>
  );
}

/** Keeps a boolean feature-state `key` true on exactly `list` (on whichever level holds each code). */
function useFlagState(map: MlMap | null, ready: Record<Level, boolean>, codes: Record<Level, Set<string>>, key: string, list: readonly string[]) {
  useEffect(() => {
    if (!map) return;
    const targets = list.flatMap((id) => LEVELS.filter((l) => ready[l] && codes[l].has(id)).map((l) => ({ source: src(l), id })));
    for (const t of targets) map.setFeatureState(t, { [key]: true });
    return () => {
      for (const t of targets) if (map.getSource(t.source)) map.setFeatureState(t, { [key]: false });
    };
  }, [map, ready, codes, key, list]);
}
