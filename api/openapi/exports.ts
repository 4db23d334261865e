import { z } from 'zod';
import { CONFIDENCES, FRAMEWORK_IDS, LENSES, RELEVANCES } from '../../indicators/index.ts';
import { HEAVY_READ_429, HEAVY_READ_NOTE, TEXT_LANG, type ResourceDoc } from './route-doc.ts';
import { ScoreClass } from './scores.ts';

const EvidenceCount = z
  .number()
  .int()
  .meta({ id: 'EvidenceCount', description: 'A count of pieces of evidence (never of people), never suppressed' });

const ExportMetadata = z
  .object({
    period: z.string(),
    lens: z.enum(LENSES),
    level: z.number().int(),
    scenario: z.string(),
    title: z.string(),
    subtitle: z.string(),
    lensLabel: z.string(),
    periodLabel: z.string(),
    levelLabel: z.string(),
    scenarioLabel: z.string(),
    catalogueVersion: z.string().nullable(),
    dataSets: z.array(
      z.object({
        id: z.enum(['historical', 'ucdp', 'import', 'analyst']),
        name: z.string(),
        licence: z.string(),
        observations: EvidenceCount,
        first: z.string(),
        last: z.string(),
      }),
    ),
    sourceLine: z.string(),
    attribution: z.array(z.string()).meta({
      description:
        'Credits the licences ask for: the boundaries, and UCDP GED (CC BY 4.0) whenever its events inform the month',
    }),
    disclaimer: z.string(),
    notice: z.string().nullable(),
    generatedAt: z.string(),
    generator: z.string(),
  })
  .meta({ id: 'ExportMetadata' });

const Brief = z.object({
  metadata: ExportMetadata,
  region: z.object({
    code: z.string(),
    name: z.string(),
    level: z.number().int(),
    kind: z.string().nullable(),
    parent: z.object({ code: z.string(), name: z.string() }).nullable(),
  }),
  score: z.object({
    score: z.number().nullable(),
    class: ScoreClass,
    coverage: z.number(),
    confidence: z.enum(CONFIDENCES).nullable(),
    trend: z.number().nullable(),
    trend12: z.number().nullable(),
    rolledUpFrom: z.object({ region: z.string(), name: z.string() }).nullable(),
  }),
  evidence: z.object({
    indicators: EvidenceCount,
    sources: EvidenceCount,
    signs: EvidenceCount,
    riskFactors: EvidenceCount,
    riskFactorsInLens: EvidenceCount,
  }),
  basis: z.enum(['own', 'country', 'none']),
  conditionsOnly: z.boolean(),
  notes: z.array(z.string()),
  country: z
    .object({
      region: z.string(),
      name: z.string(),
      score: z.number().nullable(),
      class: ScoreClass,
      rolledUpFrom: z.string().nullable(),
    })
    .nullable(),
  series: z.array(z.object({ period: z.string(), score: z.number().nullable(), class: ScoreClass })),
  drivers: z.array(
    z.object({
      indicatorId: z.string(),
      label: z.string(),
      framework: z.enum(FRAMEWORK_IDS),
      relevance: z.enum(RELEVANCES),
      points: z.number(),
      value: z.string(),
      observedPeriod: z.string().nullable(),
      ageMonths: z.number().int().nullable(),
      inherited: z.boolean(),
      confidence: z.enum(CONFIDENCES).nullable(),
      source: z.string().nullable(),
    }),
  ),
  forms: z.array(z.object({ form: z.string(), label: z.string(), share: z.number() })),
  gaps: z.object({
    riskFactorsObserved: z.array(z.string()),
    riskFactorsMissing: z.array(z.string()),
    dated: z.array(
      z.object({ label: z.string(), observedPeriod: z.string().nullable(), ageMonths: z.number().int().nullable() }),
    ),
    inherited: z.array(z.string()),
  }),
  sources: z.array(z.object({ citation: z.string(), locators: z.array(z.string()) })),
});

const view = {
  period: 'Month YYYY-MM; default the latest with scores',
  lens: 'Default overall',
  level: '0 countries (default), 1 first-level regions, 2 districts (from user boundary sets)',
};
const csvNote =
  'UTF-8 with a byte-order mark, CRLF line ends; one row per region with level, period, lens, scenario, catalogue_version and credit (the credits the licences of the data ask for) repeated; missing scores are empty cells, counts below 5 are "<5". Also from the command line: `vigil export scores`.';

/** Score downloads, their metadata, and the printable region brief. */
export const exportsDoc: ResourceDoc = {
  name: 'Exports',
  description:
    'Downloads of the rows of `/api/scores` (CSV, HXL CSV, GeoJSON) that stand on their own: the view, sources, credits and disclaimer travel with them. Responses are gzip-compressed for clients that accept it.',
  routes: [
    {
      method: 'get',
      path: '/api/export/scores.csv',
      summary: 'Scores as CSV (or HXL with format=hxl)',
      description: `${csvNote} ${HEAVY_READ_NOTE}`,
      params: { ...view, format: 'csv (default) or hxl (a hashtag row under the header)' },
      responses: { 200: { description: 'A CSV file (attachment)', contentType: 'text/csv' } },
      errors: HEAVY_READ_429,
      example: '/api/export/scores.csv?period=2017-07&lens=tip&level=1',
    },
    {
      method: 'get',
      path: '/api/export/scores.hxl.csv',
      summary: 'Scores as HXL-tagged CSV',
      description: `${csvNote} ${HEAVY_READ_NOTE}`,
      params: view,
      responses: { 200: { description: 'A CSV file with HXL hashtags (attachment)', contentType: 'text/csv' } },
      errors: HEAVY_READ_429,
      example: '/api/export/scores.hxl.csv?period=2017-07&lens=tip&level=1',
    },
    {
      method: 'get',
      path: '/api/export/scores.geojson',
      summary: 'Scores as GeoJSON with boundaries and metadata',
      description: `One feature per region (id = region code, its boundary, the CSV fields as properties, drivers as a list) and a top-level \`metadata\` member (RFC 7946 §6.1). ${HEAVY_READ_NOTE}`,
      params: view,
      responses: {
        200: {
          description: 'A GeoJSON FeatureCollection (attachment)',
          contentType: 'application/geo+json',
          shape: z.object({
            type: z.literal('FeatureCollection'),
            features: z.array(
              z.object({
                type: z.literal('Feature'),
                id: z.string(),
                geometry: z.unknown(),
                properties: z.record(z.string(), z.unknown()),
              }),
            ),
            metadata: ExportMetadata,
          }),
        },
      },
      errors: HEAVY_READ_429,
      example: '/api/export/scores.geojson?period=2017-07&lens=tip&level=0',
    },
    {
      method: 'get',
      path: '/api/export/metadata',
      summary: 'The metadata of an export alone',
      description:
        'What the map exports print under the map: title, sources with suppressed counts, catalogue version, credits and disclaimer.',
      params: { ...view, lang: TEXT_LANG },
      responses: { 200: { description: 'Metadata', shape: ExportMetadata } },
      example: '/api/export/metadata?period=2017-07&lens=tip&level=1',
    },
    {
      method: 'get',
      path: '/api/export/brief',
      summary: 'The content of the printable region brief',
      description: `Score, series (from–to when asked, else the 36 months up to the period), top drivers with their evidence, likely exploitation forms as shares, data gaps, sources and metadata; every count suppressed below 5. ${HEAVY_READ_NOTE}`,
      params: {
        region: 'The region',
        lens: 'Default tip',
        from: 'First month of the series (YYYY-MM; the first scored month at the earliest)',
        to: 'Last month of the series (YYYY-MM; default the period)',
        lang: TEXT_LANG,
      },
      responses: { 200: { description: 'The brief', shape: Brief } },
      errors: { 404: 'No such region, or nothing scored yet', ...HEAVY_READ_429 },
      example: '/api/export/brief?region=IQ-NI&period=2014-08&lens=tip',
    },
  ],
};
