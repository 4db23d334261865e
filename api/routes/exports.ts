import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import type { Geometry } from 'geojson';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listIndicatorGroups } from '../../db/queries/catalogue.ts';
import { getActiveBoundaries, getRegion, listRegions } from '../../db/queries/regions.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { addMonths, periodRange } from '../../indicators/period.ts';
import { NO_DATA } from '../../indicators/vocabulary.ts';
import { notFound } from '../errors.ts';
import { LensSchema, LevelSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import { briefDocument } from '../services/export/brief.ts';
import { toCsv } from '../services/export/csv.ts';
import { boundaryFeatures, toGeoJson } from '../services/export/geojson.ts';
import { exportMetadata, type ExportView } from '../services/export/metadata.ts';
import { scoreTable, toExportRow, type ScoreWireRow } from '../services/export/score-table.ts';
import { explain } from '../services/explain.ts';
import { regionSeries, requireScenario, scoresAt } from '../services/live-scores.ts';
import { modelInputs } from '../services/model-inputs.ts';
import { validate } from '../validate.ts';
import { toWire } from './scores.ts';

const ExportQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  level: LevelSchema.default(0),
  scenario: ScenarioSchema,
});

/** Months of history a brief's trend chart shows. */
const BRIEF_MONTHS = 36;

const BriefQuery = z.object({
  region: RegionCodeSchema,
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
});

const CsvQuery = ExportQuery.extend({
  format: z.enum(['csv', 'hxl'], { message: 'must be csv or hxl' }).default('csv'),
});

/** A download's file name: what, lens, month, level and (when not the baseline) scenario, e.g. `vigil-scores-tip-2017-11-admin1.csv`. */
export function exportFileName(v: ExportView, ext: string): string {
  return `vigil-scores-${v.lens}-${v.period}-admin${v.level}${v.scenario === 'baseline' ? '' : `-${v.scenario}`}.${ext}`;
}

function download(c: Context, body: string, type: string, fileName: string) {
  c.header('Content-Type', type);
  c.header('Content-Disposition', `attachment; filename="${fileName}"`);
  c.header('Cache-Control', 'no-store');
  return c.body(body);
}

/**
 * Downloads: `GET /api/export/scores.csv` (`?format=hxl` for HXL hashtags),
 * `GET /api/export/scores.hxl.csv`, `GET /api/export/scores.geojson` and
 * `GET /api/export/metadata`, each for `period` (default: the latest month), `lens`, `level` and
 * `scenario`, the same rows as `GET /api/scores`, with every count below 5 written as `<5`.
 * CSV files repeat period, lens, scenario and catalogue version on every row; the GeoJSON carries
 * them, the sources and the credits in a top-level `metadata` member.
 * `GET /api/export/brief?region=&period=&lens=&scenario=`: the printable region brief's content
 * (score, series, drivers, forms, data gaps, sources, metadata), counts suppressed.
 */
export function exportRoutes(db: Db, version: string) {
  const geometry = new Map<number, { id: string; features: Map<string, Geometry> }>();
  const shapes = (level: number) => {
    const set = getActiveBoundaries(db, level);
    if (!set) return new Map<string, Geometry>();
    const id = `${set.id}@${set.loadedAt}`;
    const hit = geometry.get(level);
    if (hit?.id === id) return hit.features;
    const features = boundaryFeatures(set.topology);
    geometry.set(level, { id, features });
    return features;
  };

  const resolve = (q: z.infer<typeof ExportQuery>): ExportView => {
    requireScenario(q.scenario);
    const period = q.period ?? scoredPeriods(db).at(-1);
    if (!period) throw notFound('Scored months');
    return { period, lens: q.lens, level: q.level, scenario: q.scenario };
  };

  const gather = (q: z.infer<typeof ExportQuery>) => {
    const view = resolve(q);
    const { period } = view;
    const stored = new Map(scoresAt(db, modelInputs(db), view).map((r) => [r.regionCode, r]));
    const wire: ScoreWireRow[] = listRegions(db, { level: q.level }).map((reg) => {
      const s = stored.get(reg.code);
      const base = s ? toWire(s) : { period, score: null, class: NO_DATA, coverage: 0, confidence: null, trend: null, trend12: null, drivers: [], rolledUpFrom: null, evidence: { indicators: 0, groups: 0 } };
      return { region: reg.code, name: reg.name, parent: reg.parent, ...base };
    });
    const metadata = exportMetadata(db, view, { version });
    const rows = wire.map((r) => toExportRow(r, { ...view, catalogueVersion: metadata.catalogueVersion }));
    return { view, wire, rows, metadata };
  };

  const csv = (c: Context, q: z.infer<typeof ExportQuery>, hxl: boolean) => {
    const { view, rows } = gather(q);
    return download(c, toCsv(scoreTable(rows, view.level, { hxl })), 'text/csv; charset=utf-8', exportFileName(view, hxl ? 'hxl.csv' : 'csv'));
  };

  return new Hono()
    .use('/export/*', compress())
    .get('/export/scores.csv', validate('query', CsvQuery), (c) => {
      const q = c.req.valid('query');
      return csv(c, q, q.format === 'hxl');
    })
    .get('/export/scores.hxl.csv', validate('query', ExportQuery), (c) => csv(c, c.req.valid('query'), true))
    .get('/export/scores.geojson', validate('query', ExportQuery), (c) => {
      const { view, wire, rows, metadata } = gather(c.req.valid('query'));
      const fc = toGeoJson(rows, new Map(wire.map((r) => [r.region, r.drivers])), shapes(view.level), metadata);
      return download(c, JSON.stringify(fc), 'application/geo+json; charset=utf-8', exportFileName(view, 'geojson'));
    })
    .get('/export/brief', validate('query', BriefQuery), (c) => {
      const q = c.req.valid('query');
      const region = getRegion(db, q.region);
      if (!region) throw notFound(`Region ${q.region}`);
      const view = resolve({ ...q, level: region.level });
      const inputs = modelInputs(db);
      const parent = region.parent ? getRegion(db, region.parent) : undefined;
      const from = [scoredPeriods(db)[0] ?? view.period, addMonths(view.period, -(BRIEF_MONTHS - 1))].sort().at(-1)!;
      const scored = new Map(regionSeries(db, inputs, { region: region.code, lens: view.lens, scenario: view.scenario, from, to: view.period }).map((r) => [r.period, r]));
      const series = periodRange(from, view.period).map((p) => ({ period: p, score: scored.has(p) ? toWire(scored.get(p)!).score : null, class: scored.get(p)?.class ?? NO_DATA }));
      return c.json(
        briefDocument({
          region: { code: region.code, name: region.name, level: region.level, kind: region.kind, parent: parent ? { code: parent.code, name: parent.name } : null },
          explanation: explain(db, inputs, { region, period: view.period, lens: view.lens, scenario: view.scenario }),
          series,
          groupLabels: new Map(listIndicatorGroups(db).map((g) => [g.id, g.label])),
          metadata: exportMetadata(db, view, { version }),
        }),
      );
    })
    .get('/export/metadata', validate('query', ExportQuery), (c) => c.json(exportMetadata(db, resolve(c.req.valid('query')), { version })));
}
