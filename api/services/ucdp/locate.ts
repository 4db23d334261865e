import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { Topology } from 'topojson-specification';

/** Finds the region whose polygon contains a point (longitude, latitude in degrees). */
export type PointLocator = (lon: number, lat: number) => string | undefined;

interface Shape {
  code: string;
  bbox: [number, number, number, number];
  rings: Position[][];
}

const CELL = 1;

function ringsOf(g: Geometry | null): Position[][] {
  if (!g) return [];
  if (g.type === 'Polygon') return g.coordinates;
  if (g.type === 'MultiPolygon') return g.coordinates.flat();
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(ringsOf);
  return [];
}

/** Even-odd ray casting over every ring (holes included), so the rings' winding order does not matter. */
function inside(rings: readonly Position[][], x: number, y: number): boolean {
  let odd = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/**
 * Builds a point-in-polygon locator over a boundary topology whose features carry a `code`: planar
 * ray casting on longitude/latitude, with a bounding-box prefilter and a one-degree grid index so
 * that each lookup tests only a few polygons. Pure: build once per import.
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
      shapes.push({ code, bbox: [x0, y0, x1, y1], rings });
    }
  }
  const grid = new Map<string, number[]>();
  shapes.forEach((s, i) => {
    for (let gx = Math.floor(s.bbox[0] / CELL); gx <= Math.floor(s.bbox[2] / CELL); gx++) {
      for (let gy = Math.floor(s.bbox[1] / CELL); gy <= Math.floor(s.bbox[3] / CELL); gy++) {
        const k = `${gx},${gy}`;
        const list = grid.get(k);
        if (list) list.push(i);
        else grid.set(k, [i]);
      }
    }
  });
  return (lon, lat) => {
    for (const i of grid.get(`${Math.floor(lon / CELL)},${Math.floor(lat / CELL)}`) ?? []) {
      const s = shapes[i]!;
      if (lon < s.bbox[0] || lon > s.bbox[2] || lat < s.bbox[1] || lat > s.bbox[3]) continue;
      if (inside(s.rings, lon, lat)) return s.code;
    }
    return undefined;
  };
}
