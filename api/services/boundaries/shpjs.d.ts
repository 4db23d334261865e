/** The part of shpjs (v6) Vigil uses: a zipped Shapefile to GeoJSON (one layer, or one per `.shp`). */
declare module 'shpjs' {
  import type { FeatureCollection } from 'geojson';
  export type ShpCollection = FeatureCollection & { fileName?: string };
  export function parseZip(
    buffer: ArrayBuffer | Uint8Array,
    whiteList?: string[],
  ): Promise<ShpCollection | ShpCollection[]>;
}
