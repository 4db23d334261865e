import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Feature, FeatureCollection } from 'geojson';
import { feature } from 'topojson-client';
import { openDb } from '../db/client.ts';
import { getActiveBoundaries, listRegions, type RegionRow } from '../db/queries/regions.ts';
import { combinedTopology } from '../api/services/boundaries/combine.ts';
import { createPointLocator } from '../api/services/ucdp/locate.ts';
import { randomSource, scaleRegions } from './generate.ts';
import type { Scale } from './scales.ts';

/** The column layout of the bundled UCDP GED sample (../shared/data/events/), in its order. */
export const GED_SAMPLE_COLUMNS = [
  'ne_iso_3166_2',
  'ne_adm1_code',
  'id',
  'relid',
  'year',
  'type_of_violence',
  'conflict_new_id',
  'conflict_name',
  'dyad_new_id',
  'dyad_name',
  'side_a_new_id',
  'side_a',
  'side_b_new_id',
  'side_b',
  'where_prec',
  'where_coordinates',
  'adm_1',
  'adm_2',
  'latitude',
  'longitude',
  'priogrid_gid',
  'country',
  'country_id',
  'iso3',
  'region',
  'event_clarity',
  'date_prec',
  'date_start',
  'date_end',
  'deaths_a',
  'deaths_b',
  'deaths_civilians',
  'deaths_unknown',
  'best',
  'high',
  'low',
  'source_file',
] as const;

/** Years the synthetic events span (several GED releases' worth). */
const FIRST_YEAR = 2015;
const YEARS = 8;
/** Interior points found per region, from which events are drawn (with a little jitter). */
const POINTS_PER_REGION = 24;
/** Tries to find a point inside a region's polygon by drawing in its bounding box. */
const TRIES_PER_REGION = 4000;
/** Share of events whose point is off the region's polygon (coastline, border): placed by their `adm_1` name. */
const OFF_POLYGON_SHARE = 0.01;
/** `where_prec` 1–7 with GED-like frequencies (5+ is vaguer than admin-1 and left out by the importer). */
const WHERE_PREC = [0.5, 0.2, 0.12, 0.1, 0.05, 0.02, 0.01];

/** What {@link writeEventsCsv} wrote. */
export interface GeneratedEvents {
  path: string;
  rows: number;
  bytes: number;
  countries: number;
  regions: number;
  /** Regions left out because no point inside their polygon was found (slivers, tiny islands). */
  regionsWithoutPoint: number;
  seconds: number;
}

const quote = (v: string | number) => {
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** UCDP's region of the world, roughly from a point (synthetic data only need a plausible value). */
function worldRegion(lon: number, lat: number): string {
  if (lon < -30) return 'Americas';
  if (lon >= 25 && lon <= 63 && lat >= 12 && lat <= 42) return 'Middle East';
  if (lat > 35 && lon < 45) return 'Europe';
  if (lon < 52 && lat < 38) return 'Africa';
  return 'Asia';
}

/** Draws an index with probability proportional to its weight (cumulative weights, binary search). */
function weighted(cum: readonly number[], u: number): number {
  const x = u * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cum[mid]! > x) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const iso = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Writes a GED-shaped CSV of `scale.events` synthetic events (the bundled sample's columns, in its
 * order) spread over the first-level regions of the scale's countries (every country at full scale):
 * each event's point lies inside its region's polygon (points found by drawing in the polygon's
 * bounding box and keeping those the polygon contains, then jittered and checked again), but for
 * about 1 % set off the polygon as coastline and border events are, which the importer places by
 * their `adm_1` name. Events concentrate in some countries and regions (heavy-tailed weights), span
 * eight years, and carry GED-like types of violence, precision codes, actors and death counts.
 * Seeded: every run writes the same file. Every actor name says SYNTHETIC.
 */
export async function writeEventsCsv(path: string, scale: Scale, base: string): Promise<GeneratedEvents> {
  const t0 = performance.now();
  const db = openDb(base);
  const all = listRegions(db);
  const boundaries = combinedTopology(getActiveBoundaries(db, 1).map((s) => s.topology));
  db.$client.close();
  if (!boundaries) throw new Error('the base database has no first-level boundaries');
  const locate = createPointLocator(boundaries);
  const { countries, kids } = scaleRegions(all, scale);
  const rnd = randomSource(scale.seed + 14);

  // Interior points of every region, by rejection sampling in the region's bounding box (taken from the topology's own coordinates).
  const bboxes = new Map<string, [number, number, number, number]>();
  {
    const topo = boundaries;
    for (const name of Object.keys(topo.objects)) {
      const fc = feature(topo, topo.objects[name]!) as FeatureCollection | Feature;
      for (const f of fc.type === 'FeatureCollection' ? fc.features : [fc]) {
        const code = (f.properties as { code?: string } | null)?.code;
        if (!code || !f.geometry) continue;
        let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
        const walk = (c: unknown): void => {
          if (Array.isArray(c) && typeof c[0] === 'number') {
            const [x, y] = c as [number, number];
            [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
          } else if (Array.isArray(c)) for (const k of c) walk(k);
        };
        walk((f.geometry as { coordinates?: unknown }).coordinates);
        if (Number.isFinite(x0)) bboxes.set(code, [x0, y0, x1, y1]);
      }
    }
  }
  interface Placeable {
    region: RegionRow;
    country: RegionRow;
    countryIndex: number;
    points: [number, number][];
    bbox: [number, number, number, number];
  }
  const placeable: Placeable[] = [];
  let regionsWithoutPoint = 0;
  countries.forEach((country, countryIndex) => {
    for (const region of kids.get(country.code) ?? []) {
      const bbox = bboxes.get(region.code);
      const points: [number, number][] = [];
      if (bbox) {
        for (let k = 0; k < TRIES_PER_REGION && points.length < POINTS_PER_REGION; k++) {
          const lon = bbox[0] + rnd.u() * (bbox[2] - bbox[0]);
          const lat = bbox[1] + rnd.u() * (bbox[3] - bbox[1]);
          if (locate(lon, lat) === region.code) points.push([lon, lat]);
        }
      }
      if (!points.length || !bbox) regionsWithoutPoint += 1;
      else placeable.push({ region, country, countryIndex, points, bbox });
    }
  });
  // Heavy-tailed weights: conflict concentrates in some countries, and in some regions of them.
  const countryWeight = countries.map(() => Math.exp(rnd.normal(1.5)));
  const cum: number[] = [];
  let total = 0;
  for (const p of placeable) {
    total += countryWeight[p.countryIndex]! * Math.exp(rnd.normal(1));
    cum.push(total);
  }
  const precCum: number[] = [];
  WHERE_PREC.reduce((s, w) => (precCum.push(s + w), s + w), 0);

  mkdirSync(dirname(path), { recursive: true });
  const out = createWriteStream(path);
  let bytes = 0;
  let chunk = '';
  const flush = async () => {
    bytes += Buffer.byteLength(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    chunk = '';
  };
  chunk += `${GED_SAMPLE_COLUMNS.join(',')}\n`;
  const usedCountries = new Set<string>();
  const usedRegions = new Set<string>();
  const dayMs = 86_400_000;
  const firstDay = Date.UTC(FIRST_YEAR, 0, 1);
  const days = Math.round((Date.UTC(FIRST_YEAR + YEARS, 0, 1) - firstDay) / dayMs);
  for (let n = 0; n < scale.events; n++) {
    const p = placeable[weighted(cum, rnd.u())]!;
    const [bx0, by0, bx1, by1] = p.bbox;
    let [lon, lat] = p.points[Math.floor(rnd.u() * p.points.length)]!;
    if (rnd.u() < OFF_POLYGON_SHARE) {
      // Off the polygon (a point on the coast or across a border, as the simplified boundaries miss it).
      lon = rnd.u() < 0.5 ? bx0 - 0.01 : bx1 + 0.01;
      lat = by0 + rnd.u() * (by1 - by0);
    } else {
      const jx = lon + rnd.normal(0.02);
      const jy = lat + rnd.normal(0.02);
      if (locate(jx, jy) === p.region.code) [lon, lat] = [jx, jy];
    }
    lon = Math.max(-180, Math.min(180, lon));
    lat = Math.max(-90, Math.min(90, lat));
    const type = ([1, 1, 1, 2, 3, 3] as const)[Math.floor(rnd.u() * 6)]!;
    const wherePrec = weighted(precCum, rnd.u()) + 1;
    const start = new Date(firstDay + Math.floor(rnd.u() * days) * dayMs);
    const datePrec = rnd.u() < 0.8 ? 1 : rnd.int(2, 5);
    const end = new Date(start.getTime() + (datePrec === 1 ? 0 : rnd.int(1, 6)) * dayMs);
    const best = Math.max(1, Math.floor(Math.exp(rnd.normal(1.3))));
    const low = Math.max(0, best - rnd.int(0, Math.ceil(best / 4)));
    const high = best + rnd.int(0, Math.ceil(best / 2));
    const civilians = type === 3 ? best : rnd.int(0, Math.floor(best / 3));
    const rest = best - civilians;
    const a = Math.floor(rest * rnd.u());
    const b = rest - a;
    const cname = p.country.name;
    const group = `SYNTHETIC armed group ${p.countryIndex}-${rnd.int(1, 6)}`;
    const stateSideA = type === 1 || (type === 3 && rnd.u() < 0.4);
    const sideA = stateSideA ? `Government of ${cname}` : group;
    const sideB =
      type === 3 ? 'Civilians' : type === 1 ? group : `SYNTHETIC armed group ${p.countryIndex}-${rnd.int(7, 9)}`;
    const conflictId = 10_000 + p.countryIndex * 10 + type;
    const adm1 = `${p.region.name}${p.region.kind ? ` ${p.region.kind.toLowerCase()}` : ''}`;
    const pg =
      Math.floor((Math.min(lat, 89.999) + 90) / 0.5) * 720 + Math.floor((Math.min(lon, 179.999) + 180) / 0.5) + 1;
    usedCountries.add(p.country.code);
    usedRegions.add(p.region.code);
    const row: (string | number)[] = [
      p.region.code,
      p.region.code,
      1_000_000 + n,
      `SYN-${start.getUTCFullYear()}-${n}`,
      start.getUTCFullYear(),
      type,
      conflictId,
      type === 1 ? `${cname}: Government` : type === 2 ? `${group} - SYNTHETIC rivals` : group,
      conflictId * 10 + 1,
      `${sideA} - ${sideB}`,
      20_000 + p.countryIndex,
      sideA,
      type === 3 ? 1 : 30_000 + p.countryIndex,
      sideB,
      wherePrec,
      wherePrec <= 2 ? `SYNTHETIC place ${rnd.int(1, 40)}` : adm1,
      adm1,
      wherePrec <= 3 ? `SYNTHETIC district ${rnd.int(1, 12)}` : '',
      lat.toFixed(6),
      lon.toFixed(6),
      pg,
      cname,
      100 + p.countryIndex,
      p.country.code,
      worldRegion(lon, lat),
      rnd.u() < 0.9 ? 1 : 2,
      datePrec,
      iso(start),
      iso(end),
      a,
      b,
      civilians,
      0,
      best,
      high,
      low,
      'SYNTHETIC',
    ];
    chunk += `${row.map(quote).join(',')}\n`;
    if (chunk.length > 1 << 20) await flush();
  }
  await flush();
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
  return {
    path,
    rows: scale.events,
    bytes,
    countries: usedCountries.size,
    regions: usedRegions.size,
    regionsWithoutPoint,
    seconds: (performance.now() - t0) / 1000,
  };
}
