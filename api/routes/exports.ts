import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { listIndicatorGroups } from '../../db/queries/catalogue.ts';
import { getRegion } from '../../db/queries/regions.ts';
import { scoredPeriods } from '../../db/queries/scores.ts';
import { addMonths, NO_DATA, periodRange } from '../../indicators/index.ts';
import { badRequest, notFound } from '../errors.ts';
import { LensSchema, LevelSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import { briefDocument } from '../services/export/brief.ts';
import { exportMetadata } from '../services/export/metadata.ts';
import {
  createScoreExporter,
  type ScoreExportFile,
  type ScoreExportFormat,
  type ScoreExportQuery,
} from '../services/export/score-export.ts';
import { responseCache } from '../services/scores/response-cache.ts';
import { explain } from '../services/scores/explain.ts';
import { regionSeries } from '../services/scores/live-scores.ts';
import { modelInputs } from '../services/scores/model-inputs.ts';
import { validate } from '../validate.ts';
import { toWire } from '../services/scores/score-wire.ts';

const ExportQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  level: LevelSchema.default(0),
  scenario: ScenarioSchema,
});

/** Months of history a brief's trend chart shows when no range is asked for. */
const BRIEF_MONTHS = 36;

const BriefQuery = z.object({
  region: RegionCodeSchema,
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
});

const CsvQuery = ExportQuery.extend({
  format: z.enum(['csv', 'hxl'], { message: 'must be csv or hxl' }).default('csv'),
});

/** The file's text with its type and name, as the response cache keeps it. */
const asDownload = (f: ScoreExportFile) => ({
  text: f.body,
  headers: { 'Content-Type': f.contentType, 'Content-Disposition': `attachment; filename="${f.fileName}"` },
});

/**
 * Downloads: `GET /api/export/scores.csv` (`?format=hxl` for HXL hashtags),
 * `GET /api/export/scores.hxl.csv`, `GET /api/export/scores.geojson` and
 * `GET /api/export/metadata`, each for `period` (default: the latest month), `lens`, `level` and
 * `scenario`, the same rows as `GET /api/scores`, with every count below 5 written as `<5`.
 * CSV files repeat period, lens, scenario and catalogue version on every row; the GeoJSON carries
 * them, the sources and the credits in a top-level `metadata` member (see services/export/score-export.ts,
 * which `vigil export scores` shares).
 * `GET /api/export/brief?region=&period=&lens=&scenario=&from=&to=`: the printable region brief's content
 * (score, series, drivers, forms, data gaps, sources, metadata), counts suppressed. The series covers
 * `from`–`to` when asked (from the first scored month at the earliest), else the 36 months up to `period`.
 */
export function exportRoutes(db: Db, version: string) {
  const exporter = createScoreExporter(db, version);
  const { resolve } = exporter;
  // A first-level GeoJSON is 11 MB built in about half a second on the event loop: built once per
  // query and data version (ETag, compressed once) so that twenty people downloading the same map
  // cost one build, not twenty.
  const files = responseCache(db, { maxBytes: 96 * 1024 * 1024 });
  const download = (c: Context, q: ScoreExportQuery, format: ScoreExportFormat) =>
    files.raw(c, JSON.stringify([format, q]), () => asDownload(exporter.file(q, format)));

  return new Hono()
    .use('/export/*', compress())
    .get('/export/scores.csv', validate('query', CsvQuery), (c) => {
      const { format, ...q } = c.req.valid('query');
      return download(c, q, format);
    })
    .get('/export/scores.hxl.csv', validate('query', ExportQuery), (c) => download(c, c.req.valid('query'), 'hxl'))
    .get('/export/scores.geojson', validate('query', ExportQuery), (c) => download(c, c.req.valid('query'), 'geojson'))
    .get('/export/brief', validate('query', BriefQuery), (c) => {
      const { from: askedFrom, to: askedTo, ...q } = c.req.valid('query');
      if (askedFrom && askedTo && askedFrom > askedTo)
        throw badRequest([{ field: 'from', message: 'must not be after to' }]);
      const region = getRegion(db, q.region);
      if (!region) throw notFound(`Region ${q.region}`);
      const view = resolve({ ...q, level: region.level });
      const inputs = modelInputs(db);
      const parent = region.parent ? getRegion(db, region.parent) : undefined;
      const firstScored = scoredPeriods(db)[0] ?? view.period;
      const to = askedTo ?? (askedFrom && askedFrom > view.period ? askedFrom : view.period);
      const from = [firstScored, askedFrom ?? addMonths(to, -(BRIEF_MONTHS - 1))].sort().at(-1)!;
      const scored = new Map(
        regionSeries(db, inputs, {
          region: region.code,
          lens: view.lens,
          scenario: view.scenario,
          from,
          to,
        }).map((r) => [r.period, r]),
      );
      const series = (from <= to ? periodRange(from, to) : []).map((p) => ({
        period: p,
        score: scored.has(p) ? toWire(scored.get(p)!, view.lens).score : null,
        class: scored.get(p)?.class ?? NO_DATA,
      }));
      return c.json(
        briefDocument({
          region: {
            code: region.code,
            name: region.name,
            level: region.level,
            kind: region.kind,
            parent: parent ? { code: parent.code, name: parent.name } : null,
          },
          explanation: explain(db, inputs, {
            region,
            period: view.period,
            lens: view.lens,
            scenario: view.scenario,
            method: 'v2',
          }),
          series,
          groupLabels: new Map(listIndicatorGroups(db).map((g) => [g.id, g.label])),
          metadata: exportMetadata(db, view, { version }),
        }),
      );
    })
    .get('/export/metadata', validate('query', ExportQuery), (c) =>
      c.json(exportMetadata(db, resolve(c.req.valid('query')), { version })),
    );
}
