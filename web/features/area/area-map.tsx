import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { Map as MlMap, NavigationControl, type GeoJSONSource } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
import { t } from '../../i18n/messages.ts';

/** How a click on the map changes the area: pick or drop a region, or add a vertex to the drawn ring. */
export type AreaMode = 'select' | 'draw';

const SOURCE = 'area-regions';
const TILE_LAYER = 'regions';
const PICKED = '#2563eb';

/** The drawn ring as GeoJSON: its vertices, its outline and (from three vertices) its fill; and uploaded polygons with their outlines. */
function drawnFeatures(ring: readonly [number, number][], shapes: readonly Polygon[] = []): FeatureCollection {
  const features: Feature[] = ring.map((p) => ({
    type: 'Feature',
    properties: {},
    geometry: { type: 'Point', coordinates: p },
  }));
  if (ring.length >= 2)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'LineString', coordinates: ring.length >= 3 ? [...ring, ring[0]!] : [...ring] },
    });
  if (ring.length >= 3)
    features.push({
      type: 'Feature',
      properties: {},
      geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]!]] },
    });
  for (const shape of shapes) {
    features.push({ type: 'Feature', properties: {}, geometry: shape });
    for (const line of shape.coordinates)
      features.push({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: line } });
  }
  return { type: 'FeatureCollection', features };
}

/**
 * The area page's map: first-level regions (or, with `level` 2, districts) from Vigil's vector tiles
 * over the local style, and an uploaded area's polygons (`shapes`) drawn like a finished ring. In
 * `select` mode a click picks or drops the region under it (picked regions drawn in blue through
 * feature-state); in `draw` mode a click adds a vertex to the drawn ring (drawn as a GeoJSON layer).
 * The map is exposed as `window.__vigilMap` for the browser tests, like the main map.
 */
export function AreaMap({
  level,
  mode,
  picked,
  ring,
  shapes,
  onToggle,
  onVertex,
}: {
  level: 1 | 2;
  mode: AreaMode;
  picked: readonly string[];
  ring: readonly [number, number][];
  shapes: readonly Polygon[];
  onToggle: (code: string) => void;
  onVertex: (p: [number, number]) => void;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MlMap | null>(null);
  const handlers = useRef({ mode, onToggle, onVertex });
  useEffect(() => {
    handlers.current = { mode, onToggle, onVertex };
  });
  const shown = useRef<Set<string>>(new Set());

  useEffect(() => {
    const m = new MlMap({
      container: container.current!,
      style: `${window.location.origin}/api/map/style.json`,
      center: ring[0] ?? [43, 34],
      zoom: 4,
      minZoom: 0.5,
      maxZoom: 9,
      dragRotate: false,
      doubleClickZoom: false,
      attributionControl: { compact: false, customAttribution: t('map.attribution') },
      locale: { 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') },
    });
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      m.addSource(SOURCE, {
        type: 'vector',
        tiles: [`${window.location.origin}/api/tiles/${level}/{z}/{x}/{y}.pbf`],
        maxzoom: 8,
        promoteId: 'code',
      });
      m.addSource('area-drawn', { type: 'geojson', data: drawnFeatures([]) });
      const from = { source: SOURCE, 'source-layer': TILE_LAYER };
      m.addLayer({
        id: 'area-fill',
        type: 'fill',
        ...from,
        paint: {
          'fill-color': ['case', ['boolean', ['feature-state', 'picked'], false], PICKED, '#ffffff'],
          'fill-opacity': ['case', ['boolean', ['feature-state', 'picked'], false], 0.45, 0.01],
        },
      });
      m.addLayer({ id: 'area-line', type: 'line', ...from, paint: { 'line-color': '#7b8794', 'line-width': 0.5 } });
      m.addLayer({
        id: 'area-drawn-fill',
        type: 'fill',
        source: 'area-drawn',
        filter: ['==', ['geometry-type'], 'Polygon'],
        paint: { 'fill-color': '#f59e0b', 'fill-opacity': 0.3 },
      });
      m.addLayer({
        id: 'area-drawn-line',
        type: 'line',
        source: 'area-drawn',
        filter: ['==', ['geometry-type'], 'LineString'],
        paint: { 'line-color': '#b45309', 'line-width': 2 },
      });
      m.addLayer({
        id: 'area-drawn-points',
        type: 'circle',
        source: 'area-drawn',
        filter: ['==', ['geometry-type'], 'Point'],
        paint: {
          'circle-radius': 4,
          'circle-color': '#b45309',
          'circle-stroke-color': '#fff',
          'circle-stroke-width': 1,
        },
      });
      setMap(m);
    });
    m.on('click', (e) => {
      const h = handlers.current;
      if (h.mode === 'draw') return h.onVertex([e.lngLat.lng, e.lngLat.lat]);
      const f = m.queryRenderedFeatures(e.point, { layers: ['area-fill'] })[0];
      if (f?.properties.code) h.onToggle(String(f.properties.code));
    });
    (window as unknown as { __vigilMap?: MlMap }).__vigilMap = m;
    return () => m.remove();
    // The map is made once; later props reach it through the effects below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (!map) return;
    const next = new Set(picked);
    for (const code of shown.current)
      if (!next.has(code))
        map.setFeatureState({ source: SOURCE, sourceLayer: TILE_LAYER, id: code }, { picked: false });
    for (const code of next)
      map.setFeatureState({ source: SOURCE, sourceLayer: TILE_LAYER, id: code }, { picked: true });
    shown.current = next;
  }, [map, picked]);

  useEffect(() => {
    (map?.getSource('area-drawn') as GeoJSONSource | undefined)?.setData(drawnFeatures(ring, shapes));
  }, [map, ring, shapes]);

  // An uploaded area comes into view once.
  useEffect(() => {
    if (!map || !shapes.length) return;
    const points = shapes.flatMap((s) => s.coordinates[0] ?? []);
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    map.fitBounds(
      [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs), Math.max(...ys)],
      ],
      { padding: 40, animate: false, maxZoom: 8 },
    );
  }, [map, shapes]);

  useEffect(() => {
    if (map) map.getCanvas().style.cursor = mode === 'draw' ? 'crosshair' : 'pointer';
  }, [map, mode]);

  return (
    <div
      className="area-map"
      ref={container}
      data-ready={map ? 'true' : 'false'}
      role="application"
      aria-label={mode === 'draw' ? t('area.mapDraw') : t('area.mapSelect')}
    />
  );
}
