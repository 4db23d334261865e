import type { Map as MlMap } from 'maplibre-gl';
import type { FeatureCollection, Geometry } from 'geojson';
import { useEffect, useLayoutEffect, useMemo, useState } from 'react';
import type { BoundaryProps } from '../../queries/boundaries.ts';
import type { Level } from '../../lib/view-state.ts';
import { labelPoints } from './geo.ts';
import {
  candidateExtent,
  nameCandidates,
  placeNames,
  REGION_NAME_ZOOM,
  type Box,
  type NameCandidate,
} from './place-names.ts';

/** Pixels from a label's left edge to the centre of its rank badge, which sits on the region. */
const ANCHOR = 10;

/** A text label pinned to a region (HTML over the map: no glyph server needed). */
export interface MapLabel {
  code: string;
  level: Level;
  text: string;
  /** Small text under the name, e.g. the score. */
  detail?: string;
  /** Rank badge for hotspots. */
  rank?: number;
  kind: 'hotspot' | 'selected';
}

/** Place names drawn over the map (countries, and first-level regions when zoomed in). */
export interface MapNames {
  /** Name first-level regions too, once zoomed in to `REGION_NAME_ZOOM` (when the map shows that level). */
  regions: boolean;
}

/** Fonts of the overlays, as the CSS sets them (`.map-label`, `.map-name-0`, `.map-name-1`), for measuring text. */
const FONTS = {
  labelName: '600 12.16px',
  labelDetail: '400 12.16px',
  name0: '600 11px',
  name1: 'italic 400 10.5px',
} as const;
const NAME_HEIGHT = { 0: 13, 1: 12 } as const;

let measureCtx: CanvasRenderingContext2D | null = null;
const widths = new Map<string, number>();

/** Width in CSS pixels of `text` in one of the overlay fonts, measured once by a canvas and remembered. */
function measure(text: string, font: keyof typeof FONTS): number {
  const key = `${font}|${text}`;
  let w = widths.get(key);
  if (w === undefined) {
    measureCtx ??= document.createElement('canvas').getContext('2d');
    if (!measureCtx) return text.length * 7;
    measureCtx.font = `${FONTS[font]} ${getComputedStyle(document.documentElement).fontFamily}`;
    w = measureCtx.measureText(text).width;
    widths.set(key, w);
  }
  return w;
}

/** Width of a hotspot or selected label: badge or pin, name, score, padding and border (see `.map-label` in app.css). */
function labelWidth(l: MapLabel): number {
  const lead = l.rank !== undefined ? 19.2 : 21.6;
  const detail = l.detail ? 4.8 + measure(l.detail, 'labelDetail') : 0;
  return (l.kind === 'selected' ? 4 : 2) + lead + 4.8 + measure(l.text, 'labelName') + detail + 7.2;
}

/**
 * HTML labels positioned over the map with `map.project`, re-placed on every move (throttled to one
 * per animation frame). Labels outside the view are not drawn. Hotspot and selected labels come
 * first and always show; place names (`names`) fill the room left, largest place first, and a name
 * that would overlap anything already placed is left out. The container keeps a running count and
 * time of placements (`data-placements`, `data-placement-ms`: the work of placing, not React's commit) so a
 * test can measure the cost.
 */
export function MapLabels({
  map,
  labels,
  boundaries,
  names,
}: {
  map: MlMap;
  labels: readonly MapLabel[];
  boundaries: Record<Level, FeatureCollection<Geometry, BoundaryProps> | undefined>;
  names?: MapNames | null;
}) {
  const [, setFrame] = useState(0);
  const points = useMemo(
    () => ({
      0: boundaries[0] ? labelPoints(boundaries[0]) : null,
      1: boundaries[1] ? labelPoints(boundaries[1]) : null,
    }),
    [boundaries],
  );
  const candidates = useMemo(
    () => ({
      0: boundaries[0] ? nameCandidates(boundaries[0]) : [],
      1: boundaries[1] ? nameCandidates(boundaries[1]) : [],
    }),
    [boundaries],
  );

  useEffect(() => {
    let raf = 0;
    const onMove = () => {
      if (raf) return;
      raf = requestAnimationFrame(() => {
        raf = 0;
        setFrame((n) => n + 1);
      });
    };
    map.on('move', onMove);
    map.on('resize', onMove);
    return () => {
      map.off('move', onMove);
      map.off('resize', onMove);
      cancelAnimationFrame(raf);
    };
  }, [map]);

  // What covers the map (legend, buttons), measured when any of it changes size, not on every move.
  const [covers, setCovers] = useState<Box[]>([]);
  useEffect(() => {
    const area = map.getContainer().closest('.map-area') ?? map.getContainer().parentElement;
    const observer = new ResizeObserver(() => setCovers(covered(map)));
    observer.observe(map.getContainer());
    for (const el of area?.querySelectorAll(COVERS) ?? []) observer.observe(el);
    return () => observer.disconnect();
  }, [map]);

  const { placed, shown, ms } = placeAll(map, labels, points, names ? { names, candidates, covers } : null);
  useLayoutEffect(() => {
    const el = map.getContainer();
    el.dataset.placements = String(Number(el.dataset.placements ?? 0) + 1);
    el.dataset.placementMs = String(Number(el.dataset.placementMs ?? 0) + ms);
  });
  return (
    <div className="map-labels" aria-hidden="true">
      {shown.map((n) => (
        <div
          key={`name-${n.code}`}
          className={`map-name map-name-${n.level}`}
          data-code={n.code}
          style={{ transform: `translate(${Math.round(n.box.x0)}px, ${Math.round(n.box.y0)}px)` }}
        >
          {n.text}
        </div>
      ))}
      {placed.map(({ label: l, x, y, shifted }) => (
        <div
          key={`${l.kind}-${l.code}`}
          className={`map-label map-label-${l.kind}${shifted ? ' shifted' : ''}`}
          data-code={l.code}
          style={{ transform: `translate(${Math.round(x) - ANCHOR}px, ${Math.round(y)}px) translate(0, -50%)` }}
        >
          {l.rank !== undefined ? <span className="rank">{l.rank}</span> : <span className="pin" />}
          <span className="name">{l.text}</span>
          {l.detail && <span className="detail">{l.detail}</span>}
        </div>
      ))}
    </div>
  );
}

/** Places the hotspot and selected labels in view, then the names around them; `ms` is how long that took. */
function placeAll(
  map: MlMap,
  labels: readonly MapLabel[],
  points: Record<Level, Map<string, [number, number]> | null>,
  naming: { names: MapNames; candidates: Record<Level, readonly NameCandidate[]>; covers: readonly Box[] } | null,
) {
  const t0 = performance.now();
  const canvas = map.getCanvas();
  const width = canvas.clientWidth;
  const height = canvas.clientHeight;
  const placed = placeLabels(
    labels.flatMap((l) => {
      const at = points[l.level]?.get(l.code);
      if (!at) return [];
      const p = map.project(at);
      return p.x < -40 || p.y < -20 || p.x > width + 40 || p.y > height + 20 ? [] : [{ label: l, x: p.x, y: p.y }];
    }),
    labelWidth,
  );
  const shown = naming ? visibleNames(map, naming, placed, new Set(labels.map((l) => l.code))) : [];
  return { placed, shown, ms: performance.now() - t0 };
}

/**
 * The place names that fit the current view: countries, then first-level regions (when `names.regions`),
 * each level largest first, around the hotspot labels already placed (`placed`, never hidden) and
 * without repeating a name those labels carry (`labelled`).
 */
function visibleNames(
  map: MlMap,
  {
    candidates,
    names,
    covers,
  }: { names: MapNames; candidates: Record<Level, readonly NameCandidate[]>; covers: readonly Box[] },
  placed: readonly { label: MapLabel; x: number; y: number }[],
  labelled: ReadonlySet<string>,
) {
  const canvas = map.getCanvas();
  const frame = { x0: 0, y0: 0, x1: canvas.clientWidth, y1: canvas.clientHeight };
  const worldSize = 512 * 2 ** map.getZoom();
  const bounds = map.getBounds();
  const [w, e, s, n] = [bounds.getWest(), bounds.getEast(), bounds.getSouth(), bounds.getNorth()];
  const wholeWorld = e - w >= 360;
  const regions = names.regions && map.getZoom() >= REGION_NAME_ZOOM;
  const spots = ([0, 1] as Level[])
    .filter((l) => l === 0 || regions)
    .flatMap((level) =>
      candidates[level].flatMap((c) => {
        if (labelled.has(c.code)) return [];
        if (!wholeWorld && (c.at[0] < w || c.at[0] > e)) return [];
        if (c.at[1] < s || c.at[1] > n) return [];
        const width = measure(c.text, level === 0 ? 'name0' : 'name1');
        const extent = candidateExtent(c, worldSize);
        // Too small to carry its name at this zoom: skip before projecting.
        if (extent < width * 0.7) return [];
        const p = map.project(c.at);
        return [{ code: c.code, text: c.text, level, x: p.x, y: p.y, width, height: NAME_HEIGHT[level], extent }];
      }),
    );
  const taken = placed.map((p) => {
    const w = labelWidth(p.label);
    return { x0: p.x - ANCHOR, x1: p.x - ANCHOR + w, y0: p.y - 11, y1: p.y + 11 };
  });
  return placeNames(spots, [...taken, ...covers], frame);
}

/** What lies over the map (legend, zoom buttons, attribution, the names button): names are not put under it. */
const COVERS = '.legend, .maplibregl-ctrl-top-right, .maplibregl-ctrl-bottom-right, .map-names-toggle';

/** Boxes, in the map's pixels, of the things drawn over it. */
function covered(map: MlMap): Box[] {
  const c = map.getCanvas().getBoundingClientRect();
  const area = map.getContainer().closest('.map-area') ?? map.getContainer().parentElement;
  return [...(area?.querySelectorAll(COVERS) ?? [])].flatMap((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0
      ? [{ x0: r.left - c.left, y0: r.top - c.top, x1: r.right - c.left, y1: r.bottom - c.top }]
      : [];
  });
}

/** Greedy de-overlap: each label (in the given order) moves down, then up, until it clears those placed before it. */
export function placeLabels<T extends { label: MapLabel; x: number; y: number }>(
  items: readonly T[],
  widthOf: (l: MapLabel) => number = (l) => 26 + 6.5 * (l.text.length + (l.detail?.length ?? 0)),
): (T & { shifted: boolean })[] {
  const boxes: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: (T & { shifted: boolean })[] = [];
  for (const it of items) {
    const width = widthOf(it.label);
    const box = (y: number) => ({ x0: it.x - ANCHOR, x1: it.x - ANCHOR + width, y0: y - 11, y1: y + 11 });
    const clear = (b: ReturnType<typeof box>) =>
      boxes.every((o) => b.x1 < o.x0 || b.x0 > o.x1 || b.y1 < o.y0 || b.y0 > o.y1);
    let y = it.y;
    for (const dy of [0, 24, -24, 48, -48, 72]) {
      if (clear(box(it.y + dy))) {
        y = it.y + dy;
        break;
      }
    }
    boxes.push(box(y));
    out.push({ ...it, y, shifted: y !== it.y });
  }
  return out;
}
