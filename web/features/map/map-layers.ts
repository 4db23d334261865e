import type { ExpressionSpecification, Map as MlMap, VectorTileSource } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import type { BoundaryProps } from '../../queries/boundaries.ts';
import type { Level } from '../../lib/view-state.ts';
import { PATTERN_KINDS, PATTERNS, patternPixels, type PatternKind } from '../../charts/patterns.ts';

/** Source id of a level's boundaries. */
export const sourceId = (level: Level) => `admin${level}`;

/**
 * Levels drawn from Vigil's vector tiles (`/api/tiles/{level}/…`, only the tiles in view, cut on the
 * server); the others from their GeoJSON, handed to MapLibre's worker whole (the countries: a small file).
 */
export const TILED: Readonly<Record<Level, boolean>> = { 0: false, 1: true };

/** The layer of Vigil's tiles, and their deepest zoom (the API's `TILE_MAX_ZOOM`; the map over-zooms beyond). */
const TILE_LAYER = 'regions';
const TILE_MAX_ZOOM = 8;

/** Source of the districts (admin-2 of user boundary sets), drawn over the first-level regions when zoomed in. */
export const DISTRICTS = 'admin2';

/** Zoom from which districts are drawn where a country has them (first-level regions elsewhere). */
export const DISTRICT_ZOOM = 5;

const tiledSources = new Set([...([0, 1] as Level[]).filter((l) => TILED[l]).map(sourceId), DISTRICTS]);

/** Where a region's feature-state lives in `source` (a tiled source also names its layer). */
export const featureTarget = (source: string, id: string) =>
  tiledSources.has(source) ? { source, sourceLayer: TILE_LAYER, id } : { source, id };

/** Opacity of the fill of the level on show. */
export const FILL_OPACITY = 0.92;

/** Fill colour from the `fill` feature-state through a palette, so a restyle never touches geometry. */
export const fillColor = (palette: Readonly<Record<string, string>>, fallback: string) =>
  [
    'match',
    ['coalesce', ['feature-state', 'fill'], '-'],
    ...Object.entries(palette).flat(),
    fallback,
  ] as unknown as ExpressionSpecification;

/** Id of the layer that draws texture `kind` over a level's fill. */
const patternLayer = (level: Level, kind: PatternKind) => `${sourceId(level)}-${kind}`;

/** Device pixels per CSS pixel of the texture images (crisp on high-density screens and in print exports). */
const PATTERN_RATIO = 3;

/**
 * Gives `map` Vigil's texture images (generated here, no sprite server): now if its style is
 * loaded, and whenever a style asks for one it lacks (e.g. an off-screen copy for an export).
 */
export function installPatterns(map: MlMap): void {
  const add = (id: string) => {
    const kind = PATTERN_KINDS.find((k) => PATTERNS[k].id === id);
    if (kind && !map.hasImage(id)) map.addImage(id, patternPixels(kind, PATTERN_RATIO), { pixelRatio: PATTERN_RATIO });
  };
  map.on('styleimagemissing', (e: { id: string }) => add(e.id));
  if (map.isStyleLoaded()) for (const k of PATTERN_KINDS) add(PATTERNS[k].id);
}

const isOn = (key: string) => ['boolean', ['feature-state', key], false] as unknown as ExpressionSpecification;

/** What a pointer on the map reports. */
export interface LayerEvents {
  onHover(h: { code: string; name: string; x: number; y: number } | null): void;
  onSelect(code: string | null): void;
}

/**
 * The layers of one set of regions (`prefix`: a level's source id, or the districts'), all hidden: a
 * fill coloured through feature-state, one texture layer per pattern kind (a fixed image, faded in
 * where the `pattern` feature-state names it: MapLibre cannot pick a pattern from feature-state), a
 * border line and a highlight line for the selected region and hotspots.
 */
function addRegionLayers(
  map: MlMap,
  prefix: string,
  source: { source: string; 'source-layer'?: string; minzoom?: number },
  before: string | undefined,
  paint: { palette: Readonly<Record<string, string>>; fallback: string },
  style: {
    fillOpacity: number;
    line: Record<string, string | number>;
    highlightColor: string | ExpressionSpecification;
  },
): void {
  const hidden = { visibility: 'none' as const };
  map.addLayer(
    {
      id: `${prefix}-fill`,
      type: 'fill',
      ...source,
      layout: hidden,
      paint: { 'fill-color': fillColor(paint.palette, paint.fallback), 'fill-opacity': style.fillOpacity },
    },
    before,
  );
  for (const kind of PATTERN_KINDS)
    map.addLayer(
      {
        id: `${prefix}-${kind}`,
        type: 'fill',
        ...source,
        layout: hidden,
        paint: {
          'fill-pattern': PATTERNS[kind].id,
          'fill-opacity': ['case', ['==', ['feature-state', 'pattern'], kind], 1, 0],
        },
      },
      before,
    );
  map.addLayer({ id: `${prefix}-line`, type: 'line', ...source, layout: hidden, paint: style.line }, before);
  map.addLayer(
    {
      id: `${prefix}-highlight`,
      type: 'line',
      ...source,
      layout: hidden,
      paint: {
        'line-color': style.highlightColor,
        'line-width': ['case', isOn('selected'), 3, isOn('hot'), 1.8, 0],
      },
    },
    before,
  );
}

/**
 * Adds one level's boundaries as a source keyed by region code (its vector tiles, or `data` for a
 * level that is not tiled), with its
 * {@link addRegionLayers} (the fill transparent until that level is shown). First-level layers go
 * under the country borders.
 */
export function addLevelLayers(
  map: MlMap,
  level: Level,
  data: FeatureCollection<Geometry, BoundaryProps> | undefined,
  paint: { palette: Readonly<Record<string, string>>; fallback: string },
  events: () => LayerEvents,
): void {
  const id = sourceId(level);
  if (TILED[level])
    map.addSource(id, {
      type: 'vector',
      tiles: [`${window.location.origin}/api/tiles/${level}/{z}/{x}/{y}.pbf`],
      maxzoom: TILE_MAX_ZOOM,
      promoteId: 'code',
    });
  else if (data) map.addSource(id, { type: 'geojson', data, promoteId: 'code', tolerance: level === 1 ? 1.5 : 0.375 });
  else return;
  const source = TILED[level] ? { source: id, 'source-layer': TILE_LAYER } : { source: id };
  const before = level === 1 && map.getLayer('admin0-line') ? 'admin0-line' : undefined;
  addRegionLayers(map, id, source, before, paint, {
    fillOpacity: 0,
    line: { 'line-color': level === 0 ? '#5f6b7a' : '#a0a9b4', 'line-width': level === 0 ? 0.7 : 0.35 },
    highlightColor: ['case', isOn('selected'), '#0b1220', '#1f2a44'],
  });
  const fill = `${id}-fill`;
  map.on('mousemove', fill, (e) => {
    const f = e.features?.[0];
    map.getCanvas().style.cursor = f ? 'pointer' : '';
    if (f)
      events().onHover({
        code: String(f.properties.code),
        name: String(f.properties.name),
        x: e.point.x,
        y: e.point.y,
      });
  });
  map.on('mouseleave', fill, () => {
    map.getCanvas().style.cursor = '';
    events().onHover(null);
  });
  map.on('click', fill, (e) => events().onSelect(e.features?.[0] ? String(e.features[0].properties.code) : null));
}

/**
 * Shows level `shown`; keeps `loading` (another level being prepared) visible but transparent so its
 * tiles load under the current map; hides the rest. Country borders always stay on top.
 */
export function showLevels(map: MlMap, shown: Level, loading: Level | null): void {
  for (const l of [0, 1] as Level[]) {
    const id = sourceId(l);
    if (!map.getLayer(`${id}-fill`)) continue;
    const on = l === shown || l === loading ? 'visible' : 'none';
    map.setLayoutProperty(`${id}-fill`, 'visibility', on);
    map.setPaintProperty(`${id}-fill`, 'fill-opacity', l === shown ? FILL_OPACITY : 0);
    map.setLayoutProperty(`${id}-highlight`, 'visibility', l === shown ? 'visible' : 'none');
    for (const kind of PATTERN_KINDS)
      map.setLayoutProperty(patternLayer(l, kind), 'visibility', l === shown ? 'visible' : 'none');
    map.setLayoutProperty(`${id}-line`, 'visibility', l === 0 || l === shown ? 'visible' : 'none');
  }
  if (map.getLayer('admin0-line')) {
    map.setPaintProperty('admin0-line', 'line-width', shown === 1 ? 1.1 : 0.7);
    map.setPaintProperty('admin0-line', 'line-color', shown === 1 ? '#3e4c59' : '#5f6b7a');
  }
}

/** The districts' tile URL: the boundary sets in force in `month` (see `tilesMonth`), or the active ones. */
const districtTiles = (month: string | null) =>
  `${window.location.origin}/api/tiles/2/{z}/{x}/{y}.pbf${month ? `?month=${month}` : ''}`;

/**
 * Adds the districts' vector tiles (`/api/tiles/2/…`: only where a boundary set has them, so the
 * first-level regions show through elsewhere; those in force in `month`) over the first-level
 * layers, under the country borders: a fill coloured through feature-state like the other levels,
 * the country-level texture, a border line and the selection outline. Hidden until
 * {@link showDistricts}; drawn from {@link DISTRICT_ZOOM}.
 */
export function addDistrictLayers(
  map: MlMap,
  paint: { palette: Readonly<Record<string, string>>; fallback: string },
  events: () => LayerEvents,
  month: string | null = null,
): void {
  if (map.getSource(DISTRICTS)) return;
  map.addSource(DISTRICTS, {
    type: 'vector',
    tiles: [districtTiles(month)],
    maxzoom: TILE_MAX_ZOOM,
    promoteId: 'code',
  });
  const source = { source: DISTRICTS, 'source-layer': TILE_LAYER, minzoom: DISTRICT_ZOOM };
  const before = map.getLayer('admin0-line') ? 'admin0-line' : undefined;
  addRegionLayers(map, DISTRICTS, source, before, paint, {
    fillOpacity: FILL_OPACITY,
    line: { 'line-color': '#ffffff', 'line-width': 0.6, 'line-opacity': 0.8 },
    highlightColor: '#0b1220',
  });
  const fill = `${DISTRICTS}-fill`;
  map.on('mousemove', fill, (e) => {
    const f = e.features?.[0];
    if (f)
      events().onHover({
        code: String(f.properties.code),
        name: String(f.properties.name),
        x: e.point.x,
        y: e.point.y,
      });
  });
  map.on('click', fill, (e) => {
    // The first-level layer under it answers the same click: the district, drawn on top, wins.
    const f = e.features?.[0];
    if (f) window.setTimeout(() => events().onSelect(String(f.properties.code)), 0);
  });
}

/**
 * Draws the districts in force in another month (a new version of a set retired or reshaped some):
 * the source's tiles are asked for again, their feature-state kept.
 */
export function setDistrictMonth(map: MlMap, month: string | null): void {
  const source = map.getSource<VectorTileSource>(DISTRICTS);
  const url = districtTiles(month);
  if (source && source.tiles?.[0] !== url) source.setTiles([url]);
}

/** Shows or hides the district layers (over the first-level regions only). */
export function showDistricts(map: MlMap, on: boolean): void {
  if (!map.getLayer(`${DISTRICTS}-fill`)) return;
  const v = on ? 'visible' : 'none';
  for (const id of ['fill', 'line', 'highlight', ...PATTERN_KINDS])
    map.setLayoutProperty(`${DISTRICTS}-${id}`, 'visibility', v);
}
