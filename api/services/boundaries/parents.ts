import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { Topology } from 'topojson-specification';
import { createPointLocator } from '../ucdp/locate.ts';

/** A feature whose parent is wanted: its code, the parent-code field's value (if any) and its geometry. */
export interface ParentQuery {
  code: string;
  parentValue: string | null;
  geometry: Polygon | MultiPolygon;
}

/** How a parent-code value (or, without one, a single feature) was placed in the level above. */
export interface ParentCode {
  /** The parent-code field's value, or null for a feature that had none. */
  value: string | null;
  /** The stored region of the level above, or null when none was found. */
  region: string | null;
  /** `code`: the value is a stored region's code; `alias`: a code alias of one; `overlap`: largest share of sample points. */
  by: 'code' | 'alias' | 'overlap' | 'none';
  /** For `overlap`: the share of the sample points inside the features that fell in `region` (0–1). */
  share?: number;
}

/** What the level above offers: its regions' codes, their code aliases, and its active topology. */
export interface LevelAbove {
  codes: readonly string[];
  aliases: readonly { alias: string; regionCode: string }[];
  topology: Topology | null;
}

/** Sample points per side of a feature's bounding box: 8 × 8 = 64 candidates, those inside count. */
const SAMPLES = 8;

/**
 * The points of a grid (`xs` × `ys`) inside the rings (even–odd, holes included): one pass over the
 * edges collects where each grid row crosses them, then a point is inside when an odd number of
 * crossings lie east of it. Costs the edges times the rows, not times every point.
 */
function gridInside(polys: readonly Position[][][], xs: readonly number[], ys: readonly number[]): [number, number][] {
  const crossings: number[][] = ys.map(() => []);
  for (const ring of polys.flat())
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      ys.forEach((y, r) => {
        if (yi > y !== yj > y) crossings[r]!.push(((xj - xi) * (y - yi)) / (yj - yi) + xi);
      });
    }
  const out: [number, number][] = [];
  ys.forEach((y, r) => {
    for (const x of xs) if (crossings[r]!.filter((c) => x < c).length % 2) out.push([x, y]);
  });
  return out;
}

/** Points spread over a geometry: the centres of an 8 × 8 grid over its bounding box that fall inside it. */
function samplePoints(g: Polygon | MultiPolygon): [number, number][] {
  let polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const bbox = () => {
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const [x, y] of polys.flatMap((p) => p[0]!) as [number, number][])
      [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    return [x0, y0, x1, y1] as const;
  };
  let [x0, y0, x1, y1] = bbox();
  // Parts on both sides of the antimeridian (Fiji, Chukotka): sample in 0–360° longitude, locate in ±180°.
  const wraps = x1 - x0 > 180;
  if (wraps) {
    polys = polys.map((p) => p.map((r) => r.map(([x, y]) => [x! < 0 ? x! + 360 : x!, y!])));
    [x0, y0, x1, y1] = bbox();
  }
  const at = (lo: number, hi: number) =>
    Array.from({ length: SAMPLES }, (_, i) => lo + ((i + 0.5) * (hi - lo)) / SAMPLES);
  const out = gridInside(polys, at(x0, x1), at(y0, y1)).map(([x, y]): [number, number] => [
    wraps && x > 180 ? x - 360 : x,
    y,
  ]);
  if (!out.length) {
    // A sliver no grid point falls in: the mean of its outer ring's vertices stands for it.
    const ring = polys[0]![0]!;
    out.push([ring.reduce((s, p) => s + p[0]!, 0) / ring.length, ring.reduce((s, p) => s + p[1]!, 0) / ring.length]);
  }
  return out;
}

/**
 * Finds each feature's parent in the level above. A parent-code value that is a stored region's code
 * (or a code alias of one, e.g. a p-code loaded earlier) decides; otherwise the parent is the region
 * of the level above with the largest overlap, estimated by where sample points spread over the
 * feature fall (an area share, as good as the grid's resolution). Features sharing an unknown parent
 * value (a COD `ADM1_PCODE` Vigil does not know) are placed together, so they keep one parent.
 * Returns how each feature (by code) and each distinct parent value was placed.
 */
export function assignParents(
  features: readonly ParentQuery[],
  above: LevelAbove,
): { parentOf: Map<string, ParentCode>; codes: ParentCode[] } {
  const byCode = new Map(above.codes.map((c) => [c.toUpperCase(), c]));
  const byAlias = new Map(
    above.aliases
      .filter((a) => byCode.has(a.regionCode.toUpperCase()))
      .map((a) => [a.alias.trim().toUpperCase(), a.regionCode]),
  );
  const placed = new Map<string, ParentCode>();
  const votes = new Map<string | null, Map<string, number>>();
  const single = new Map<string, Map<string, number>>();
  let locate: ((lon: number, lat: number) => string | undefined) | null | undefined;
  for (const f of features) {
    const v = f.parentValue;
    if (v !== null && !placed.has(v)) {
      const key = v.toUpperCase();
      const code = byCode.get(key);
      const alias = code ? undefined : byAlias.get(key);
      if (code || alias) placed.set(v, { value: v, region: (code ?? alias)!, by: code ? 'code' : 'alias' });
    }
    if (v !== null && placed.get(v)) continue;
    locate ??= above.topology ? createPointLocator(above.topology) : null;
    const tally = v === null ? new Map<string, number>() : (votes.get(v) ?? new Map<string, number>());
    if (v === null) single.set(f.code, tally);
    else votes.set(v, tally);
    for (const [x, y] of locate ? samplePoints(f.geometry) : []) {
      const hit = locate!(x, y);
      if (hit) tally.set(hit, (tally.get(hit) ?? 0) + 1);
    }
  }
  const winner = (value: string | null, tally: Map<string, number>): ParentCode => {
    const total = [...tally.values()].reduce((s, n) => s + n, 0);
    const best = [...tally].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
    return best
      ? { value, region: best[0], by: 'overlap', share: Math.round((best[1] / total) * 100) / 100 }
      : { value, region: null, by: 'none' };
  };
  for (const [v, tally] of votes) placed.set(v!, winner(v, tally));
  const parentOf = new Map<string, ParentCode>();
  for (const f of features)
    parentOf.set(f.code, f.parentValue !== null ? placed.get(f.parentValue)! : winner(null, single.get(f.code)!));
  return { parentOf, codes: [...placed.values()].sort((a, b) => String(a.value).localeCompare(String(b.value))) };
}
