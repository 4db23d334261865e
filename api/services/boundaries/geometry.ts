import type { MultiPolygon, Polygon, Position } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti } from 'polygon-clipping';

/** True when two non-neighbouring edges of a closed ring cross. O(n²): rings of districts are short. */
export function ringCrossesItself(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  const orient = (a: Position, b: Position, c: Position) =>
    Math.sign((b[0]! - a[0]!) * (c[1]! - a[1]!) - (b[1]! - a[1]!) * (c[0]! - a[0]!));
  for (let i = 0; i < n; i++)
    for (let j = i + 2; j < n; j++) {
      if (i === 0 && j === n - 1) continue;
      const [a, b, c, d] = [ring[i]!, ring[i + 1]!, ring[j]!, ring[j + 1]!];
      if (orient(a, b, c) * orient(a, b, d) < 0 && orient(c, d, a) * orient(c, d, b) < 0) return true;
    }
  return false;
}

/** A geometry as it is, repaired (with why), or refused (with why). */
export type GeometryCheck =
  | { status: 'valid'; geometry: Polygon | MultiPolygon }
  | { status: 'repaired'; geometry: Polygon | MultiPolygon; problem: string }
  | { status: 'refused'; problem: string };

/**
 * Checks a feature's geometry: not a polygon, or a ring with fewer than four positions, is refused; a
 * ring crossing itself is repaired by polygon-clipping's union of the geometry with itself (the
 * even–odd reading of the rings), and refused when nothing with an area is left.
 */
export function checkGeometry(g: unknown): GeometryCheck {
  const geom = g as { type: string } | null;
  if (!geom || (geom.type !== 'Polygon' && geom.type !== 'MultiPolygon'))
    return { status: 'refused', problem: `is ${geom ? `a ${geom.type}` : 'empty'}, not a polygon` };
  const typed = geom as Polygon | MultiPolygon;
  const polys = typed.type === 'Polygon' ? [typed.coordinates] : typed.coordinates;
  if (polys.some((p) => p.some((r) => r.length < 4)))
    return { status: 'refused', problem: 'has a ring of fewer than four positions' };
  if (!polys.some((p) => p.some(ringCrossesItself))) return { status: 'valid', geometry: typed };
  const fixed = polygonClipping.union(polys as unknown as ClipMulti);
  if (!fixed.length) return { status: 'refused', problem: 'has a ring crossing itself and no area once repaired' };
  return {
    status: 'repaired',
    problem: 'has a ring crossing itself (repaired)',
    geometry:
      fixed.length === 1 ? { type: 'Polygon', coordinates: fixed[0]! } : { type: 'MultiPolygon', coordinates: fixed },
  };
}
