import type { MultiPolygon, Polygon } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti } from 'polygon-clipping';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import {
  activeBoundariesAsync,
  activeBoundaryTopologies,
  activeBoundaryVersions,
} from '../../../db/queries/regions.ts';
import { boundaryFeatures } from '../export/geojson.ts';
import { areaKm2, asMulti, bboxOf, boxesMeet, type AreaShape } from './area-geometry.ts';

/** Regions an area may hold: each is explained and its series read, so the profile stays a few seconds' work. */
export const MAX_AREA_REGIONS = 100;

/** A region's part below which it is left out of an area (a border drawn a few metres over a neighbour). */
export const SLIVER_SHARE = 0.001;

/** One region's boundary, ready for clipping. */
interface RegionShape {
  polygons: ClipMulti;
  bbox: readonly number[];
  areaKm2: number;
}

/** A region inside an area: how much of the area it is, and how much of it the area holds. */
export interface AreaMember {
  code: string;
  /** km² of the region inside the area. */
  areaKm2: number;
  /** Its part of the area's regions (the members' shares sum to 1). */
  share: number;
  /** The part of the region that lies inside the area (1 for a region named in a list). */
  regionShare: number;
}

/** The regions of a level as clip-ready shapes by code (what {@link regionShapes} keeps). */
export type RegionShapes = ReadonlyMap<string, RegionShape>;

const shapes = new WeakMap<object, Map<number, { key: string; byCode: Map<string, RegionShape> }>>();

/** Clip-ready shapes of the topologies (TopoJSON text) of a level's sets. Pure. */
function shapesOf(topologies: readonly string[]): Map<string, RegionShape> {
  const byCode = new Map<string, RegionShape>();
  for (const topology of topologies)
    for (const [code, g] of boundaryFeatures(topology)) {
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon') continue;
      const polygons = asMulti(g as Polygon | MultiPolygon);
      byCode.set(code, { polygons, bbox: bboxOf(polygons), areaKm2: areaKm2(polygons) });
    }
  return byCode;
}

/** The shapes of `level` kept for `handle` under `key` (the sets' versions), else made by `make` and kept. */
function kept(handle: object, level: number, key: string, make: () => Map<string, RegionShape>): RegionShapes {
  let perLevel = shapes.get(handle);
  if (!perLevel) shapes.set(handle, (perLevel = new Map()));
  const hit = perLevel.get(level);
  if (hit?.key === key) return hit.byCode;
  const byCode = make();
  perLevel.set(level, { key, byCode });
  return byCode;
}

/** The active boundaries of a level as clip-ready shapes by code, decoded once per set version. */
export function regionShapes(db: Db, level: number): RegionShapes {
  const key = activeBoundaryVersions(db, level);
  const hit = shapes.get(db)?.get(level);
  if (hit?.key === key) return hit.byCode;
  return kept(db, level, key, () => shapesOf(activeBoundaryTopologies(db, level).map((s) => s.topology)));
}

/** {@link regionShapes} awaited, on either engine: the same shapes from the same sets, read through `a`. */
export async function regionShapesAsync(a: AsyncDb, level: number): Promise<RegionShapes> {
  const key = await activeBoundariesAsync.versions(a, level);
  const hit = shapes.get(a.db)?.get(level);
  if (hit?.key === key) return hit.byCode;
  const topologies = await activeBoundariesAsync.topologies(a, level);
  return kept(a.db, level, key, () => shapesOf(topologies));
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * The regions (one level's `byCode` shapes) a drawn or uploaded area covers, with their shares: each region's
 * intersection with the area (polygon-clipping, after a bounding-box test), in km² on the sphere.
 * Shares are of the part of the area that lies in some region (sea and unmapped land are reported
 * apart as `outsideShare`), so they sum to 1; slivers under {@link SLIVER_SHARE} are left out.
 */
export function regionsInArea(byCode: RegionShapes, shape: AreaShape) {
  const parts: { code: string; areaKm2: number; regionKm2: number }[] = [];
  for (const [code, r] of byCode) {
    if (!boxesMeet(shape.bbox, r.bbox)) continue;
    const inside = areaKm2(polygonClipping.intersection(shape.polygons, r.polygons));
    if (inside > 0) parts.push({ code, areaKm2: inside, regionKm2: r.areaKm2 });
  }
  const total = parts.reduce((s, p) => s + p.areaKm2, 0);
  const kept = parts.filter((p) => p.areaKm2 >= SLIVER_SHARE * total);
  const covered = kept.reduce((s, p) => s + p.areaKm2, 0);
  const members: AreaMember[] = kept
    .map((p) => ({
      code: p.code,
      areaKm2: round(p.areaKm2, 1),
      share: covered > 0 ? p.areaKm2 / covered : 0,
      regionShare: Math.min(1, p.regionKm2 > 0 ? p.areaKm2 / p.regionKm2 : 0),
    }))
    .sort((a, b) => b.share - a.share || a.code.localeCompare(b.code));
  return { members, coveredKm2: covered, outsideShare: Math.max(0, 1 - covered / shape.areaKm2) };
}

/**
 * The regions of a list as one area: each one's share is its part of their total area (a region
 * without a boundary in the active set counts with no area, and is named in `withoutBoundary`).
 */
export function regionsAsArea(byCode: RegionShapes, codes: readonly string[]) {
  const sizes = codes.map((code) => ({ code, areaKm2: byCode.get(code)?.areaKm2 ?? 0 }));
  const total = sizes.reduce((s, p) => s + p.areaKm2, 0);
  const members: AreaMember[] = sizes
    .map((p) => ({
      code: p.code,
      areaKm2: round(p.areaKm2, 1),
      share: total > 0 ? p.areaKm2 / total : 1 / codes.length,
      regionShare: 1,
    }))
    .sort((a, b) => b.share - a.share || a.code.localeCompare(b.code));
  return { members, coveredKm2: total, withoutBoundary: sizes.filter((s) => s.areaKm2 === 0).map((s) => s.code) };
}
