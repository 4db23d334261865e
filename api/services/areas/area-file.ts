import type { MultiPolygon } from 'geojson';
import { ApiError, badRequest } from '../../errors.ts';
import { notWgs84 } from '../boundaries/conventions.ts';
import { readBoundaryFile, type BoundaryFormat } from '../boundaries/read-file.ts';
import { polygonsOf } from '../../../indicators/index.ts';
import { readAreaGeometry } from './area-geometry.ts';

/** An area file read for the area page: every polygon as one MultiPolygon, the profile's `geometry`. */
export interface AreaFile {
  format: BoundaryFormat;
  features: number;
  geometry: MultiPolygon;
}

/**
 * Reads an uploaded area of interest with the Admin upload's reader (a zipped Shapefile, TopoJSON or
 * GeoJSON; `readBoundaryFile`) and its refusals: a file neither (400 invalid_file), not in WGS 84 (422
 * not_wgs84, the reason named), without a polygon (422 no_polygons); then the area checks of the
 * profile (vertex limit, coordinates; 400 naming the field). Points and lines are ignored.
 */
export async function readAreaFile(bytes: Uint8Array): Promise<AreaFile> {
  const file = await readBoundaryFile(bytes);
  const crs = notWgs84(file.collection, file.prj);
  if (crs) throw new ApiError(422, 'not_wgs84', `The file ${crs}`, [{ field: 'file', message: crs }]);
  const features = file.collection.features;
  const coordinates = features.flatMap((f) => polygonsOf(f.geometry));
  if (!coordinates.length)
    throw new ApiError(422, 'no_polygons', 'The file has no polygon features: an area is polygons', [
      { field: 'file', message: `has ${features.length} features and none is a Polygon or MultiPolygon` },
    ]);
  const geometry: MultiPolygon = { type: 'MultiPolygon', coordinates };
  const reading = readAreaGeometry(geometry, 'file');
  if (!reading.ok) throw badRequest(reading.errors, 'Invalid area');
  return { format: file.format, features: features.length, geometry };
}
