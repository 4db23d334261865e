import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { ExportMetadata } from './metadata.ts';
import type { ExportRow, ScoreWireRow } from './score-table.ts';

/** Properties of one exported feature: the export row with the drivers as a list. */
export type ExportProperties = Omit<ExportRow, 'top_drivers' | 'credit' | 'retired_since'> & {
  /** Districts only, as the CSV column. */
  retired_since?: string | null;
  drivers: ScoreWireRow['drivers'];
};

/** A FeatureCollection with Vigil's export metadata as a top-level `metadata` member (a foreign member, RFC 7946 §6.1). */
export type ExportCollection = FeatureCollection<Geometry | null, ExportProperties> & { metadata: ExportMetadata };

/** Decimal places kept in coordinates: 4 is about 11 m, finer than the 1:10m boundaries themselves. */
const PRECISION = 4;

function roundPositions(g: Geometry): Geometry {
  const f = 10 ** PRECISION;
  const p = (c: Position): Position => [Math.round(c[0]! * f) / f, Math.round(c[1]! * f) / f];
  switch (g.type) {
    case 'Point':
      return { ...g, coordinates: p(g.coordinates) };
    case 'MultiPoint':
    case 'LineString':
      return { ...g, coordinates: g.coordinates.map(p) };
    case 'MultiLineString':
    case 'Polygon':
      return { ...g, coordinates: g.coordinates.map((r) => r.map(p)) };
    case 'MultiPolygon':
      return { ...g, coordinates: g.coordinates.map((poly) => poly.map((r) => r.map(p))) };
    case 'GeometryCollection':
      return { ...g, geometries: g.geometries.map(roundPositions) };
  }
}

/** The features of a boundary topology (its first object) by region code. */
export function boundaryFeatures(topologyJson: string): Map<string, Geometry> {
  const topo = JSON.parse(topologyJson) as Topology;
  const name = Object.keys(topo.objects)[0];
  const out = new Map<string, Geometry>();
  if (!name) return out;
  const fc = feature(topo, topo.objects[name] as GeometryCollection<{ code: string }>) as FeatureCollection<
    Geometry | null,
    { code: string }
  >;
  for (const f of fc.features) if (f.geometry && f.properties?.code) out.set(f.properties.code, f.geometry);
  return out;
}

/**
 * One feature per exported row, in the rows' order, with the boundary geometry of its region
 * (coordinates rounded to 4 decimals; `null` when the active boundary set has no shape for it),
 * and the export's metadata as a top-level member.
 */
export function toGeoJson(
  rows: readonly ExportRow[],
  drivers: ReadonlyMap<string, ScoreWireRow['drivers']>,
  geometry: ReadonlyMap<string, Geometry>,
  metadata: ExportMetadata,
): ExportCollection {
  const features = rows.map((r): Feature<Geometry | null, ExportProperties> => {
    // Credits travel once, in the top-level metadata, rather than on every feature.
    const { top_drivers: _t, credit: _c, retired_since, ...props } = r;
    const g = geometry.get(r.region);
    return {
      type: 'Feature',
      id: r.region,
      geometry: g ? roundPositions(g) : null,
      properties: { ...props, ...(r.level === 2 ? { retired_since } : {}), drivers: drivers.get(r.region) ?? [] },
    };
  });
  return { type: 'FeatureCollection', metadata, features };
}
