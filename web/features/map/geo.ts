import { polygonArea, polygonCentroid } from 'd3';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

type Ring = Position[];
type Bounds = [[number, number], [number, number]];

/** Exterior rings of a feature's polygons (planar lng/lat; the winding order does not matter here). */
function outerRings(g: Geometry | null): Ring[] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates[0] ? [g.coordinates[0]] : [];
  if (g.type === 'MultiPolygon') return g.coordinates.flatMap((p) => (p[0] ? [p[0]] : []));
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(outerRings);
  return [];
}

const asPairs = (r: Ring) => r.map((p) => [p[0]!, p[1]!] as [number, number]);

function largestRing(g: Geometry | null): Ring | null {
  let best: Ring | null = null;
  let bestArea = -1;
  for (const r of outerRings(g)) {
    const a = Math.abs(polygonArea(asPairs(r)));
    if (a > bestArea) [best, bestArea] = [r, a];
  }
  return best;
}

function ringsBounds(rings: Ring[]): Bounds | null {
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const r of rings)
    for (const [x, y] of r) {
      if (x! < w) w = x!;
      if (x! > e) e = x!;
      if (y! < s) s = y!;
      if (y! > n) n = y!;
    }
  return Number.isFinite(w)
    ? [
        [w, s],
        [e, n],
      ]
    : null;
}

/** Where a region's label goes: the centroid of its largest polygon, so islands and exclaves do not pull it off. */
export function labelPoint(f: Feature<Geometry>): [number, number] | null {
  const r = largestRing(f.geometry);
  if (!r || r.length < 3) return null;
  const c = polygonCentroid(asPairs(r));
  return Number.isFinite(c[0]) && Number.isFinite(c[1]) ? c : null;
}

/** Bounds `[[west, south], [east, north]]` of a geometry's largest polygon (where its label goes). */
export function largestRingBounds(g: Geometry | null): Bounds | null {
  const r = largestRing(g);
  return r ? ringsBounds([r]) : null;
}

/** Label points of every feature, by region code. */
export function labelPoints(fc: FeatureCollection<Geometry, { code: string }>): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  for (const f of fc.features) {
    const p = labelPoint(f);
    if (p) out.set(f.properties.code, p);
  }
  return out;
}

/**
 * Bounds `[[west, south], [east, north]]` of a feature for `fitBounds`. A feature split at the
 * antimeridian (e.g. Russia, Fiji) is fitted on its largest polygon, not on the whole world.
 */
export function featureBounds(f: Feature<Geometry>): Bounds | null {
  const all = ringsBounds(outerRings(f.geometry));
  if (!all || all[1][0] - all[0][0] < 180) return all;
  const big = largestRing(f.geometry);
  return big ? ringsBounds([big]) : all;
}
