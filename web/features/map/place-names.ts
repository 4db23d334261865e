import type { FeatureCollection, Geometry } from 'geojson';
import { labelPoint, largestRingBounds } from './geo.ts';

/** Zoom from which the map names first-level regions too (the map itself turns to them at 3.5). */
export const REGION_NAME_ZOOM = 4;

/** A place that may be named: where its name goes and how large it is, largest first when listed. */
export interface NameCandidate {
  code: string;
  text: string;
  /** Label point (longitude, latitude). */
  at: [number, number];
  /** Extent of its largest polygon: west and east longitude, and north and south as Mercator y (0 at the top of the world, 1 at the bottom). */
  west: number;
  east: number;
  north: number;
  south: number;
  /** Area of that extent in square degrees, for the order: larger places are named first. */
  area: number;
}

/** Web Mercator y of a latitude, from 0 (north edge of the world) to 1 (south edge). */
export const mercatorY = (lat: number) => {
  const phi = (Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180;
  return (1 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / Math.PI) / 2;
};

/** Every named feature of a boundary set as a candidate, largest extent first (ties by name, so the order is stable). */
export function nameCandidates(fc: FeatureCollection<Geometry, { code: string; name: string }>): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const f of fc.features) {
    const at = labelPoint(f);
    const b = largestRingBounds(f.geometry);
    if (!at || !b || !f.properties.name) continue;
    const [[w, s], [e, n]] = b;
    out.push({
      code: f.properties.code,
      text: f.properties.name,
      at,
      west: w,
      east: e,
      north: mercatorY(n),
      south: mercatorY(s),
      area: (e - w) * (n - s),
    });
  }
  return out.sort((a, b) => b.area - a.area || a.text.localeCompare(b.text));
}

/** A box on screen (or on an export's frame), in pixels. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A name ready to place: its centre, the size of its text box, and the larger side of its place as drawn. */
export interface NameSpot {
  x: number;
  y: number;
  width: number;
  height: number;
  /** Longer side, in pixels, of the place's extent at this zoom. */
  extent: number;
}

const overlaps = (a: Box, b: Box) => a.x0 < b.x1 && a.x1 > b.x0 && a.y0 < b.y1 && a.y1 > b.y0;

/**
 * Greedy placement of names (pass them most important first, e.g. largest place first): a name is
 * kept where it stands if its box, grown by `gap`, lies inside `frame`, overlaps none of `taken`
 * (e.g. the hotspot labels, which are never hidden) nor any name kept before it, and its place is
 * drawn large enough to carry it (longer side at least 0.7 of the text's width); otherwise it is
 * skipped, never moved. Returns the kept names with their boxes.
 */
export function placeNames<T extends NameSpot>(
  spots: readonly T[],
  taken: readonly Box[],
  frame: Box,
  gap = 2,
): (T & { box: Box })[] {
  const kept: Box[] = [...taken];
  const out: (T & { box: Box })[] = [];
  for (const s of spots) {
    if (s.extent < s.width * 0.7) continue;
    const box = { x0: s.x - s.width / 2, y0: s.y - s.height / 2, x1: s.x + s.width / 2, y1: s.y + s.height / 2 };
    if (box.x0 < frame.x0 || box.y0 < frame.y0 || box.x1 > frame.x1 || box.y1 > frame.y1) continue;
    const grown = { x0: box.x0 - gap, y0: box.y0 - gap, x1: box.x1 + gap, y1: box.y1 + gap };
    if (kept.some((k) => overlaps(grown, k))) continue;
    kept.push(box);
    out.push({ ...s, box });
  }
  return out;
}

/** Pixel geometry of a candidate on a Web Mercator map whose whole world is `worldSize` pixels wide. */
export function candidateExtent(c: NameCandidate, worldSize: number): number {
  return Math.max(((c.east - c.west) / 360) * worldSize, (c.south - c.north) * worldSize);
}
