/** The part of vt-pbf (v3) Vigil uses: geojson-vt tiles, one per layer name, to a Mapbox Vector Tile. */
declare module 'vt-pbf' {
  import type { LegacyTile } from 'geojson-vt';
  export function fromGeojsonVt(
    layers: Record<string, LegacyTile>,
    options?: { version?: number; extent?: number },
  ): Uint8Array<ArrayBuffer>;
}
