import type { MultiPolygon, Polygon, Position } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti } from 'polygon-clipping';
import type { FieldError } from '../../errors.ts';
import { checkGeometry } from '../boundaries/geometry.ts';

/** Vertices an area may have, all rings together: a drawn footprint has tens, a district file's outline thousands. */
export const MAX_AREA_VERTICES = 20_000;

/** Mean Earth radius (km), for areas on the authalic sphere. */
const EARTH_RADIUS_KM = 6371.0088;

/** Names for WGS 84 longitude/latitude a `crs` member may give (as in boundary uploads). */
const WGS84_NAMES = /^(urn:ogc:def:crs:OGC:1\.3:CRS84|urn:ogc:def:crs:EPSG::4326|EPSG:4326|CRS84)$/i;

/** An area as polygon-clipping reads it, with its bounding box and size. */
export interface AreaShape {
  polygons: ClipMulti;
  bbox: readonly [number, number, number, number];
  areaKm2: number;
  vertices: number;
  /** Why the input was changed (a ring crossing itself, read with the even–odd rule), or null. */
  repaired: string | null;
}

/** An input's geometry read, or the fields at fault. */
export type AreaReading = { ok: true; shape: AreaShape } | { ok: false; errors: FieldError[] };

/**
 * The area of polygons in km²: each ring's shoelace in Lambert's cylindrical equal-area projection
 * (longitude in radians against the sine of latitude), outer rings added and holes taken away
 * whatever their winding. Exact for the sphere up to the straight edges, which at boundary-file
 * vertex spacing is well below the error of the boundaries themselves.
 */
export function areaKm2(polygons: ClipMulti | Position[][][]): number {
  const ring = (r: readonly Position[]) => {
    let s = 0;
    for (let i = 0, j = r.length - 1; i < r.length; j = i++) {
      const [x1, y1] = r[j] as [number, number];
      const [x2, y2] = r[i] as [number, number];
      s += (((x2 - x1) * Math.PI) / 180) * (Math.sin((y2 * Math.PI) / 180) + Math.sin((y1 * Math.PI) / 180));
    }
    return Math.abs(s / 2);
  };
  let total = 0;
  for (const p of polygons as Position[][][]) p.forEach((r, i) => (total += i === 0 ? ring(r) : -ring(r)));
  return Math.max(0, total) * EARTH_RADIUS_KM ** 2;
}

/** The bounding box of polygons: west, south, east, north. */
export function bboxOf(polygons: ClipMulti | Position[][][]): [number, number, number, number] {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of polygons as Position[][][])
    for (const [x, y] of p[0] ?? [])
      [w, s, e, n] = [Math.min(w, x!), Math.min(s, y!), Math.max(e, x!), Math.max(n, y!)];
  return [w, s, e, n];
}

/** Whether two boxes overlap. */
export const boxesMeet = (a: readonly number[], b: readonly number[]) =>
  a[0]! <= b[2]! && b[0]! <= a[2]! && a[1]! <= b[3]! && b[1]! <= a[3]!;

/** A Polygon/MultiPolygon's rings as polygon-clipping's multipolygon. */
export const asMulti = (g: Polygon | MultiPolygon): ClipMulti =>
  (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as unknown as ClipMulti;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first position that is not two finite numbers inside ±180 / ±90, with its path, or null. */
function badPosition(c: unknown, path: string, depth: number): { path: string; problem: string } | null {
  if (!Array.isArray(c)) return { path, problem: 'must be an array' };
  if (depth === 0) {
    if (c.length < 2 || typeof c[0] !== 'number' || typeof c[1] !== 'number' || !isFinite(c[0]) || !isFinite(c[1]))
      return { path, problem: 'must be a position [longitude, latitude]' };
    if (Math.abs(c[0]) > 180 || Math.abs(c[1]) > 90)
      return {
        path,
        problem: `${c[0]}, ${c[1]} is outside longitude ±180 / latitude ±90: the area must be WGS 84 longitude/latitude, not projected`,
      };
    return null;
  }
  for (let i = 0; i < c.length; i++) {
    const hit = badPosition(c[i], `${path}.${i}`, depth - 1);
    if (hit) return hit;
  }
  return null;
}

/**
 * Reads the `geometry` of an area request: a GeoJSON Polygon or MultiPolygon, a Feature holding
 * one, or a FeatureCollection of them (their union). Refuses, naming the field: another type, a
 * position that is not a number pair, coordinates outside ±180 / ±90 or a `crs` that is not WGS 84
 * (a projected file), a ring of fewer than four positions or not closed, more than
 * {@link MAX_AREA_VERTICES} vertices, nothing with an area. A ring crossing itself is repaired as
 * boundary uploads repair it.
 */
export function readAreaGeometry(input: unknown, field = 'geometry'): AreaReading {
  const fail = (f: string, message: string): AreaReading => ({ ok: false, errors: [{ field: f, message }] });
  if (!isObject(input)) return fail(field, 'must be a GeoJSON Polygon, MultiPolygon, Feature or FeatureCollection');
  const crs = (input.crs as { properties?: { name?: unknown } } | undefined)?.properties?.name;
  if (typeof crs === 'string' && !WGS84_NAMES.test(crs.trim()))
    return fail(`${field}.crs`, `names ${crs}, not WGS 84 (EPSG:4326): send longitude/latitude`);
  const parts: { geometry: Polygon | MultiPolygon; path: string }[] = [];
  const take = (g: unknown, path: string): AreaReading | null => {
    if (!isObject(g)) return fail(path, 'must be a GeoJSON geometry');
    if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
      return fail(`${path}.type`, `is ${JSON.stringify(g.type)}; an area must be a Polygon or MultiPolygon`);
    const bad = badPosition(g.coordinates, `${path}.coordinates`, g.type === 'Polygon' ? 2 : 3);
    if (bad) return fail(bad.path, bad.problem);
    const polys = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates) as Position[][][];
    for (const [pi, p] of polys.entries()) {
      if (!p.length) return fail(`${path}.coordinates`, 'has a polygon without rings');
      for (const [ri, r] of p.entries()) {
        const at = `${path}.coordinates.${g.type === 'Polygon' ? ri : `${pi}.${ri}`}`;
        if (r.length < 4) return fail(at, 'is a ring of fewer than four positions');
        const [a, z] = [r[0]!, r.at(-1)!];
        if (a[0] !== z[0] || a[1] !== z[1]) return fail(at, 'is not closed: its last position must repeat its first');
      }
    }
    parts.push({ geometry: g as unknown as Polygon | MultiPolygon, path });
    return null;
  };
  let problem: AreaReading | null = null;
  if (input.type === 'FeatureCollection') {
    if (!Array.isArray(input.features) || !input.features.length)
      return fail(`${field}.features`, 'must hold at least one feature');
    for (const [i, f] of input.features.entries()) {
      problem ??= isObject(f)
        ? take(f.geometry, `${field}.features.${i}.geometry`)
        : fail(`${field}.features.${i}`, 'must be a Feature');
    }
  } else if (input.type === 'Feature') problem = take(input.geometry, `${field}.geometry`);
  else problem = take(input, field);
  if (problem) return problem;
  const vertices = parts.reduce(
    (n, p) => n + asMulti(p.geometry).reduce((m, poly) => m + poly.reduce((k, r) => k + r.length - 1, 0), 0),
    0,
  );
  if (vertices > MAX_AREA_VERTICES)
    return fail(field, `has ${vertices} vertices; an area may have at most ${MAX_AREA_VERTICES} (simplify it)`);
  const pieces: ClipMulti = [];
  let repaired: string | null = null;
  for (const p of parts) {
    const checked = checkGeometry(p.geometry);
    if (checked.status === 'refused') return fail(p.path, checked.problem);
    if (checked.status === 'repaired') repaired = checked.problem;
    pieces.push(...asMulti(checked.geometry));
  }
  // Overlapping parts (two drawn polygons over one town) count once.
  const polygons = pieces.length > 1 ? polygonClipping.union(pieces) : pieces;
  const size = areaKm2(polygons);
  if (!(size > 0)) return fail(field, 'encloses no area');
  return { ok: true, shape: { polygons, bbox: bboxOf(polygons), areaKm2: size, vertices, repaired } };
}
