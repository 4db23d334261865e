import { createHash, randomBytes } from 'node:crypto';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import type { Topology } from 'topojson-specification';
import type { AsyncDb } from '../../../db/async.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import { boundarySetsAsync } from '../../../db/queries/boundary-sets.ts';
import { regionMatchAsync } from '../../../db/queries/imports.ts';
import { activeBoundariesAsync } from '../../../db/queries/regions.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import { ApiError, badRequest } from '../../errors.ts';
import { rescoreAfterWriteAsync } from '../scores/rescore-async.ts';
import type { Actor } from '../auth/actor.ts';
import { detectFields, notWgs84, type FieldOptions } from './conventions.ts';
import { checkGeometry } from './geometry.ts';
import { combinedTopology } from './combine.ts';
import { assignParents } from './parents.ts';
import { readBoundaryFile } from './read-file.ts';
import type { BoundarySetReport } from './report.ts';

/** What an upload says beside its file: field options, the set's record, and whether to store it. */
export interface BoundarySetOptions extends FieldOptions {
  fileName: string;
  dryRun: boolean;
  /** The set's name (default: the file name). */
  name?: string;
  source?: string;
  /** Licence and attribution, required to store. */
  licence?: string;
  /** First day the set describes (YYYY-MM-DD), required to store. */
  validFrom?: string;
  /** The series this file is a new version of (the id of the series' first set). */
  series?: string;
  actor: Actor;
  /** Time of the upload (ISO); default now. */
  at?: string;
}

type Area = Polygon | MultiPolygon;

/** Coordinates rounded to 1e-6 degree (about 0.1 m): what is stored and compared between versions. */
function rounded(g: Area): Area {
  const r = (x: number) => Math.round(x * 1e6) / 1e6;
  const rings = (p: Polygon['coordinates']) => p.map((ring) => ring.map(([x, y]) => [r(x!), r(y!)]));
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: rings(g.coordinates) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map(rings) };
}

/** A geometry's fingerprint that does not depend on where a ring starts (TopoJSON may rotate rings). */
function geometryKey(g: Area): string {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const points = polys.flatMap((p) => p.flatMap((ring) => ring.slice(0, -1).map(([x, y]) => `${x},${y}`))).sort();
  return createHash('sha1').update(points.join(' ')).digest('base64url');
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v).trim());

/** Which option an unusable field detection is about, for the error's field. */
const detectionField = (problem: string) =>
  /^no name field/.test(problem)
    ? 'nameField'
    : /^no parent field/.test(problem)
      ? 'parentField'
      : /^no code field/.test(problem)
        ? 'codeField'
        : 'file';

/**
 * Reads a boundary set (GeoJSON, TopoJSON or zipped Shapefile) and reports on it; unless a dry run,
 * stores it when nothing stops it (see {@link BoundarySetReport.problems}), all in one transaction.
 * What makes the file unusable as a whole (unreadable, no polygons, mixed levels, no code field, not
 * WGS 84) is thrown as a 4xx naming the field; per-feature problems (refused geometry, duplicate or
 * missing code, no parent, a code another set uses) come back in the report with status `refused`,
 * and nothing is written. A new version of a series keeps the codes it still has (their regions and
 * observations), retires the ones it dropped and lists the geometries that changed.
 */
/** The one level users upload sets of: districts. */
export const USER_LEVEL = 2;

/**
 * The write lock an upload's write phase takes (`withWriteLock`): two uploads, through one process or
 * two, store their sets in turn.
 */
export const BOUNDARY_SETS_LOCK = 'boundary-sets';

export async function importBoundarySet(
  data: AsyncDb,
  bytes: Uint8Array,
  opts: BoundarySetOptions,
): Promise<BoundarySetReport> {
  if (!opts.dryRun) {
    const missing = [
      ...(opts.licence?.trim()
        ? []
        : [{ field: 'licence', message: 'is required to store a set (licence and attribution)' }]),
      ...(opts.validFrom ? [] : [{ field: 'validFrom', message: 'is required to store a set (YYYY-MM-DD)' }]),
    ];
    if (missing.length) throw badRequest(missing);
  }
  const versions = opts.series ? await boundarySetsAsync.seriesVersions(data, opts.series) : [];
  if (opts.series && !versions.length)
    throw badRequest([{ field: 'series', message: `names no boundary set series (${opts.series})` }]);
  // A version is in force from its validity date until the next one's: the dates must follow each other.
  const latest = versions[0]?.validFrom;
  if (latest && opts.validFrom && opts.validFrom <= latest)
    throw badRequest([
      {
        field: 'validFrom',
        message: `must be after ${latest}, when version ${versions[0]!.version} of the series took effect (codes this version drops are retired from that date)`,
      },
    ]);

  const file = await readBoundaryFile(bytes);
  const crs = notWgs84(file.collection, file.prj);
  if (crs) throw new ApiError(422, 'not_wgs84', `The file ${crs}`, [{ field: 'file', message: crs }]);
  const detected = detectFields(file.collection, opts);
  if (!detected.ok)
    throw new ApiError(422, 'invalid_fields', `The file's fields: ${detected.problem}`, [
      { field: detectionField(detected.problem), message: detected.problem },
    ]);
  const fields = detected.fields;
  const level = fields.level;
  // Only districts: a user set of first-level regions would sit beside the bundled regions of the
  // same country (both rolled up into it), and nothing scores below districts. So retirement and
  // everything else of versions apply to level 2 only.
  if (level !== USER_LEVEL)
    throw new ApiError(422, 'unsupported_level', `A boundary set of level ${level} cannot be stored`, [
      {
        field: 'level',
        message: `is ${level}${opts.level === undefined ? ' (detected from the fields)' : ''}: only districts (level 2) can be uploaded; first-level regions and countries are the bundled Natural Earth boundaries`,
      },
    ]);
  if (versions[0] && versions[0].level !== level)
    throw badRequest([
      { field: 'series', message: `is a level-${versions[0].level} series; the file is level ${level}` },
    ]);
  const features = file.collection.features;
  if (!features.some((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon'))
    throw new ApiError(422, 'no_polygons', 'The file has no polygon features: a boundary set is areas', [
      { field: 'file', message: `has ${features.length} features and none is a Polygon or MultiPolygon` },
    ]);

  const report: BoundarySetReport = {
    fileName: opts.fileName,
    format: file.format,
    dryRun: opts.dryRun,
    status: 'dry-run',
    setId: null,
    features: features.length,
    fields,
    repaired: [],
    refused: [],
    duplicateCodes: [],
    missingCodes: [],
    parents: [],
    parentCodes: [],
    clashes: [],
    version: null,
    problems: [],
  };
  const kept: { code: string; names: string[]; parentValue: string | null; geometry: Area }[] = [];
  const namesOf = new Map<string, string[]>();
  features.forEach((f, i) => {
    const p = f.properties ?? {};
    const code = text(p[fields.code]);
    const names = [...new Set(fields.names.map((k) => text(p[k])).filter(Boolean))];
    const name = names[0] ?? code;
    if (!code) return void report.missingCodes.push({ feature: i + 1, name: name || `feature ${i + 1}` });
    const seen = namesOf.get(code);
    namesOf.set(code, [...(seen ?? []), name]);
    if (seen) return;
    const check = checkGeometry(f.geometry);
    if (check.status === 'refused') return void report.refused.push({ code, name, problem: check.problem });
    if (check.status === 'repaired') report.repaired.push({ code, name, problem: check.problem });
    const parentValue = fields.parent ? text(p[fields.parent]) || null : null;
    kept.push({ code, names: names.length ? names : [code], parentValue, geometry: rounded(check.geometry) });
  });
  report.duplicateCodes = [...namesOf].filter(([, n]) => n.length > 1).map(([code, names]) => ({ code, names }));

  if (level > 0) {
    const { regions, aliases } = await regionMatchAsync.data(data);
    // The level above's sets in force, as one topology (several at level 2: one per country's districts).
    const above = combinedTopology(await activeBoundariesAsync.topologies(data, level - 1));
    const { parentOf, codes } = assignParents(kept, {
      codes: regions.filter((r) => r.level === level - 1).map((r) => r.code),
      aliases: aliases.filter((a) => a.kind !== 'name'),
      topology: above,
    });
    report.parentCodes = codes;
    report.parents = kept.map((f) => {
      const p = parentOf.get(f.code)!;
      return {
        code: f.code,
        name: f.names[0]!,
        parent: p.region,
        by: p.by === 'code' || p.by === 'alias' ? 'field' : p.by,
      };
    });
  }

  const seriesIds = new Set(versions.map((v) => v.id));
  const codes = kept.map((f) => f.code);
  const existing = await boundarySetsAsync.withCodes(data, codes);
  for (const r of existing.regions)
    if (!r.boundarySet || !seriesIds.has(r.boundarySet))
      report.clashes.push({
        code: r.code,
        with: r.boundarySet
          ? `region ${r.code} of boundary set ${r.boundarySet} (to upload a new version of that set, give series=${await boundarySetsAsync.seriesOf(data, r.boundarySet)})`
          : `region ${r.code} (level ${r.level})`,
      });
  for (const a of existing.aliases)
    if (a.regionCode !== a.alias)
      report.clashes.push({ code: a.alias, with: `a code alias of region ${a.regionCode}` });

  if (versions[0])
    report.version = diffVersion(
      versions[0],
      await boundarySetsAsync.regionsOfSets(
        data,
        versions.map((v) => v.id),
      ),
      kept,
    );

  const unparented = report.parents.filter((p) => !p.parent);
  report.problems = [
    ...report.refused.map((f) => `${f.code} ${f.name}: geometry ${f.problem}`),
    ...report.duplicateCodes.map((d) => `code ${d.code} is used by ${d.names.length} features (${d.names.join(', ')})`),
    ...report.missingCodes.map((m) => `feature ${m.feature} (${m.name}) has no ${fields.code}`),
    ...unparented.map((p) => `${p.code} ${p.name}: no level-${level - 1} region found for it`),
    ...report.clashes.map((c) => `code ${c.code} is already used by ${c.with}`),
  ];
  if (report.problems.length) return { ...report, status: 'refused' };
  if (opts.dryRun) return report;

  const at = opts.at ?? new Date().toISOString();
  const name = opts.name?.trim() || opts.fileName;
  const version = (versions[0]?.version ?? 0) + 1;
  const id = opts.series ? `${opts.series}-v${version}` : `${slug(name)}-${randomBytes(3).toString('hex')}`;
  const parentOf = new Map(report.parents.map((p) => [p.code, p.parent]));
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: kept.map((f): Feature => ({
      type: 'Feature',
      properties: { code: f.code, name: f.names[0], parent: parentOf.get(f.code) ?? null },
      geometry: f.geometry,
    })),
  };
  const retired = await withWriteLock(data, BOUNDARY_SETS_LOCK, async (tx) => {
    const dropped = await boundarySetsAsync.save(
      tx,
      {
        id,
        level,
        name,
        licence: opts.licence!.trim(),
        attribution: opts.source?.trim() ? `Boundaries: ${opts.source.trim()}` : `Boundaries: ${name}`,
        topology: JSON.stringify(topology({ [`adm${level}`]: collection })),
        isActive: true,
        loadedAt: at,
        source: opts.source?.trim() || null,
        validFrom: opts.validFrom!,
        series: opts.series ?? id,
        version,
        uploadedBy: opts.actor.name,
      },
      kept.map((f) => ({
        code: f.code,
        name: f.names[0]!,
        level,
        parent: parentOf.get(f.code) ?? null,
        boundarySet: id,
      })),
      [
        ...kept.flatMap((f) => f.names.map((n) => ({ alias: n, kind: 'name', regionCode: f.code }))),
        ...report.parentCodes
          .filter((p) => p.by === 'overlap' && p.value && p.region)
          .map((p) => ({ alias: p.value!, kind: 'pcode', regionCode: p.region! })),
      ],
      // The codes it drops stop at the day this version takes effect: their months before keep their scores.
      opts.validFrom!,
    );
    if (report.version) report.version.retired = dropped;
    await auditAsync.append(tx, {
      at,
      actor: opts.actor.name,
      action: 'create',
      entity: 'boundary_set',
      entityId: id,
      before: null,
      after: { name, level, features: kept.length, version, series: opts.series ?? id, retired: dropped },
    });
    return dropped;
  });
  // The new regions' scores (districts inherit their region's and country's records, and roll up),
  // and the retired ones' families, whose months from the retirement lose those districts.
  await rescoreAfterWriteAsync(data, [
    ...new Set([...report.parents.flatMap((p) => (p.parent ? [p.parent] : [])), ...retired]),
  ]);
  return { ...report, status: 'stored', setId: id };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/\.(geo|topo)?json$|\.shp\.zip$|\.zip$/, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40) || 'set';

/** What a new version changes against the series' version in force: codes added, retired, restored, geometry changed. */
function diffVersion(
  current: { topology: string; series: string | null; version: number },
  before: readonly { code: string; retiredAt: string | null }[],
  kept: readonly { code: string; geometry: Area }[],
): NonNullable<BoundarySetReport['version']> {
  const active = new Set(before.filter((r) => !r.retiredAt).map((r) => r.code));
  const retiredBefore = new Set(before.filter((r) => r.retiredAt).map((r) => r.code));
  const topo = JSON.parse(current.topology) as Topology;
  const old = new Map<string, string>();
  for (const f of (feature(topo, topo.objects[Object.keys(topo.objects)[0]!]!) as FeatureCollection).features)
    old.set(String(f.properties?.code), geometryKey(f.geometry as Area));
  const now = new Set(kept.map((f) => f.code));
  const changed = kept.filter((f) => old.has(f.code) && old.get(f.code) !== geometryKey(f.geometry));
  return {
    series: current.series!,
    version: current.version + 1,
    added: kept.filter((f) => !active.has(f.code) && !retiredBefore.has(f.code)).map((f) => f.code),
    retired: [...active].filter((c) => !now.has(c)).sort(),
    restored: kept.filter((f) => retiredBefore.has(f.code)).map((f) => f.code),
    changedGeometry: changed.map((f) => f.code),
    unchanged: kept.filter((f) => active.has(f.code)).length - changed.length,
  };
}
