import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { bundledAdmin1, generateBoundarySet, type CodAdmin2Props } from '../generate-boundaries.ts';
import { startApp, type TestApp } from '../../test/helpers/app.ts';
import { createUserAndLogin } from '../../test/helpers/auth.ts';
import { median } from '../lib/figures.ts';

/** Zoom of the district tiles read on a version change: the map's district zoom, a country in view. */
const TILE_ZOOM = 6;

/** The slippy-map tile holding a longitude/latitude at zoom `z`. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  const n = 2 ** z;
  const phi = (Math.max(-85, Math.min(85, lat)) * Math.PI) / 180;
  return [
    Math.min(n - 1, Math.floor(((lon + 180) / 360) * n)),
    Math.min(n - 1, Math.floor(((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * n)),
  ];
}

/** The tiles covering each country's districts (one box per country, as a map zoomed on it shows them). */
function countryTiles(features: readonly Feature<Polygon | MultiPolygon, CodAdmin2Props>[]): string[] {
  const boxes = new Map<string, [number, number, number, number]>();
  for (const f of features) {
    const rings = f.geometry.type === 'Polygon' ? f.geometry.coordinates : f.geometry.coordinates.flat();
    const b = boxes.get(f.properties.ADM0_PCODE) ?? [180, 90, -180, -90];
    for (const [x, y] of rings.flat() as [number, number][])
      boxes.set(f.properties.ADM0_PCODE, [Math.min(b[0], x), Math.min(b[1], y), Math.max(b[2], x), Math.max(b[3], y)]);
  }
  const out = new Set<string>();
  for (const [w, s, e, n] of boxes.values()) {
    const [x0, y0] = tileAt(w, n, TILE_ZOOM);
    const [x1, y1] = tileAt(e, s, TILE_ZOOM);
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) out.add(`${TILE_ZOOM}/${x}/${y}`);
  }
  return [...out];
}

/** CPU time (user + system, ms) of this thread while `f` runs: the in-process API has no other work then. */
async function cpu(f: () => Promise<unknown>): Promise<number> {
  const t0 = process.cpuUsage();
  await f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

async function read(app: TestApp, path: string): Promise<number> {
  const res = await app.request(path, { headers: { 'accept-encoding': 'br' } });
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return (await res.arrayBuffer()).byteLength;
}

/** What {@link districtMonthChanges} measured. */
export interface DistrictMonths {
  districts: number;
  tiles: number;
  months: number;
  /** Per month change: the first-level reads (the admin-1 map's change) and the districts' own on top. */
  admin1Ms: number[];
  districtExtraMs: number[];
  /** The months where the sets in force change after the first (the districts' tiles are read again). */
  versionChanges: string[];
  medianAdmin1Ms: number;
  medianAdmin2Ms: number;
  versionChangeMs: number[];
}

/**
 * The API side of a month change on the admin-2 map, in process on the seeded data with a generated
 * admin-2 set for Iraq and Nigeria in two versions (the second, from January 2016, retires a district):
 * for every month in turn, once, the reads the dashboard makes — the first-level compact scores (all
 * an admin-1 month change reads: the baseline), then the districts' compact scores and, where the
 * sets in force change, the district tiles over both countries for that month. CPU time of the
 * request handling (user + system), each month read for the first time; the first month (the map
 * opening) is left out of the medians.
 */
export async function districtMonthChanges(
  districts: [number, number],
  seed: number,
  months: number | null = null,
): Promise<DistrictMonths> {
  const app = await startApp();
  try {
    const admin = await createUserAndLogin(app, 'admin');
    const set = generateBoundarySet(bundledAdmin1(), { seed, flaws: false, parentCodes: 'vigil', districts });
    const store = (query: string, body: unknown) =>
      app.request(`/api/boundary-sets?licence=Test%20data%2C%20made%20up&source=Generated%20districts&${query}`, {
        method: 'POST',
        headers: { ...admin.bearer, 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      });
    const v1 = await store('validFrom=2014-01-01', set.collection);
    if (v1.status !== 201) throw new Error(`district set: ${v1.status} ${await v1.text()}`);
    const { setId } = (await v1.json()) as { setId: string };
    const gone = set.collection.features[1]!.properties.ADM2_PCODE;
    const next = {
      ...set.collection,
      features: set.collection.features.filter((f) => f.properties.ADM2_PCODE !== gone),
    };
    const v2 = await store(`validFrom=2016-01-01&series=${setId}`, next);
    if (v2.status !== 201) throw new Error(`district set, version 2: ${v2.status} ${await v2.text()}`);
    const tiles = countryTiles(set.collection.features);
    const all = (await (await app.request('/api/periods')).json()) as string[];
    // With `months`, a window that opens before the version change and crosses it.
    const change = Math.max(
      0,
      all.findIndex((p) => p >= '2016-01'),
    );
    const from = months === null ? 0 : Math.max(0, Math.min(change - Math.floor(months / 2), all.length - months));
    const periods = months === null ? all : all.slice(from, from + months);
    const admin1Ms: number[] = [];
    const districtExtraMs: number[] = [];
    const versionChanges: string[] = [];
    const versionChangeMs: number[] = [];
    let shownSets: string | null = null;
    for (const p of periods) {
      const q = `period=${p}&lens=overall&scenario=baseline`;
      admin1Ms.push(await cpu(() => read(app, `/api/scores/map?${q}&level=1`)));
      // The month whose sets the tiles show (as the dashboard's tilesMonth picks it).
      const sets = p >= '2016-01' ? '2016-01' : '2014-01';
      const changed = sets !== shownSets;
      const extra = await cpu(async () => {
        await read(app, `/api/scores/map?${q}&level=2`);
        if (changed) for (const t of tiles) await read(app, `/api/tiles/2/${t}.pbf?month=${sets}`);
      });
      districtExtraMs.push(extra);
      if (changed && shownSets !== null) {
        versionChanges.push(p);
        versionChangeMs.push(admin1Ms.at(-1)! + extra);
      }
      shownSets = sets;
    }
    // The first month opens the map (every cache cold): the changes are the months after it.
    const admin2 = admin1Ms.map((a, i) => a + districtExtraMs[i]!).slice(1);
    return {
      districts: set.collection.features.length,
      tiles: tiles.length,
      months: periods.length,
      admin1Ms,
      districtExtraMs,
      versionChanges,
      versionChangeMs,
      medianAdmin1Ms: median(admin1Ms.slice(1)),
      medianAdmin2Ms: median(admin2),
    };
  } finally {
    app.close();
  }
}
