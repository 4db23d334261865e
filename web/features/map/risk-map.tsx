import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Map as MlMap, NavigationControl } from 'maplibre-gl';
import { useEffect, useMemo, useRef, useState } from 'react';
import { t } from '../../i18n/messages.ts';
import { boundaryQueries } from '../../queries/boundaries.ts';
import type { Level, MapView } from '../../lib/view-state.ts';
import { featureBounds } from './geo.ts';
import type { PatternKind } from '../../charts/patterns.ts';
import {
  addDistrictLayers,
  addLevelLayers,
  DISTRICTS,
  featureTarget,
  fillColor,
  installPatterns,
  setDistrictMonth,
  showDistricts,
  showLevels,
  sourceId,
  TILED,
} from './map-layers.ts';
import { MapLabels, type MapLabel } from './map-labels.tsx';

/** What colours the map: a category per region code (a class, or a change bin) for one level. */
export interface MapColouring {
  level: Level;
  /** Identifies this colouring (e.g. period, lens, level), so the same data are not applied twice. */
  key: string;
  /** Per region: its category, its score, and the texture drawn over its colour (none by default). */
  rows: readonly { code: string; category: string; score?: number | null; pattern?: PatternKind | null }[];
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
  /** Fit the map to a region (at least `minZoom` close, e.g. for its districts); change `seq` to fit again. */
  focus?: { code: string; level: Level; seq: number; minZoom?: number } | null;
  onSelect: (code: string | null) => void;
  onHover: (hover: MapHover | null) => void;
  onViewChange?: (view: MapView) => void;
  label?: string;
  /** Why the data the map is coloured with failed to load (shown with a Retry button), if they did. */
  dataError?: string | null;
  /** Asks the parent to fetch its data again (the Retry button; the map itself is handled here). */
  onRetry?: () => void;
  /**
   * Districts to draw over the first-level regions (from {@link DISTRICT_ZOOM}), coloured like a
   * level; null or empty when there are none, or they are not wanted.
   */
  districts?: (Omit<MapColouring, 'level'> & { tilesMonth?: string | null }) | null;
}

const LEVELS: Level[] = [0, 1];
const NONE: readonly string[] = [];
const NO_LABELS: readonly MapLabel[] = [];
const WORLD: MapView = { zoom: 1.4, center: [25, 18] };
/** How long the map may take to start (its style loaded) or to index a level's boundaries before it is called failed. */
const START_TIMEOUT_MS = 30_000;
const SOURCE_TIMEOUT_MS = 60_000;
/** How long a lost WebGL context may take to come back before the map is called failed. */
const CONTEXT_RESTORE_MS = 10_000;

/**
 * The map: Vigil's own boundaries (no tile, glyph or font server) for countries and first-level
 * regions, coloured through feature-state (a category's colour, and a texture over it for
 * conditions-only and country-level-only regions). Geometry is added once per level; a new period, lens or
 * comparison only updates feature-state, and the previous colours stay until new ones arrive.
 * Hotspots are outlined and labelled with HTML overlays; the selected region is outlined. Place names
 * (countries, and first-level regions when zoomed in) are HTML overlays too, placed around the
 * hotspot labels; a button turns them off.
 */
export function RiskMap(props: RiskMapProps) {
  const {
    level,
    palette,
    fallback,
    colouring,
    selected,
    highlighted = NONE,
    labels = NO_LABELS,
    initialView,
    focus,
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const [showNames, setShowNames] = useState(true);
  const [map, setMap] = useState<MlMap | null>(null);
  /** Why the map itself (WebGL, its worker, its style) failed, if it did; Retry re-creates it. */
  const [broken, setBroken] = useState<string | null>(null);
  /** Bumped by Retry after the map broke, to create a new one. */
  const [attempt, setAttempt] = useState(0);
  /** Levels whose source is loaded. */
  const [added, setAdded] = useState<Record<Level, boolean>>({ 0: false, 1: false });
  /** Levels whose tiles have been drawn at least once, so they can be shown without a blank map. */
  const [ready, setReady] = useState<Record<Level, boolean>>({ 0: false, 1: false });
  // A tiled level's whole geometry is only for place names and fitting to a region: fetched once the
  // level is drawn (or to fly to one of its regions), so it never holds up the map.
  const b0 = useQuery({ ...boundaryQueries.level(0), enabled: !TILED[0] || ready[0] || focus?.level === 0 });
  const b1 = useQuery({
    ...boundaryQueries.level(1),
    enabled: TILED[1] ? ready[1] || focus?.level === 1 : level === 1 || focus?.level === 1,
  });
  const boundaries = useMemo(() => ({ 0: b0.data, 1: b1.data }), [b0.data, b1.data]);
  /** The query the shown level's geometry waits for (none when tiled: its tiles come with the map). */
  const shownGeometry = TILED[level] ? null : level === 0 ? b0 : b1;
  /** Whether a level's source can be added: tiles can at once, GeoJSON once it is here. */
  const available = useMemo(
    () => ({ 0: TILED[0] || b0.data !== undefined, 1: TILED[1] || b1.data !== undefined }),
    [b0.data, b1.data],
  );
  // Until the asked-for level has drawn, the other level stays on screen (previous colours kept).
  const shownLevel: Level = ready[level] ? level : ready[level === 0 ? 1 : 0] ? (level === 0 ? 1 : 0) : level;
  const handlers = useRef(props);
  useEffect(() => {
    handlers.current = props;
  });
  // Once the countries are drawn, fetch an untiled first-level geometry in the background so zooming in
  // is quick (tiled, it loads its tiles when shown, and its place names after).
  const queryClient = useQueryClient();
  useEffect(() => {
    if (!ready[0] || TILED[1]) return;
    const id = window.setTimeout(() => void queryClient.prefetchQuery(boundaryQueries.level(1)), 1500);
    return () => window.clearTimeout(id);
  }, [ready, queryClient]);
  /** The `focus.seq` last fitted to. */
  const fitted = useRef(-1);

  useEffect(() => {
    const v = initialView ?? WORLD;
    let live = true;
    const fail = (why: string) => live && setBroken((b) => b ?? why);
    let m: MlMap;
    try {
      m = new MlMap({
        container: container.current!,
        style: `${window.location.origin}/api/map/style.json`,
        center: v.center,
        zoom: v.zoom,
        minZoom: 0.5,
        maxZoom: 9,
        dragRotate: false,
        attributionControl: {
          compact: false,
          customAttribution: t('map.attribution'),
        },
        canvasContextAttributes: { preserveDrawingBuffer: true },
        // The zoom buttons' names in the page's language (MapLibre's own UI strings).
        locale: { 'NavigationControl.ZoomIn': t('map.zoomIn'), 'NavigationControl.ZoomOut': t('map.zoomOut') },
      });
    } catch (err) {
      // MapLibre throws when WebGL cannot be created (no GPU, blocked, or out of contexts).
      console.error('The map could not start:', err);
      fail('the browser could not start WebGL, which the map needs to draw');
      return;
    }
    // Started means loaded once: isStyleLoaded() is false again whenever a source is loading tiles (a
    // busy machine, district tiles of another month), which is no failure.
    let loaded = false;
    const started = window.setTimeout(() => !loaded && fail('the map did not start in time'), START_TIMEOUT_MS);
    // The style or one of Vigil's sources failing (e.g. the worker cannot parse or index a level) leaves a
    // blank map; other errors (a texture, a late tile) are logged only.
    m.on('error', (e: { error?: { message: string }; sourceId?: string }) => {
      console.error('Map error:', e.error);
      const ours = e.sourceId !== undefined && LEVELS.some((l) => sourceId(l) === e.sourceId);
      if (ours || !loaded) fail(e.error?.message ?? 'the map reported an error');
    });
    let restore = 0;
    m.on('webglcontextlost', () => {
      restore = window.setTimeout(() => fail("the browser lost the map's WebGL context"), CONTEXT_RESTORE_MS);
    });
    m.on('webglcontextrestored', () => window.clearTimeout(restore));
    m.touchZoomRotate.disableRotation();
    m.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    m.on('load', () => {
      loaded = true;
      installPatterns(m);
      setMap(m);
    });
    // A level counts as added once the worker has loaded its source.
    m.on('sourcedata', (e) => {
      const l = LEVELS.find((x) => sourceId(x) === e.sourceId);
      if (l !== undefined && e.isSourceLoaded) setAdded((a) => (a[l] ? a : { ...a, [l]: true }));
    });
    m.on('moveend', () => {
      const c = m.getCenter();
      handlers.current.onViewChange?.({ zoom: m.getZoom(), center: [c.lng, c.lat] });
    });
    (window as unknown as { __vigilMap?: MlMap }).__vigilMap = m;
    return () => {
      live = false;
      window.clearTimeout(started);
      window.clearTimeout(restore);
      m.remove();
    };
    // The map is created once (again after Retry); later view changes come from the user or from `focus`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt]);

  // A level whose boundaries are here but never finish indexing (a worker that died or never started) is a failure too.
  useEffect(() => {
    if (!map || broken || !available[level] || added[level]) return;
    const id = window.setTimeout(
      () => setBroken((b) => b ?? `the map could not prepare the ${level === 0 ? 'countries' : 'first-level regions'}`),
      SOURCE_TIMEOUT_MS,
    );
    return () => window.clearTimeout(id);
  }, [map, broken, available, level, added]);

  // Geometry: one source per level, added once, countries first (first-level regions as soon as they
  // can be, hidden: tiles load only once shown; a GeoJSON level is indexed by the worker in the background).
  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS) {
      if (!available[l]) break;
      if (!map.getSource(sourceId(l)))
        addLevelLayers(map, l, boundaries[l], { palette, fallback }, () => handlers.current);
    }
  }, [map, available, boundaries, palette, fallback]);

  useEffect(() => {
    if (!map) return;
    for (const l of LEVELS)
      if (added[l]) map.setPaintProperty(`${sourceId(l)}-fill`, 'fill-color', fillColor(palette, fallback));
  }, [map, palette, fallback, added]);

  useEffect(() => {
    if (map) showLevels(map, shownLevel, shownLevel === level ? null : level);
  }, [map, shownLevel, level, added]);

  // The asked-for level is visible but transparent while it loads; its first idle means its tiles are drawn.
  useEffect(() => {
    if (!map || !added[level] || ready[level]) return;
    let live = true;
    const onIdle = () => live && setReady((r) => ({ ...r, [level]: true }));
    map.once('idle', onIdle);
    map.triggerRepaint();
    return () => {
      live = false;
      map.off('idle', onIdle);
    };
  }, [map, level, added, ready]);

  // Colours: feature-state only. Previous states stay until the next colouring overwrites them.
  const applied = useRef<Record<Level, string>>({ 0: '', 1: '' });
  // A performance mark once a colouring is on screen, so tests and profiling can time a restyle.
  const marked = useRef('');

  /** Retry: a broken map is created anew (its colours applied again); failed boundary fetches run again. */
  const retry = () => {
    if (broken) {
      setMap(null);
      setAdded({ 0: false, 1: false });
      setReady({ 0: false, 1: false });
      setDistrictsAdded(false);
      districtKey.current = '';
      applied.current = { 0: '', 1: '' };
      marked.current = '';
      fitted.current = -1;
      setBroken(null);
      setAttempt((a) => a + 1);
    }
    for (const q of [b0, b1]) if (q.isError) void q.refetch();
    props.onRetry?.();
  };
  const boundaryError = b0.isError ? b0.error : shownGeometry?.isError ? shownGeometry.error : null;
  const failure = broken
    ? t('map.notDrawn', { reason: broken })
    : boundaryError
      ? t('map.boundariesFailed', { message: boundaryError.message })
      : (props.dataError ?? null);
  useEffect(() => {
    if (!map || !colouring || !added[colouring.level] || applied.current[colouring.level] === colouring.key) return;
    const source = sourceId(colouring.level);
    for (const r of colouring.rows)
      map.setFeatureState(featureTarget(source, r.code), {
        fill: r.category,
        score: r.score ?? null,
        pattern: r.pattern ?? null,
      });
    applied.current[colouring.level] = colouring.key;
    const el = map.getContainer();
    el.dataset.appliedScores = String(colouring.rows.length);
    el.dataset.appliedKey = colouring.key;
  }, [map, added, colouring]);

  useEffect(() => {
    if (!map || !colouring || colouring.level !== shownLevel || applied.current[shownLevel] !== colouring.key) return;
    const key = colouring.key;
    const tag = `${key}#${applied.current[0]}#${applied.current[1]}`;
    if (marked.current === tag) return;
    marked.current = tag;
    const onIdle = () => {
      map.getContainer().dataset.drawnKey = key;
      performance.mark(`vigil:map-drawn:${key}`);
    };
    map.once('idle', onIdle);
    map.triggerRepaint();
  }, [map, shownLevel, colouring, added]);

  // Districts: their tiles added once some exist, coloured through feature-state, shown over the first-level regions.
  const districts = props.districts && props.districts.rows.length > 0 ? props.districts : null;
  const [districtsAdded, setDistrictsAdded] = useState(false);
  const districtKey = useRef('');
  useEffect(() => {
    if (!map || !districts || !added[1]) return;
    if (!districtsAdded) {
      addDistrictLayers(map, { palette, fallback }, () => handlers.current, districts.tilesMonth ?? null);
      setDistrictsAdded(true);
    } else setDistrictMonth(map, districts.tilesMonth ?? null);
    if (districtKey.current === districts.key) return;
    for (const r of districts.rows)
      map.setFeatureState(featureTarget(DISTRICTS, r.code), {
        fill: r.category,
        score: r.score ?? null,
        pattern: r.pattern ?? null,
      });
    districtKey.current = districts.key;
    map.getContainer().dataset.districtsKey = districts.key;
  }, [map, districts, added, districtsAdded, palette, fallback]);
  useEffect(() => {
    if (map && districtsAdded) showDistricts(map, shownLevel === 1 && districts !== null);
  }, [map, districtsAdded, shownLevel, districts]);

  useFlagState(map, added, 'hot', highlighted, districtsAdded);
  const selectedList = useMemo(() => (selected ? [selected] : []), [selected]);
  useFlagState(map, added, 'selected', selectedList, districtsAdded);

  const focusData = focus ? boundaries[focus.level] : undefined;
  useEffect(() => {
    if (!map || !focus || !focusData || fitted.current === focus.seq) return;
    fitted.current = focus.seq;
    const f = focusData.features.find((x) => x.properties.code === focus.code);
    const bounds = f && featureBounds(f);
    if (!bounds) return;
    const maxZoom = Math.max(focus.level === 1 ? 6 : 5, focus.minZoom ?? 0);
    const camera = map.cameraForBounds(bounds, { padding: 60, maxZoom });
    if (camera && focus.minZoom && (camera.zoom ?? 0) < focus.minZoom)
      map.flyTo({ center: camera.center, zoom: focus.minZoom, duration: 700 });
    else map.fitBounds(bounds, { padding: 60, maxZoom, duration: 700 });
  }, [map, focus, focusData]);

  return (
    <div className="map-wrap">
      <div
        ref={container}
        className="map"
        role="region"
        aria-label={props.label ?? t('map.riskMap')}
        data-testid="risk-map"
        data-ready={ready[level] ? 'true' : 'false'}
        data-level={level}
        data-shown-level={shownLevel}
      />
      {map && (
        <MapLabels
          map={map}
          labels={labels}
          boundaries={boundaries}
          names={showNames ? { regions: shownLevel === 1 } : null}
        />
      )}
      <button
        type="button"
        className="map-names-toggle"
        aria-pressed={showNames}
        title={showNames ? t('map.hideNames') : t('map.showNames')}
        onClick={() => setShowNames((s) => !s)}
      >
        {t('map.placeNames')}
      </button>
      {!failure &&
        ((shownGeometry?.isPending && shownGeometry.fetchStatus !== 'idle') || (added[0] && !ready[level])) && (
          <p className="map-status" role="status">
            {level === 0 ? t('map.loadingCountries') : t('map.loadingRegions')}
          </p>
        )}
      {failure && (
        <div className="map-failed" role="group" aria-labelledby="map-failed-title" data-testid="map-failed">
          <h2 id="map-failed-title">{t('map.failed')}</h2>
          <p role="alert">{failure}</p>
          <button type="button" onClick={retry}>
            {t('map.retry')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * Keeps a boolean feature-state `key` true on exactly `list`, on every level loaded (a code names a
 * region of one level only, so on the other the state touches no feature; a tiled level's features
 * may not be loaded yet, and take the state when they are).
 */
function useFlagState(
  map: MlMap | null,
  added: Record<Level, boolean>,
  key: string,
  list: readonly string[],
  districts: boolean,
) {
  useEffect(() => {
    if (!map) return;
    const sources = [...LEVELS.filter((l) => added[l]).map(sourceId), ...(districts ? [DISTRICTS] : [])];
    const targets = list.flatMap((id) => sources.map((s) => featureTarget(s, id)));
    for (const t of targets) map.setFeatureState(t, { [key]: true });
    return () => {
      for (const t of targets) if (map.getSource(t.source)) map.setFeatureState(t, { [key]: false });
    };
  }, [map, added, key, list, districts]);
}
