import type { Geometry } from 'geojson';
import type { AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import {
  boundariesAsync,
  boundariesInForce,
  boundaryVersionKey,
  listRegions,
  regionsAsync,
  type BoundarySetInForce,
  type RegionRow,
} from '../../../db/queries/regions.ts';
import { scoredPeriods, scoresAsync } from '../../../db/queries/scores.ts';
import type { Lang, Lens } from '../../../indicators/index.ts';
import { retiredSince } from '../../../indicators/index.ts';
import { notFound } from '../../errors.ts';
import { isStored, requireScenario, scoresAt, scoresAtAsync, type ScoreRecord } from '../scores/live-scores.ts';
import { modelInputs, modelInputsAsync } from '../scores/model-inputs.ts';
import { noDataWire, toWire } from '../scores/score-wire.ts';
import { toCsv } from './csv.ts';
import { boundaryFeatures, toGeoJson } from './geojson.ts';
import { exportMetadata, exportMetadataAsync, type ExportMetadata, type ExportView } from './metadata.ts';
import { scoreTable, toExportRow, type ExportRow, type ScoreWireRow } from './score-table.ts';

/** The file formats of a score export. */
export const SCORE_EXPORT_FORMATS = ['csv', 'hxl', 'geojson'] as const;
export type ScoreExportFormat = (typeof SCORE_EXPORT_FORMATS)[number];

/** What to export, as validated from a query or the command line; no `period` means the latest scored month. */
export interface ScoreExportQuery {
  period?: string;
  lens: Lens;
  level: number;
  scenario: string;
  /**
   * The language of the CSV header row and of the GeoJSON's metadata texts (English by default).
   * Only an explicit `?lang=` sets it: a download is the same file whoever asks, so the shared
   * response cache stays right and a script reading columns by name is not surprised by its
   * account's language.
   */
  lang?: Lang;
}

/** One export file, ready to send or write. */
export interface ScoreExportFile {
  view: ExportView;
  fileName: string;
  contentType: string;
  body: string;
  /** Regions in the file (one row or feature each). */
  rows: number;
}

/** The rows of one export: the wire rows of `/api/scores`, the flattened export rows, and the metadata. */
export interface ScoreExportRows {
  view: ExportView;
  wire: ScoreWireRow[];
  rows: ExportRow[];
  metadata: ExportMetadata;
}

/** A download's file name: what, lens, month, level and (when not the baseline) scenario, e.g. `vigil-scores-tip-2017-11-admin1.csv`. */
export function exportFileName(v: ExportView, ext: string): string {
  return `vigil-scores-${v.lens}-${v.period}-admin${v.level}${v.scenario === 'baseline' ? '' : `-${v.scenario}`}.${ext}`;
}

const EXTENSION: Record<ScoreExportFormat, string> = { csv: 'csv', hxl: 'hxl.csv', geojson: 'geojson' };

/**
 * The view an export query asks for: `period` (the month asked, else the latest scored, read by the
 * caller on its engine), the lens, level and a known scenario. A 400 for an unknown scenario, a 404
 * when nothing is scored.
 */
export function exportView(q: Omit<ScoreExportQuery, 'period'>, period: string | undefined): ExportView {
  requireScenario(q.scenario);
  if (!period) throw notFound('Scored months');
  return { period, lens: q.lens, level: q.level, scenario: q.scenario };
}

/** What one score export reads of the database, on either engine: the rest is built by the same code. */
interface ExportReads {
  /** The stored (or computed) rows of the view, any order. */
  stored: readonly ScoreRecord[];
  /** The regions of the level, in code order. */
  regions: readonly RegionRow[];
  /** Districts only: the first-level regions, in code order (a district's country is its region's parent). */
  parents: readonly RegionRow[];
  metadata: ExportMetadata;
}

/** The rows of an export of `view` from what was read. Pure. */
function exportRowsOf(q: ScoreExportQuery, view: ExportView, read: ExportReads): ScoreExportRows {
  const { period } = view;
  const stored = new Map(read.stored.map((r) => [r.regionCode, r]));
  const countryOf = new Map(read.parents.map((r) => [r.code, r.parent]));
  const wire: ScoreWireRow[] = read.regions.map((reg) => {
    const s = stored.get(reg.code);
    // A district retired in the month stays in the file, without data, saying since when.
    const since = retiredSince(reg, period);
    return {
      region: reg.code,
      name: reg.name,
      parent: reg.parent,
      ...(q.level === 2 ? { country: countryOf.get(reg.parent ?? '') ?? null } : {}),
      ...(s && !since ? toWire(s, q.lens) : noDataWire(period)),
      retiredSince: since,
    };
  });
  const { metadata } = read;
  const rows = wire.map((r) =>
    toExportRow(r, { ...view, catalogueVersion: metadata.catalogueVersion, attribution: metadata.attribution }),
  );
  return { view, wire, rows, metadata };
}

/** The file of `format` from an export's rows; `shapes` gives the level's boundaries (GeoJSON only). Pure. */
function exportFileOf(
  q: ScoreExportQuery,
  format: ScoreExportFormat,
  { view, wire, rows, metadata }: ScoreExportRows,
  shapes: ReadonlyMap<string, Geometry> | undefined,
): ScoreExportFile {
  const fileName = exportFileName(view, EXTENSION[format]);
  if (format === 'geojson') {
    const fc = toGeoJson(rows, new Map(wire.map((r) => [r.region, r.drivers])), shapes ?? new Map(), metadata);
    return {
      view,
      fileName,
      contentType: 'application/geo+json; charset=utf-8',
      body: JSON.stringify(fc),
      rows: rows.length,
    };
  }
  return {
    view,
    fileName,
    contentType: 'text/csv; charset=utf-8',
    body: toCsv(scoreTable(rows, view.level, { hxl: format === 'hxl', lang: q.lang })),
    rows: rows.length,
  };
}

/** The level's boundary shapes by code, from the sets in force (decoded once per version key: see the exporters). */
function shapesOf(sets: readonly BoundarySetInForce[]): Map<string, Geometry> {
  const features = new Map<string, Geometry>();
  for (const set of sets) for (const [code, shape] of boundaryFeatures(set.topology)) features.set(code, shape);
  return features;
}

/** A file as a download: its text with its type and name, as the response cache keeps it. */
export const asDownload = (f: ScoreExportFile) => ({
  text: f.body,
  headers: { 'Content-Type': f.contentType, 'Content-Disposition': `attachment; filename="${f.fileName}"` },
});

/**
 * The score exports, shared by `GET /api/export/scores.{csv,geojson}` and `vigil export scores`: the
 * same rows as `GET /api/scores` (regions without data as `no-data`), written by the CSV, HXL and
 * GeoJSON writers of this folder. Boundary geometry is decoded
 * once per boundary set and kept. `resolve` throws a 404 when nothing is scored, and a 400 for an
 * unknown scenario.
 */
export function createScoreExporter(db: Db, version: string) {
  const geometry = new Map<number, { id: string; features: Map<string, Geometry> }>();
  // Districts come from one boundary set per country: their shapes are those of every set in force
  // in the month exported (a past month: the versions valid then).
  const shapes = (level: number, month: string) => {
    const id = boundaryVersionKey(db, level, month);
    if (!id) return new Map<string, Geometry>();
    const hit = geometry.get(level);
    if (hit?.id === id) return hit.features;
    const features = shapesOf(boundariesInForce(db, level, month));
    geometry.set(level, { id, features });
    return features;
  };

  const resolve = (q: ScoreExportQuery): ExportView => exportView(q, q.period ?? scoredPeriods(db).at(-1));

  const gather = (q: ScoreExportQuery): ScoreExportRows => {
    const view = resolve(q);
    return exportRowsOf(q, view, {
      stored: scoresAt(db, modelInputs(db), view),
      regions: listRegions(db, { level: q.level }),
      parents: q.level === 2 ? listRegions(db, { level: 1 }) : [],
      metadata: exportMetadata(db, view, { version, lang: q.lang }),
    });
  };

  const file = (q: ScoreExportQuery, format: ScoreExportFormat): ScoreExportFile => {
    const rows = gather(q);
    return exportFileOf(q, format, rows, format === 'geojson' ? shapes(rows.view.level, rows.view.period) : undefined);
  };

  return { resolve, gather, file };
}

/**
 * {@link createScoreExporter} awaited, on either engine: the same files, built by the same code from
 * the stored rows (another scenario: computed from `modelInputsAsync`), regions, metadata and
 * boundaries read through `a`.
 */
export function createScoreExporterAsync(a: AsyncDb, version: string) {
  const geometry = new Map<number, { id: string; features: Map<string, Geometry> }>();
  const shapes = async (level: number, month: string) => {
    const id = await boundariesAsync.versionKey(a, level, month);
    if (!id) return new Map<string, Geometry>();
    const hit = geometry.get(level);
    if (hit?.id === id) return hit.features;
    const features = shapesOf(await boundariesAsync.byIds(a, await boundariesAsync.idsInForce(a, level, month)));
    geometry.set(level, { id, features });
    return features;
  };

  const resolve = async (q: ScoreExportQuery): Promise<ExportView> => {
    return exportView(q, q.period ?? (await scoresAsync.periods(a)).at(-1));
  };

  const gather = async (q: ScoreExportQuery): Promise<ScoreExportRows> => {
    const view = await resolve(q);
    const [stored, regions, parents, metadata] = await Promise.all([
      isStored(view) ? scoresAsync.at(a, view) : modelInputsAsync(a).then((inputs) => scoresAtAsync(a, inputs, view)),
      regionsAsync.list(a, { level: q.level }),
      q.level === 2 ? regionsAsync.list(a, { level: 1 }) : [],
      exportMetadataAsync(a, view, { version, lang: q.lang }),
    ]);
    return exportRowsOf(q, view, { stored, regions, parents, metadata });
  };

  const file = async (q: ScoreExportQuery, format: ScoreExportFormat): Promise<ScoreExportFile> => {
    const rows = await gather(q);
    const shaped = format === 'geojson' ? await shapes(rows.view.level, rows.view.period) : undefined;
    return exportFileOf(q, format, rows, shaped);
  };

  return { resolve, gather, file };
}
