import type { Geometry } from 'geojson';
import type { Db } from '../../../db/client.ts';
import { boundariesInForce, boundaryVersionKey, listRegions } from '../../../db/queries/regions.ts';
import { scoredPeriods } from '../../../db/queries/scores.ts';
import type { Lang, Lens } from '../../../indicators/index.ts';
import { retiredSince } from '../../../indicators/index.ts';
import { notFound } from '../../errors.ts';
import { requireScenario, scoresAt } from '../scores/live-scores.ts';
import { modelInputs } from '../scores/model-inputs.ts';
import { noDataWire, toWire } from '../scores/score-wire.ts';
import { toCsv } from './csv.ts';
import { boundaryFeatures, toGeoJson } from './geojson.ts';
import { exportMetadata, type ExportMetadata, type ExportView } from './metadata.ts';
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
    const features = new Map<string, Geometry>();
    for (const set of boundariesInForce(db, level, month))
      for (const [code, shape] of boundaryFeatures(set.topology)) features.set(code, shape);
    geometry.set(level, { id, features });
    return features;
  };

  const resolve = (q: ScoreExportQuery): ExportView => exportView(q, q.period ?? scoredPeriods(db).at(-1));

  const gather = (q: ScoreExportQuery): ScoreExportRows => {
    const view = resolve(q);
    const { period } = view;
    const stored = new Map(scoresAt(db, modelInputs(db), view).map((r) => [r.regionCode, r]));
    // A district's country is its first-level region's parent.
    const countryOf =
      q.level === 2 ? new Map(listRegions(db, { level: 1 }).map((r) => [r.code, r.parent])) : new Map<string, null>();
    const wire: ScoreWireRow[] = listRegions(db, { level: q.level }).map((reg) => {
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
    const metadata = exportMetadata(db, view, { version, lang: q.lang });
    const rows = wire.map((r) =>
      toExportRow(r, { ...view, catalogueVersion: metadata.catalogueVersion, attribution: metadata.attribution }),
    );
    return { view, wire, rows, metadata };
  };

  const file = (q: ScoreExportQuery, format: ScoreExportFormat): ScoreExportFile => {
    const { view, wire, rows, metadata } = gather(q);
    const fileName = exportFileName(view, EXTENSION[format]);
    if (format === 'geojson') {
      const fc = toGeoJson(
        rows,
        new Map(wire.map((r) => [r.region, r.drivers])),
        shapes(view.level, view.period),
        metadata,
      );
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
  };

  return { resolve, gather, file };
}
