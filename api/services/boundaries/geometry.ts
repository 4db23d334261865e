import type { MultiPolygon, Polygon, Position } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti } from 'polygon-clipping';

const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number) =>
  Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));

/**
 * True when two non-neighbouring edges of a closed ring cross. A sweep along longitude: edges sorted
 * by their western end, each compared only with the edges that start before its eastern end and
 * overlap it in latitude, so a ring of thousands of vertices costs a sort and a few comparisons per
 * edge instead of every pair (sets of 50,000 districts have rings like that).
 */
export function ringCrossesItself(ring: readonly Position[]): boolean {
  const n = ring.length - 1;
  if (n < 4) return false;
  const x = (i: number) => ring[i]![0]!;
  const y = (i: number) => ring[i]![1]!;
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const west = Float64Array.from({ length: n }, (_, i) => Math.min(x(i), x(i + 1)));
  order.sort((a, b) => west[a]! - west[b]!);
  for (let p = 0; p < n; p++) {
    const i = order[p]!;
    const east = Math.max(x(i), x(i + 1));
    const [ylo, yhi] = [Math.min(y(i), y(i + 1)), Math.max(y(i), y(i + 1))];
    for (let q = p + 1; q < n && west[order[q]!]! <= east; q++) {
      const j = order[q]!;
      const gap = Math.abs(i - j);
      if (gap <= 1 || gap === n - 1) continue;
      if (Math.max(y(j), y(j + 1)) < ylo || Math.min(y(j), y(j + 1)) > yhi) continue;
      const [ax, ay, bx, by, cx, cy, dx, dy] = [x(i), y(i), x(i + 1), y(i + 1), x(j), y(j), x(j + 1), y(j + 1)];
      if (
        orient(ax, ay, bx, by, cx, cy) * orient(ax, ay, bx, by, dx, dy) < 0 &&
        orient(cx, cy, dx, dy, ax, ay) * orient(cx, cy, dx, dy, bx, by) < 0
      )
        return true;
    }
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
