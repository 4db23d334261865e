import type { Geometry, MultiPolygon } from 'geojson';

/**
 * The polygons of a GeoJSON geometry, as one MultiPolygon's coordinates: a Polygon is one, a
 * MultiPolygon its own, a GeometryCollection those of its members; points and lines are none.
 */
export function polygonsOf(g: Geometry | null | undefined): MultiPolygon['coordinates'] {
  if (!g) return [];
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  if (g.type === 'GeometryCollection') return g.geometries.flatMap(polygonsOf);
  return [];
}
