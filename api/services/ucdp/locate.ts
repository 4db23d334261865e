import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Topology } from 'topojson-specification';

/** Finds the region whose polygon contains a point (longitude, latitude in degrees). */
export type PointLocator = (lon: number, lat: number) => string | undefined;

interface Shape {
  code: string;
  bbox: [number, number, number, number];
  /** Every edge of every ring (holes included): x1, y1, x2, y2 in a row. */
  edges: Float64Array;
  /**
   * Horizontal bands over the bounding box, each listing the edges whose latitude span meets it:
   * band b's edges are `bandEdges[bandStart[b]] … bandEdges[bandStart[b + 1] - 1]`.
   */
  bandStart: Int32Array;
  bandEdges: Int32Array;
  bandHeight: number;
}

const CELL = 1;
/** About this many edges per band: a lookup tests only the edges of the band its latitude falls in. */
const EDGES_PER_BAND = 8;
const MAX_BANDS = 4096;

function ringsOf(g: Geometry | null): Position[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(ringsOf);
  return [];
}

/** Edges and latitude bands of a polygon's rings. */
function indexShape(code: string, rings: readonly Position[][], bbox: Shape['bbox']): Shape {
  let n = 0;
  for (const r of rings) n += r.length;
  const edges = new Float64Array(n * 4);
  let e = 0;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      edges[e * 4] = xi;
      edges[e * 4 + 1] = yi;
      edges[e * 4 + 2] = xj;
      edges[e * 4 + 3] = yj;
      e += 1;
    }
  }
  const count = Math.max(1, Math.min(MAX_BANDS, Math.ceil(e / EDGES_PER_BAND)));
  const bandHeight = (bbox[3] - bbox[1]) / count || 1;
  const bandOf = (y: number) => Math.min(count - 1, Math.max(0, Math.floor((y - bbox[1]) / bandHeight)));
  // Two passes: count each band's edges, then fill one array (bandStart[b] .. bandStart[b + 1]).
  const bandStart = new Int32Array(count + 1);
  for (let k = 0; k < e; k++) {
    const ya = edges[k * 4 + 1]!;
    const yb = edges[k * 4 + 3]!;
    for (let b = bandOf(Math.min(ya, yb)), last = bandOf(Math.max(ya, yb)); b <= last; b++) bandStart[b + 1]! += 1;
  }
  for (let b = 0; b < count; b++) bandStart[b + 1]! += bandStart[b]!;
  const bandEdges = new Int32Array(bandStart[count]!);
  const fill = bandStart.slice(0, count);
  for (let k = 0; k < e; k++) {
    const ya = edges[k * 4 + 1]!;
    const yb = edges[k * 4 + 3]!;
    for (let b = bandOf(Math.min(ya, yb)), last = bandOf(Math.max(ya, yb)); b <= last; b++) bandEdges[fill[b]!++] = k;
  }
  return { code, bbox, edges, bandStart, bandEdges, bandHeight };
}

/**
 * Even-odd ray casting over every ring (holes included), so the rings' winding order does not matter.
 * Only edges that cross the point's latitude can change the count, and every such edge is listed in
 * the latitude band of the point: the others are not looked at.
 */
function inside(s: Shape, x: number, y: number): boolean {
  const b = Math.min(s.bandStart.length - 2, Math.max(0, Math.floor((y - s.bbox[1]) / s.bandHeight)));
  const ed = s.edges;
  const list = s.bandEdges;
  let odd = false;
  for (let k = s.bandStart[b]!, end = s.bandStart[b + 1]!; k < end; k++) {
    const o = list[k]! * 4;
    const xi = ed[o]!;
    const yi = ed[o + 1]!;
    const xj = ed[o + 2]!;
    const yj = ed[o + 3]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
  }
  return odd;
}

/**
 * Builds a point-in-polygon locator over a boundary topology whose features carry a `code`: planar
 * ray casting on longitude/latitude, with a bounding-box prefilter and a one-degree grid index so
 * that each lookup tests only a few polygons, and in each polygon only the edges of the point's
 * latitude band. Pure: build once per import.
 */
export function createPointLocator(topology: Topology): PointLocator {
  const shapes: Shape[] = [];
  for (const name of Object.keys(topology.objects)) {
    const fc = feature(topology, topology.objects[name]!) as FeatureCollection | Feature;
    const features = fc.type === 'FeatureCollection' ? fc.features : [fc];
    for (const f of features) {
      const code = (f.properties as { code?: string } | null)?.code;
      const rings = ringsOf(f.geometry);
      if (!code || !rings.length) continue;
      let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
      for (const r of rings)
        for (const [x, y] of r as [number, number][])
          [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
      shapes.push(indexShape(code, rings, [x0, y0, x1, y1]));
    }
  }
  // Cells keyed by number: (longitude cell + 360) * 1000 + (latitude cell + 180).
  const cellKey = (gx: number, gy: number) => (gx + 360) * 1000 + gy + 180;
  const grid = new Map<number, number[]>();
  shapes.forEach((s, i) => {
    for (let gx = Math.floor(s.bbox[0] / CELL); gx <= Math.floor(s.bbox[2] / CELL); gx++) {
      for (let gy = Math.floor(s.bbox[1] / CELL); gy <= Math.floor(s.bbox[3] / CELL); gy++) {
        const k = cellKey(gx, gy);
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
    }
  });
  return (lon, lat) => {
    for (const i of grid.get(cellKey(Math.floor(lon / CELL), Math.floor(lat / CELL))) ?? []) {
      const s = shapes[i]!;
      if (lon < s.bbox[0] || lon > s.bbox[2] || lat < s.bbox[1] || lat > s.bbox[3]) continue;
      if (inside(s, lon, lat)) return s.code;
    }
    return undefined;
  };
}
