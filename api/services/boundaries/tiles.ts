import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import geojsonvt from 'geojson-vt';
import { fromGeojsonVt } from 'vt-pbf';
import { feature } from 'topojson-client';
import type { FeatureCollection, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import {
  boundariesAsync,
  boundarySetIdsInForce,
  boundarySetsById,
  boundaryVersionKey,
} from '../../../db/queries/regions.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';

/** Deepest zoom tiles are cut at: the map over-zooms beyond (a 4096-unit tile at z8 is finer than the 1:10m boundaries). */
export const TILE_MAX_ZOOM = 8;

/** The one layer of every tile: one feature per region, `code` and `name` as properties. */
export const TILE_LAYER = 'regions';

/** One encoded tile: the protobuf bytes (empty where no region reaches), gzipped once, and its validator. */
export interface EncodedTile {
  raw: Uint8Array<ArrayBuffer>;
  gzip: Uint8Array<ArrayBuffer>;
  etag: string;
}

/** A boundary set cut into tiles, encoded on first demand and kept (bounded by size, oldest dropped first). */
interface TileSet {
  version: string;
  tile(z: number, x: number, y: number): EncodedTile;
}

const MAX_CACHED_BYTES = 32 * 1024 * 1024;

/**
 * Cuts boundary sets of one level (TopoJSON texts whose features carry `code` and `name`: one set,
 * or one per country's districts) into Mapbox Vector Tiles with geojson-vt, simplified per zoom.
 * Each feature's numeric `id` is its position in the sets, so it is the same in every tile of one
 * set version; the client keys feature-state by the `code` property (MapLibre's `promoteId`), as it
 * does for the countries' GeoJSON.
 */
function buildTileSet(topologyTexts: readonly string[], version: string): TileSet {
  const features = topologyTexts.flatMap((text) => {
    const topo = JSON.parse(text) as Topology;
    const name = Object.keys(topo.objects)[0];
    return name
      ? (feature(topo, topo.objects[name]!) as FeatureCollection<Geometry, { code?: string; name?: string }>).features
      : [];
  });
  const slim: FeatureCollection = {
    type: 'FeatureCollection',
    features: features.map((f, i) => ({
      type: 'Feature',
      id: i + 1,
      geometry: f.geometry,
      properties: { code: f.properties?.code ?? '', name: f.properties?.name ?? '' },
    })),
  };
  const index = new geojsonvt(slim, { maxZoom: TILE_MAX_ZOOM, indexMaxZoom: 4, tolerance: 3, buffer: 64 });
  const hash = createHash('sha1');
  for (const text of topologyTexts) hash.update(text);
  const setTag = hash.digest('base64url').slice(0, 16);
  const cache = new Map<string, EncodedTile>();
  let bytes = 0;
  return {
    version,
    tile(z, x, y) {
      const key = `${z}/${x}/${y}`;
      const hit = cache.get(key);
      if (hit) return hit;
      const t = index.getTile(z, x, y);
      const raw = t && t.features.length > 0 ? fromGeojsonVt({ [TILE_LAYER]: t }) : new Uint8Array(0);
      const e = { raw, gzip: new Uint8Array(gzipSync(raw, { level: 6 })), etag: `"${setTag}.${z}.${x}.${y}"` };
      cache.set(key, e);
      bytes += raw.length + e.gzip.length;
      for (const [k, old] of cache) {
        if (bytes <= MAX_CACHED_BYTES || k === key) break;
        cache.delete(k);
        bytes -= old.raw.length + old.gzip.length;
      }
      return e;
    },
  };
}

/** How many cut tile sets a connection keeps (per level and set versions in force: months share them). */
const KEPT_SETS = 4;

/**
 * The vector tiles of each level's boundary sets in force (the active ones, or those of a month, see
 * `boundarySetIdsInForce`): cut once per set versions (the first tile asked for after a set is loaded
 * or replaced pays for it, about half a second for the 4,596 first-level regions), each tile encoded
 * once; months in force with the same sets share them. The versions are looked up only when the data
 * changed (`perDataVersion`), so a tile request does not read the geometry from the database. Runs
 * where it is called: the API calls it in a worker thread of the read pool ({@link pooledTile}).
 */
export function boundaryTiles(db: Db): (level: number, month?: string) => TileSet | undefined {
  const sets = new Map<string, TileSet>();
  const versions = boundaryVersions(db);
  return (level, month) => {
    const version = versions(level, month);
    if (!version) return undefined;
    const key = `${level}|${version}`;
    let set = sets.get(key);
    if (!set) {
      const inForce = boundarySetsById(db, boundarySetIdsInForce(db, level, month));
      if (!inForce.length) return undefined;
      set = buildTileSet(
        inForce.map((s) => s.topology),
        version,
      );
      sets.set(key, set);
      for (const k of sets.keys()) if (sets.size > KEPT_SETS) sets.delete(k);
    }
    return set;
  };
}

/**
 * The version key of the boundary sets of a level in force (active, or in `month`; undefined
 * without one), read again only after the data changed.
 */
export function boundaryVersions(db: Db): (level: number, month?: string) => string | undefined {
  const versions = perDataVersion(() => new Map<string, string | undefined>());
  return (level, month) => {
    const known = versions(db);
    const key = `${level}|${month ?? ''}`;
    if (!known.has(key)) known.set(key, boundaryVersionKey(db, level, month));
    return known.get(key);
  };
}

/** {@link boundaryVersions} awaited, on either engine: looked up again only after the data changed. */
export function boundaryVersionsAsync(data: AsyncDb): (level: number, month?: string) => Promise<string | undefined> {
  const versions = perDataVersionAsync(async () => new Map<string, Promise<string | undefined>>());
  return async (level, month) => {
    const known = await versions(data);
    const key = `${level}|${month ?? ''}`;
    let v = known.get(key);
    if (!v) known.set(key, (v = boundariesAsync.versionKey(data, level, month)));
    return v;
  };
}

/**
 * {@link cutTile} over `data` in this process (PostgreSQL, where no worker opens a file): each
 * level's sets in force are cut once per set versions (the first tile pays for the index) and kept.
 */
export function tileCutterAsync(data: AsyncDb): (t: TileAddress) => Promise<CutTile> {
  const versions = boundaryVersionsAsync(data);
  const sets = new Map<string, Promise<TileSet | undefined>>();
  return async (t) => {
    const version = await versions(t.level, t.month);
    if (!version) return null;
    const key = `${t.level}|${version}`;
    let set = sets.get(key);
    if (!set) {
      set = boundariesAsync
        .idsInForce(data, t.level, t.month)
        .then((ids) => boundariesAsync.byIds(data, ids))
        .then((inForce) =>
          inForce.length
            ? buildTileSet(
                inForce.map((s) => s.topology),
                version,
              )
            : undefined,
        );
      sets.set(key, set);
      const kept = set;
      set.catch(() => sets.get(key) === kept && sets.delete(key));
      for (const k of sets.keys()) if (sets.size > KEPT_SETS) sets.delete(k);
    }
    const cut = await set;
    return cut ? { ...cut.tile(t.z, t.x, t.y), version: cut.version } : null;
  };
}

/** Where a tile is: level, zoom, column, row, and the month whose boundaries it draws (default: the active ones). */
export interface TileAddress {
  level: number;
  month?: string;
  z: number;
  x: number;
  y: number;
}

/** A cut tile with the set version it was cut from, or null when the level has no active set. */
export type CutTile = (EncodedTile & { version: string }) | null;

const cutters = new WeakMap<Db, ReturnType<typeof boundaryTiles>>();

/** Cuts (or takes from this connection's tile sets) one tile: what a read-pool worker runs for {@link pooledTile}. */
export function cutTile(db: Db, t: TileAddress): CutTile {
  let tiles = cutters.get(db);
  if (!tiles) cutters.set(db, (tiles = boundaryTiles(db)));
  const set = tiles(t.level, t.month);
  return set ? { ...set.tile(t.z, t.x, t.y), version: set.version } : null;
}

/**
 * The tiles as the API serves them: cut by `cut` (in the read pool, off the event loop, so that the
 * first tile of a set version, which builds the whole index, holds up no other request) and kept here
 * per set version (bounded by size, oldest dropped first), so a tile already cut is answered at once
 * without a trip to a worker; a tile being cut is cut once for every request waiting on it. Null when
 * the level has no active set.
 */
export function tileSource(
  versions: (level: number, month?: string) => Promise<string | undefined>,
  cut: (t: TileAddress) => Promise<CutTile>,
) {
  const cache = new Map<string, EncodedTile>();
  const pending = new Map<string, Promise<CutTile>>();
  let bytes = 0;
  const keep = (key: string, e: EncodedTile) => {
    if (cache.has(key)) return;
    cache.set(key, e);
    bytes += e.raw.length + e.gzip.length;
    for (const [k, old] of cache) {
      if (bytes <= MAX_CACHED_BYTES || k === key) break;
      cache.delete(k);
      bytes -= old.raw.length + old.gzip.length;
    }
  };
  return async (t: TileAddress): Promise<EncodedTile | null> => {
    const version = await versions(t.level, t.month);
    if (!version) return null;
    const key = `${t.level}|${version}|${t.z}/${t.x}/${t.y}`;
    const hit = cache.get(key);
    if (hit) return hit;
    let job = pending.get(key);
    if (!job) {
      job = cut(t).finally(() => pending.delete(key));
      pending.set(key, job);
    }
    const done = await job;
    if (!done) return null;
    const e = { raw: done.raw, gzip: done.gzip, etag: done.etag };
    // A set replaced while the tile was cut: served, kept under the version it was cut from.
    keep(`${t.level}|${done.version}|${t.z}/${t.x}/${t.y}`, e);
    return e;
  };
}
