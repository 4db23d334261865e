import { Hono, type Context } from 'hono';
import { compress } from 'hono/compress';
import { z } from 'zod';
import { sqliteHandleOf, type AsyncDb } from '../../db/async.ts';
import type { Db } from '../../db/client.ts';
import { scoresAsync } from '../../db/queries/scores.ts';
import { regionsAsync } from '../../db/queries/regions.ts';
import { badRequest, notFound } from '../errors.ts';
import { gated, type HeavyReads } from '../middleware/heavy-gate.ts';
import { AnyLevelSchema, LensSchema, PeriodSchema, RegionCodeSchema, ScenarioSchema } from '../schemas.ts';
import { exportMetadataAsync } from '../services/export/metadata.ts';
import { regionBriefAsync, type regionBrief } from '../services/export/region-brief.ts';
import {
  asDownload,
  createScoreExporterAsync,
  exportView,
  type ScoreExportFormat,
  type ScoreExportQuery,
} from '../services/export/score-export.ts';
import { requireScenario } from '../services/scores/live-scores.ts';
import { pooledRead } from '../services/pool/read-pool.ts';
import { encodeBody, responseCache, sendEncoded } from '../services/scores/response-cache.ts';
import { validate } from '../validate.ts';
import { LangQuerySchema, responseLang } from '../i18n.ts';

const ExportQuery = z.object({
  period: PeriodSchema.optional(),
  lens: LensSchema.default('overall'),
  level: AnyLevelSchema.default(0),
  scenario: ScenarioSchema,
  lang: LangQuerySchema,
});

const BriefQuery = z.object({
  region: RegionCodeSchema,
  period: PeriodSchema.optional(),
  lens: LensSchema.default('tip'),
  scenario: ScenarioSchema,
  from: PeriodSchema.optional(),
  to: PeriodSchema.optional(),
  lang: LangQuerySchema,
});

const CsvQuery = ExportQuery.extend({
  format: z.enum(['csv', 'hxl'], { message: 'must be csv or hxl' }).default('csv'),
});

/**
 * Downloads: `GET /api/export/scores.csv` (`?format=hxl` for HXL hashtags),
 * `GET /api/export/scores.hxl.csv`, `GET /api/export/scores.geojson` and
 * `GET /api/export/metadata`, each for `period` (default: the latest month), `lens`, `level` and
 * `scenario`, the same rows as `GET /api/scores`, with every count below 5 written as `<5`;
 * `?lang=fr|ar` writes the CSV header row (not the HXL hashtags) and the GeoJSON metadata's texts in
 * that language.
 * CSV files repeat period, lens, scenario and catalogue version on every row; the GeoJSON carries
 * them, the sources and the credits in a top-level `metadata` member (see services/export/score-export.ts,
 * which `vigil export scores` shares).
 * `GET /api/export/brief?region=&period=&lens=&scenario=&from=&to=&lang=`: the printable region brief's content
 * (score, series, drivers, forms, data gaps, sources, metadata), counts suppressed, its texts and
 * labels in `lang` (else the account's language, else English); `GET /api/export/metadata` takes `lang` too and
 * reads through `data` (either engine). The score files and the brief are built in the read pool over the SQLite file,
 * and on PostgreSQL in process from awaited reads by the same code. The series covers
 * `from`–`to` when asked (from the first scored month at the earliest), else the 36 months up to `period`.
 */
export function exportRoutes(db: Db, data: AsyncDb, version: string, heavy: HeavyReads) {
  // A first-level GeoJSON is 11 MB, built in the worker pool once per query and data version (ETag,
  // compressed once) so that twenty people downloading the same map cost one build and one buffer.
  const files = responseCache(db, { maxBytes: 96 * 1024 * 1024, data });
  // On PostgreSQL a stored view's file is built here from awaited reads, by the code the pool runs.
  const file = sqliteHandleOf(data);
  const exporter = createScoreExporterAsync(data, version);
  const download = (c: Context, query: ScoreExportQuery, format: ScoreExportFormat) => {
    requireScenario(query.scenario);
    // Only an explicit ?lang= (see ScoreExportQuery.lang): the file does not follow the account's language.
    if (query.lang) c.header('Content-Language', query.lang);
    const build = file
      ? () => pooledRead(db, { kind: 'export', version, query, format })
      : async () => encodeBody(asDownload(await exporter.file(query, format)));
    return files.offload(c, JSON.stringify([format, query]), () => gated(c, heavy, build));
  };

  return new Hono()
    .use('/export/*', compress())
    .get('/export/scores.csv', heavy.gate.line.join, validate('query', CsvQuery), (c) => {
      const { format, ...q } = c.req.valid('query');
      return download(c, q, format);
    })
    .get('/export/scores.hxl.csv', heavy.gate.line.join, validate('query', ExportQuery), (c) =>
      download(c, c.req.valid('query'), 'hxl'),
    )
    .get('/export/scores.geojson', heavy.gate.line.join, validate('query', ExportQuery), (c) =>
      download(c, c.req.valid('query'), 'geojson'),
    )
    .get('/export/brief', heavy.gate.line.join, validate('query', BriefQuery), async (c) => {
      const query = { ...c.req.valid('query'), lang: responseLang(c, c.req.valid('query').lang) };
      if (query.from && query.to && query.from > query.to)
        throw badRequest([{ field: 'from', message: 'must not be after to' }]);
      if (!(await regionsAsync.get(data, query.region))) throw notFound(`Region ${query.region}`);
      // In the read pool over the SQLite file; on PostgreSQL, here (one region's family is small).
      const build = file
        ? () => pooledRead(db, { kind: 'brief', version, query })
        : async () => encodeBody({ body: await regionBriefAsync(data, version, query) });
      return sendEncoded<ReturnType<typeof regionBrief>>(c, await gated(c, heavy, build));
    })
    .get('/export/metadata', validate('query', ExportQuery), async (c) => {
      const { lang, ...q } = c.req.valid('query');
      const view = exportView(q, q.period ?? (await scoresAsync.periods(data)).at(-1));
      return c.json(await exportMetadataAsync(data, view, { version, lang: responseLang(c, lang) }));
    });
}
