import { existsSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection } from 'topojson-specification';
import { bundledAdmin1, generateBoundarySet } from '../generate-boundaries.ts';
import { figure, scenario, since, type BenchContext, type ScenarioResult } from '../lib/figures.ts';
import { fresh, timed } from './import.ts';
import { districtMonthChanges } from './district-months.ts';

interface ChildReport {
  features: number;
  seconds: number;
  status?: string;
  problems?: string[];
}

/**
 * Writes (once per scale) a generated COD-style admin-2 set of about `scale.boundaryDistricts`
 * districts: the bundled first-level regions of every country with a two-letter code (but three), or
 * of the scale's first `scale.countries` of them in code order, cut into Voronoi districts, without the
 * deliberate flaws, so that the whole set stores.
 */
function districtsFile(ctx: BenchContext): { path: string; seconds: number } {
  const path = join(ctx.dir, `adm2-${ctx.scale.countries ?? 'all'}-${ctx.scale.boundaryDistricts}.geojson`);
  if (existsSync(path)) return { path, seconds: 0 };
  const t0 = performance.now();
  const admin1 = bundledAdmin1();
  const props = (
    feature(admin1, admin1.objects.admin1 as GeometryCollection).features as Feature<
      Polygon | MultiPolygon,
      { iso_a3: string; iso_a2: string }
    >[]
  ).map((f) => f.properties);
  const a2 = new Map<string, Set<string>>();
  for (const p of props)
    if (/^[A-Z]{2}$/.test(p.iso_a2)) a2.set(p.iso_a2, (a2.get(p.iso_a2) ?? new Set()).add(p.iso_a3));
  // Antarctica, Fiji and Kiribati left out: their regions straddle the pole or the antimeridian, where
  // the generator's Voronoi cells (planar, in ±180° longitude) are not districts anyone would draw.
  const countries = [...a2.values()]
    .filter((s) => s.size === 1)
    .map((s) => [...s][0]!)
    .filter((c) => !['ATA', 'FJI', 'KIR'].includes(c))
    .sort()
    .slice(0, ctx.scale.countries ?? undefined);
  const regions = props.filter((p) => countries.includes(p.iso_a3)).length;
  const per = Math.max(1, Math.round(ctx.scale.boundaryDistricts / regions));
  const set = generateBoundarySet(admin1, { countries, districts: [per, per], flaws: false, seed: ctx.scale.seed });
  writeFileSync(path, JSON.stringify(set.collection));
  return { path, seconds: since(t0) };
}

/**
 * Upload of a generated admin-2 set (scale.boundaryDistricts districts, GeoJSON) as
 * `POST /api/boundary-sets` stores it — read, detect fields, check every geometry, place every
 * district in its first-level region by overlap, build and store the TopoJSON, regions and aliases —
 * in a child process on a fresh copy of the base database, against the same file read alone
 * (bytes, JSON, features) in a child process. Seconds are measured inside each child; peak memory is
 * the whole child's (GNU time).
 */
export function benchBoundaries(ctx: BenchContext): Promise<ScenarioResult> {
  return scenario('boundaries', ctx.log, async () => {
    const file = districtsFile(ctx);
    const mb = statSync(file.path).size / 1e6;
    ctx.log(
      `  ${file.path}: ${mb.toFixed(1)} MB${file.seconds ? `, generated in ${file.seconds.toFixed(0)} s` : ' (cached)'}`,
    );
    const db = join(ctx.dir, 'boundaries.db');
    const parse: { r: ChildReport; rss: number }[] = [];
    const upload: { r: ChildReport; rss: number }[] = [];
    const child = (mode: string, env: Record<string, string> = {}) =>
      timed(process.execPath, ['--import', 'tsx', 'bench/lib/boundaries-child.ts', mode, file.path], env);
    // Runs of each child, alternating (bare read, then Vigil): each figure takes the fastest.
    const runs = ctx.scale.childRuns;
    for (let k = 0; k < runs; k++) {
      const p = await child('parse');
      parse.push({ r: JSON.parse(p.stdout.trim().split('\n').at(-1)!) as ChildReport, rss: p.maxRssMb });
      fresh(ctx.baseDb, db);
      const u = await child('upload', { VIGIL_DB: db });
      upload.push({ r: JSON.parse(u.stdout.trim().split('\n').at(-1)!) as ChildReport, rss: u.maxRssMb });
    }
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${db}${suffix}`, { force: true });
    const p = parse.reduce((x, y) => (y.r.seconds < x.r.seconds ? y : x));
    const u = upload.reduce((x, y) => (y.r.seconds < x.r.seconds ? y : x));
    if (u.r.status !== 'stored') throw new Error(`boundary upload not stored: ${JSON.stringify(u.r)}`);
    const [parseRss, uploadRss] = [Math.max(...parse.map((x) => x.rss)), Math.max(...upload.map((x) => x.rss))];
    ctx.log(
      `  upload of ${u.r.features.toLocaleString('en')} districts ${u.r.seconds.toFixed(2)} s, peak ${uploadRss.toFixed(0)} MB; reading the file alone ${p.r.seconds.toFixed(2)} s, peak ${parseRss.toFixed(0)} MB`,
    );
    const n = u.r.features.toLocaleString('en');
    // Month changes on the admin-2 map, the API side (issue 17): districts about the size of real COD sets.
    const months = await districtMonthChanges(
      ctx.scale.name === 'tiny' ? [3, 4] : [10, 20],
      ctx.scale.seed,
      ctx.scale.districtMonths,
    );
    ctx.log(
      `  month change, API side: admin-2 ${months.medianAdmin2Ms.toFixed(1)} ms CPU, admin-1 ${months.medianAdmin1Ms.toFixed(1)} ms (median of ${months.months - 1}; ${months.districts} districts; at the version change ${months.versionChangeMs.map((x) => x.toFixed(1)).join(', ')} ms with ${months.tiles} tiles)`,
    );
    return {
      figures: [
        figure({
          id: 'boundaries.upload',
          what: `upload of a generated ${n}-district admin-2 set (${mb.toFixed(0)} MB GeoJSON): read, check, place by overlap, store (fastest of ${runs})`,
          value: u.r.seconds,
          unit: 's',
          baseline: {
            what: `reading the same file alone: bytes, JSON, features (fastest of ${runs})`,
            value: p.r.seconds,
            unit: 's',
          },
        }),
        figure({
          id: 'boundaries.upload-memory',
          what: 'peak memory (RSS) of the upload process',
          value: uploadRss,
          unit: 'MB',
          baseline: { what: 'the process reading the file alone', value: parseRss, unit: 'MB' },
        }),
        figure({
          id: 'boundaries.month-change-admin2',
          what: `month change on the admin-2 map, API side: the first-level and ${months.districts} districts' compact scores of a month not read before, and the district tiles (${months.tiles}) where the sets in force change; CPU ms in process (median of ${months.months - 1} months)`,
          value: months.medianAdmin2Ms,
          unit: 'ms',
          baseline: {
            what: 'the same month change at admin-1: the first-level compact scores, same run',
            value: months.medianAdmin1Ms,
            unit: 'ms',
          },
        }),
      ],
      details: { file: file.path, mb, parse, upload, months },
    };
  });
}
