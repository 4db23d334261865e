import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Delaunay } from 'd3-delaunay';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import polygonClipping, { type MultiPolygon as ClipMulti, type Pair, type Ring } from 'polygon-clipping';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { randomSource } from './generate.ts';
import { shapefileZip } from './lib/shapefile-writer.ts';

/**
 * Properties of one generated district, named as OCHA COD-AB admin-2 files name them. Everything in
 * them is made up: the set is test data, never to be shown as an official boundary set.
 */
export interface CodAdmin2Props {
  ADM2_PCODE: string;
  ADM2_EN: string;
  ADM2_FR: string;
  ADM2_AR: string;
  ADM1_PCODE: string;
  ADM1_EN: string;
  ADM0_PCODE: string;
  ADM0_EN: string;
}

/** Options of {@link generateBoundarySet}. */
export interface GenerateBoundariesOptions {
  /** ISO 3166-1 alpha-3 codes of the bundled countries to subdivide (default Iraq and Nigeria). */
  countries?: readonly string[];
  /** Districts per first-level region, drawn between these two (inclusive; default 3–6). */
  districts?: readonly [number, number];
  seed?: number;
  /**
   * What `ADM1_PCODE` holds: `cod`, made-up COD-style codes (`IQ007`) that Vigil does not know, so a
   * reader must find the parent by overlap; `vigil`, the stored first-level region code (`IQ-NI`).
   */
  parentCodes?: 'cod' | 'vigil';
  /** Add the flaws a real set may have (exclave with a hole, self-intersecting ring, duplicate code); default true. */
  flaws?: boolean;
}

/** Which districts carry the deliberate flaws, by `ADM2_PCODE` (`duplicate` is the code two features share). */
export interface BoundaryFlaws {
  /** The district that got an exclave inside its neighbour (a MultiPolygon). */
  multipolygon: string;
  /** The neighbour around the exclave (a Polygon with a hole). */
  hole: string;
  /** The district whose outer ring crosses itself (two vertices swapped). */
  invalid: string;
  /** The code given to two districts. */
  duplicate: string;
}

/** A generated set with the codes of its flawed features. */
export interface GeneratedBoundarySet {
  collection: FeatureCollection<Polygon | MultiPolygon, CodAdmin2Props>;
  /** Null when generated with `flaws: false`. */
  flaws: BoundaryFlaws | null;
  /** Stored first-level region code → the `ADM1_PCODE` used for it. */
  parentCodes: Map<string, string>;
}

interface Admin1Props {
  iso_3166_2: string;
  name: string;
  name_en?: string | null;
  iso_a3: string;
  iso_a2: string;
  country?: string;
  code?: string;
}

/** The bundled Natural Earth admin-1 topology (db/seed/boundaries). */
export function bundledAdmin1(): Topology {
  return JSON.parse(
    readFileSync(new URL('../db/seed/boundaries/admin1.topojson', import.meta.url), 'utf8'),
  ) as Topology;
}

const SYLLABLES = [
  'ka',
  'ru',
  'mo',
  'ta',
  'lin',
  'sa',
  'bar',
  'di',
  'nu',
  'ha',
  'zan',
  'qi',
  'lo',
  'wa',
  'fe',
  'kum',
  'ra',
  'sho',
  'ya',
  'bel',
];
const TO_ARABIC: Record<string, string> = {
  a: 'ا',
  b: 'ب',
  d: 'د',
  e: 'ي',
  f: 'ف',
  h: 'ه',
  i: 'ي',
  k: 'ك',
  l: 'ل',
  m: 'م',
  n: 'ن',
  o: 'و',
  q: 'ق',
  r: 'ر',
  s: 'س',
  t: 'ت',
  u: 'و',
  w: 'و',
  y: 'ي',
  z: 'ز',
};

const pad = (n: number, w: number) => String(n).padStart(w, '0');
const ringArea = (r: readonly Position[]) => {
  let s = 0;
  for (let i = 0, j = r.length - 1; i < r.length; j = i++) s += (r[j]![0]! - r[i]![0]!) * (r[j]![1]! + r[i]![1]!);
  return s / 2;
};
/** Even–odd test of a point against every ring of a polygon (holes included). */
function inPolygon(rings: readonly (readonly Position[])[], [x, y]: readonly [number, number]): boolean {
  let inside = false;
  for (const ring of rings)
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  return inside;
}
const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] =>
  g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
const asGeometry = (m: ClipMulti): Polygon | MultiPolygon =>
  m.length === 1 ? { type: 'Polygon', coordinates: m[0]! } : { type: 'MultiPolygon', coordinates: m };
const asClip = (g: Polygon | MultiPolygon): ClipMulti => polygonsOf(g) as unknown as ClipMulti;

/**
 * Generates a COD-style admin-2 boundary set by cutting the bundled first-level regions of a few
 * countries into districts: seeded random points inside each region are the sites of Voronoi cells
 * (d3-delaunay), each cell clipped to its region (polygon-clipping), so the districts tile their
 * parent exactly. With `flaws`, four features are spoiled the way real sets are: one district gets an
 * exclave cut out of its neighbour (a MultiPolygon, and a Polygon with a hole), one ring crosses
 * itself, one code is used twice. Deterministic for a seed. The names are invented syllables (with a
 * French spelling and an Arabic transliteration), the p-codes COD-shaped but made up.
 */
export function generateBoundarySet(admin1: Topology, opts: GenerateBoundariesOptions = {}): GeneratedBoundarySet {
  const countries = opts.countries ?? ['IRQ', 'NGA'];
  const [lo, hi] = opts.districts ?? [3, 6];
  const rnd = randomSource(opts.seed ?? 17);
  const regions = (
    feature(admin1, admin1.objects.admin1 as GeometryCollection<Admin1Props>).features as Feature<
      Polygon | MultiPolygon,
      Admin1Props
    >[]
  )
    .filter((f) => countries.includes(f.properties.iso_a3) && f.geometry)
    .sort((a, b) => a.properties.iso_3166_2.localeCompare(b.properties.iso_3166_2));
  const usedNames = new Set<string>();
  const name = () => {
    for (;;) {
      // Two or three syllables give 8,400 names: a larger set takes one more syllable per 4,000 names.
      const length = rnd.int(2, 3) + Math.floor(usedNames.size / 4000);
      const n = Array.from({ length }, () => SYLLABLES[rnd.int(0, SYLLABLES.length - 1)]).join('');
      if (!usedNames.has(n)) {
        usedNames.add(n);
        return n;
      }
    }
  };
  const features: Feature<Polygon | MultiPolygon, CodAdmin2Props>[] = [];
  const parentCodes = new Map<string, string>();
  const sites = new Map<Feature, [number, number]>();
  const perCountry = new Map<string, number>();
  for (const region of regions) {
    const p = region.properties;
    const k = (perCountry.get(p.iso_a3) ?? 0) + 1;
    perCountry.set(p.iso_a3, k);
    const adm1 = opts.parentCodes === 'vigil' ? p.iso_3166_2 : `${p.iso_a2}${pad(k, 3)}`;
    parentCodes.set(p.iso_3166_2, adm1);
    const shape = asClip(region.geometry);
    // The largest part holds the sites; small islands fall to whichever cell covers them.
    const main = polygonsOf(region.geometry).reduce((a, b) =>
      Math.abs(ringArea(b[0]!)) > Math.abs(ringArea(a[0]!)) ? b : a,
    );
    const xs = main[0]!.map((q) => q[0]!);
    const ys = main[0]!.map((q) => q[1]!);
    const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    const want = rnd.int(lo, hi);
    const points: [number, number][] = [];
    for (let tries = 0; points.length < want && tries < 20000; tries++) {
      const pt: [number, number] = [x0 + rnd.u() * (x1 - x0), y0 + rnd.u() * (y1 - y0)];
      if (inPolygon(main, pt)) points.push(pt);
    }
    const allX = polygonsOf(region.geometry).flatMap((poly) => poly[0]!.map((q) => q[0]!));
    const allY = polygonsOf(region.geometry).flatMap((poly) => poly[0]!.map((q) => q[1]!));
    const box: [number, number, number, number] = [
      Math.min(...allX) - 1,
      Math.min(...allY) - 1,
      Math.max(...allX) + 1,
      Math.max(...allY) + 1,
    ];
    const voronoi = Delaunay.from(points).voronoi(box);
    points.forEach((site, i) => {
      const cell = voronoi.cellPolygon(i) as unknown as Ring | null;
      if (!cell) return;
      const clipped = polygonClipping.intersection([cell], shape);
      if (!clipped.length) return;
      const en = name();
      const f: Feature<Polygon | MultiPolygon, CodAdmin2Props> = {
        type: 'Feature',
        properties: {
          ADM2_PCODE: `${adm1}${pad(i + 1, 3)}`,
          ADM2_EN: en[0]!.toUpperCase() + en.slice(1),
          ADM2_FR: (en[0]!.toUpperCase() + en.slice(1)).replace(/u/g, 'ou').replace(/sh/g, 'ch'),
          ADM2_AR: [...en].map((c) => TO_ARABIC[c] ?? '').join(''),
          ADM1_PCODE: adm1,
          ADM1_EN: p.name_en || p.name,
          ADM0_PCODE: p.iso_a2,
          ADM0_EN: p.country ?? p.iso_a3,
        },
        geometry: asGeometry(clipped),
      };
      features.push(f);
      sites.set(f, site);
    });
  }
  const flaws = opts.flaws === false ? null : spoil(features, sites);
  return { collection: { type: 'FeatureCollection', features }, flaws, parentCodes };
}

/** Adds the deliberate flaws (see {@link generateBoundarySet}) to a few features, in place. */
function spoil(
  features: Feature<Polygon | MultiPolygon, CodAdmin2Props>[],
  sites: Map<Feature, [number, number]>,
): BoundaryFlaws {
  // Exclave: a small square around a neighbour's site moves from the neighbour to the district.
  let exclave: { multipolygon: string; hole: string } | undefined;
  for (let i = 0; i + 1 < features.length && !exclave; i++) {
    const [a, b] = [features[i]!, features[i + 1]!];
    if (
      a.properties.ADM1_PCODE !== b.properties.ADM1_PCODE ||
      a.geometry.type !== 'Polygon' ||
      b.geometry.type !== 'Polygon'
    )
      continue;
    const [x, y] = sites.get(b)!;
    const d = 0.02;
    const square: Pair[] = [
      [x - d, y - d],
      [x + d, y - d],
      [x + d, y + d],
      [x - d, y + d],
      [x - d, y - d],
    ];
    if (!square.every((q) => inPolygon(b.geometry.coordinates as Position[][], q))) continue;
    const withHole = polygonClipping.difference(asClip(b.geometry), [square]);
    const withExclave = polygonClipping.union(asClip(a.geometry), [square]);
    if (withHole.length !== 1 || withHole[0]!.length !== 2 || withExclave.length !== 2) continue;
    b.geometry = asGeometry(withHole);
    a.geometry = asGeometry(withExclave);
    exclave = { multipolygon: a.properties.ADM2_PCODE, hole: b.properties.ADM2_PCODE };
  }
  if (!exclave) throw new Error('no pair of neighbouring districts could take an exclave');
  // A self-intersecting ring: two vertices a third of the way round swapped, in a district with many vertices.
  const bent = features.find(
    (f) =>
      f.geometry.type === 'Polygon' &&
      f.geometry.coordinates.length === 1 &&
      f.geometry.coordinates[0]!.length > 12 &&
      f.properties.ADM2_PCODE !== exclave.multipolygon &&
      f.properties.ADM2_PCODE !== exclave.hole,
  );
  if (!bent) throw new Error('no district has a ring long enough to bend');
  const ring = (bent.geometry as Polygon).coordinates[0]!;
  const j = Math.floor(ring.length / 3);
  const k = Math.floor((2 * ring.length) / 3);
  [ring[j], ring[k]] = [ring[k]!, ring[j]!];
  // A duplicate code: the last district of the last region takes the code of the one before it.
  const last = features[features.length - 1]!;
  const before = features[features.length - 2]!;
  last.properties.ADM2_PCODE = before.properties.ADM2_PCODE;
  return { ...exclave, invalid: bent.properties.ADM2_PCODE, duplicate: before.properties.ADM2_PCODE };
}

/**
 * Writes a generated set as `adm2.geojson`, `adm2.topojson` (object `adm2`) and `adm2.shp.zip` into
 * `dir`, for trying `vigil boundaries import` by hand. Returns the paths.
 */
export function writeBoundaryFiles(dir: string, opts: GenerateBoundariesOptions = {}): string[] {
  mkdirSync(dir, { recursive: true });
  const { collection } = generateBoundarySet(bundledAdmin1(), opts);
  const files: [string, string | Buffer][] = [
    ['adm2.geojson', JSON.stringify(collection)],
    ['adm2.topojson', JSON.stringify(topology({ adm2: collection }))],
    ['adm2.shp.zip', shapefileZip(collection)],
  ];
  return files.map(([name, data]) => {
    writeFileSync(join(dir, name), data);
    return join(dir, name);
  });
}

// `tsx bench/generate-boundaries.ts DIR [SEED]`
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir = 'bench/tmp/boundaries', seed = '17'] = process.argv.slice(2);
  for (const path of writeBoundaryFiles(dir, { seed: Number(seed) })) console.log(path);
}
