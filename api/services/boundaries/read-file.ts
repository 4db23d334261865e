import { iter } from 'but-unzip';
import type { Feature, FeatureCollection } from 'geojson';
import { parseZip, type ShpCollection } from 'shpjs';
import { feature } from 'topojson-client';
import type { Topology } from 'topojson-specification';
import { ApiError } from '../../errors.ts';
import { notWgs84 } from './conventions.ts';

/** The kinds of file a boundary set can come in. */
export type BoundaryFormat = 'geojson' | 'topojson' | 'shapefile';

/** A boundary file read into features, with the Shapefile's `.prj` text when it had one. */
export interface BoundaryFile {
  format: BoundaryFormat;
  collection: FeatureCollection & { crs?: unknown };
  prj?: string;
}

const unreadable = (message: string) => new ApiError(400, 'invalid_file', message, [{ field: 'file', message }]);

/**
 * Reads a boundary set from its bytes, whatever it is: a zip (a zipped Shapefile, read by shpjs; one
 * layer), or JSON that is a TopoJSON topology (one object) or GeoJSON (a FeatureCollection or one
 * Feature). A Shapefile whose `.prj` is not WGS 84 longitude/latitude is refused (422) with the reason. Anything else is a 400 on `file` saying what was found.
 */
export async function readBoundaryFile(bytes: Uint8Array): Promise<BoundaryFile> {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return readShapefileZip(bytes);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw unreadable('is neither a zipped Shapefile nor JSON (GeoJSON or TopoJSON)');
  }
  const doc = json as { type?: unknown; objects?: Record<string, unknown>; features?: unknown };
  if (doc?.type === 'Topology' && doc.objects) {
    const names = Object.keys(doc.objects);
    if (names.length !== 1)
      throw unreadable(`is a TopoJSON with ${names.length} objects (${names.join(', ')}); a set is one object`);
    const fc = feature(json as Topology, (json as Topology).objects[names[0]!]!) as FeatureCollection | Feature;
    return { format: 'topojson', collection: fc.type === 'Feature' ? collectionOf([fc]) : fc };
  }
  if (doc?.type === 'FeatureCollection' && Array.isArray(doc.features))
    return { format: 'geojson', collection: json as FeatureCollection };
  if (doc?.type === 'Feature') return { format: 'geojson', collection: collectionOf([json as Feature]) };
  throw unreadable(
    `is JSON of type ${JSON.stringify(doc?.type ?? null)}, not a GeoJSON FeatureCollection or a TopoJSON Topology`,
  );
}

const collectionOf = (features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

async function readShapefileZip(bytes: Uint8Array): Promise<BoundaryFile> {
  const names: string[] = [];
  let prj: string | undefined;
  try {
    for (const entry of iter(bytes)) {
      if (entry.filename.includes('__MACOSX')) continue;
      if (/\.shp$/i.test(entry.filename)) names.push(entry.filename);
      if (/\.prj$/i.test(entry.filename)) prj = new TextDecoder().decode(await entry.read());
    }
  } catch {
    throw unreadable('starts like a zip but cannot be unzipped');
  }
  if (names.length !== 1)
    throw unreadable(
      names.length
        ? `is a zip with ${names.length} Shapefiles (${names.join(', ')}); a set is one`
        : 'is a zip without a .shp file',
    );
  // Refused here, before shpjs would reproject it with proj4: a set is stored as it was drawn.
  const projected = prj === undefined ? null : notWgs84({ type: 'FeatureCollection', features: [] }, prj);
  if (projected) throw new ApiError(422, 'not_wgs84', `The file ${projected}`, [{ field: 'file', message: projected }]);
  let read: ShpCollection | ShpCollection[];
  try {
    read = await parseZip(bytes);
  } catch (e) {
    throw unreadable(`is a zipped Shapefile shpjs cannot read (${(e as Error).message})`);
  }
  const collection = Array.isArray(read) ? read[0]! : read;
  return { format: 'shapefile', collection, ...(prj === undefined ? {} : { prj }) };
}
