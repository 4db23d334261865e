import { z } from 'zod';
import { CONFIDENCES, FRAMEWORK_IDS, LENSES, METHODS, RELEVANCES, SCORE_CLASSES } from '../../indicators/index.ts';
import { HEAVY_READ_429, HEAVY_READ_NOTE, SCENARIO_HEAVY_NOTE, TEXT_LANG, type ResourceDoc } from './route-doc.ts';

/** A score's class: a risk class, or why there is none. */
export const ScoreClass = z.enum(SCORE_CLASSES).meta({
  id: 'ScoreClass',
  examples: ['high'],
  description:
    'A risk class; insufficient-data when too little corroborated evidence; no-data when nothing was observed (never low risk)',
});

/** One indicator among the strongest behind a score. */
export const Driver = z
  .object({
    indicatorId: z.string().meta({ examples: ['afac.7.9'] }),
    label: z.string().meta({ examples: ['Violence against women and children, or conditions for sexual violence'] }),
    points: z.number().meta({ description: 'Points of the 0–10 score it contributes', examples: [2.61] }),
    region: z.string().optional().meta({
      description:
        'Where the evidence was recorded, when not the scored region (its country, or the region a roll-up came from)',
    }),
  })
  .meta({ id: 'Driver' });

const scoreFields = {
  period: z.string().meta({ examples: ['2017-07'] }),
  score: z
    .number()
    .min(0)
    .max(10)
    .nullable()
    .meta({
      description: '0–10, or null when nothing was observed for the region itself (see `basis`)',
      examples: [7.8],
    }),
  class: ScoreClass,
  coverage: z
    .number()
    .min(0)
    .max(1)
    .meta({ description: 'Share of the lens’s indicator weight that was observed', examples: [0.12] }),
  confidence: z
    .enum(CONFIDENCES)
    .nullable()
    .meta({ examples: ['medium'] }),
  trend: z
    .number()
    .nullable()
    .meta({ description: 'Change over the last 3 months', examples: [0.4] }),
  trend12: z
    .number()
    .nullable()
    .meta({ description: 'Change over the last 12 months', examples: [-1.2] }),
  drivers: z.array(Driver),
  rolledUpFrom: z
    .string()
    .nullable()
    .meta({ description: 'For a country: the region whose score it shows', examples: [null] }),
  evidence: z
    .object({
      indicators: z
        .number()
        .int()
        .meta({ examples: [4] }),
      groups: z
        .number()
        .int()
        .meta({ examples: [3] }),
      sources: z
        .number()
        .int()
        .meta({ description: 'Independent sources (a class needs 2)', examples: [3] }),
      signs: z
        .number()
        .int()
        .meta({ description: 'Direct signs of trafficking recorded for the region itself', examples: [2] }),
      own: z
        .number()
        .int()
        .meta({ description: 'Observations recorded for the region itself', examples: [4] }),
    })
    .meta({ description: 'Evidence behind the score (counts of evidence, never of people: never suppressed)' }),
  basis: z.enum(['own', 'country', 'none']).meta({
    description:
      "What the row rests on: the region's own evidence; its country's records only (no score of its own, shown beside it); or nothing",
    examples: ['own'],
  }),
  conditionsOnly: z.boolean().meta({
    description:
      'Trafficking lens: scored on conditions (indirect indicators) only, with no direct sign recorded for the region itself; at most medium, drawn hatched',
    examples: [false],
  }),
};

/** A district retired in the month: the first month of that retirement. */
const retired = {
  retiredSince: z
    .string()
    .nullable()
    .meta({
      description:
        'For a district a newer version of its boundary set had dropped in this month: the first month of that retirement (YYYY-MM); the row is then `no-data`. Null while in force',
      examples: [null],
    }),
};

/** One month of one region's score. */
export const SeriesPoint = z.object({ ...scoreFields, ...retired }).meta({ id: 'ScorePoint' });

/** One region's score in one month, as `/api/scores` lists it. */
export const ScoreRow = z
  .object({
    region: z.string().meta({ examples: ['IQ-NI'] }),
    name: z.string().meta({ examples: ['Nineveh'] }),
    ...scoreFields,
  })
  .meta({ id: 'ScoreRow' });

/** One region's score in one month, as `/api/scores` lists it: a district retired then says since when. */
export const MonthRow = ScoreRow.extend(retired).meta({ id: 'MonthScoreRow' });

const Contribution = z.object({
  indicatorId: z.string(),
  label: z.string(),
  framework: z.enum(FRAMEWORK_IDS),
  group: z.string(),
  relevance: z.enum(RELEVANCES),
  weight: z.number(),
  observed: z.boolean(),
  value: z
    .number()
    .nullable()
    .meta({ description: 'Normalised 0–1; null when unobserved, or withheld for a count below 5' }),
  display: z.string().nullable().meta({ description: 'The observed value as text (counts below 5 as "<5")' }),
  points: z.number(),
  observationId: z.number().int().nullable(),
  observedPeriod: z.string().nullable(),
  ageMonths: z.number().int().nullable(),
  inherited: z.boolean().meta({ description: 'Recorded for the country as a whole' }),
  confidence: z.enum(CONFIDENCES).nullable(),
  source: z.string().nullable().meta({ description: 'Independent-source key of the observation used' }),
  evidence: z
    .number()
    .nullable()
    .meta({ description: 'Evidence (hazard) it brings after its source’s cap; negative for "looked for, not found"' }),
  sourceCitation: z.string().optional(),
});

/** Every indicator's contribution to one score. */
export const Explanation = z
  .object({
    region: z.string(),
    name: z.string(),
    level: z.number().int(),
    lens: z.enum(LENSES),
    scenario: z.string(),
    method: z.enum(METHODS),
    counts: z.enum(['banded', 'exact']).meta({
      description: 'Small counts of people scored by their band (public) or as recorded (signed-in analysts)',
    }),
    ...scoreFields,
    evidence: z.object({
      indicators: z.number().int(),
      groups: z.number().int(),
      groupsInLens: z.number().int(),
      sources: z.number().int(),
      signs: z.number().int(),
      own: z.number().int(),
    }),
    rolledUpFrom: z.object({ region: z.string(), name: z.string() }).nullable(),
    country: z
      .object({
        region: z.string(),
        name: z.string(),
        score: z.number().nullable(),
        class: ScoreClass,
        rolledUpFrom: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "A first-level region's country and its own score, shown beside the region" }),
    notes: z.array(z.string()),
    model: z
      .object({
        prior: z.number(),
        strength: z.number(),
        absence: z.number(),
        raw: z.number(),
        ceiling: z.number().nullable(),
        sources: z.array(
          z.object({
            source: z.string(),
            label: z.string(),
            indicators: z.number().int(),
            evidence: z.number(),
            counted: z.number(),
            absence: z.number(),
          }),
        ),
      })
      .nullable()
      .meta({ description: 'Method v2: how the evidence built the score (null under v1)' }),
    groups: z.array(
      z.object({
        group: z.string(),
        label: z.string(),
        framework: z.enum(FRAMEWORK_IDS),
        weight: z.number(),
        score: z.number(),
        points: z.number(),
        observed: z.number().int(),
      }),
    ),
    contributions: z
      .array(Contribution)
      .meta({ description: 'Every indicator of the lens, observed first; points add up to the score' }),
    forms: z.array(
      z.object({ form: z.string(), label: z.string(), weight: z.number(), indicators: z.array(z.string()) }),
    ),
  })
  .meta({ id: 'Explanation' });

/** Months with data, scores of a month, a region's series and the explanation of one score. */
export const scoresDoc: ResourceDoc = {
  name: 'Scores',
  description:
    'Risk scores 0–10 per region, month, lens and weighting scenario, each explainable indicator by indicator. Missing data stays missing (`score: null`, class `no-data`), never low risk.',
  routes: [
    {
      method: 'get',
      path: '/api/periods',
      summary: 'Months that have scores',
      responses: {
        200: {
          description: 'Months YYYY-MM, oldest first',
          shape: z.array(z.string().meta({ examples: ['2014-08'] })),
        },
      },
      example: '/api/periods',
    },
    {
      method: 'get',
      path: '/api/scores',
      summary: 'One row per region of a level for one month',
      description: `Regions without data come back with \`score: null\` and class \`no-data\`. A first-level region's row is the highest of its own and its districts' (\`rolledUpFrom\` names the district), as a country's is of its regions'. The month answered is in the \`X-Vigil-Period\` header. ${HEAVY_READ_NOTE}`,
      params: {
        level: '0 countries (default), 1 first-level regions, 2 districts (from user boundary sets)',
        parent:
          'Only the regions under this one: a country’s first-level regions or districts, a first-level region’s districts',
      },
      responses: { 200: { description: 'Score rows', shape: z.array(MonthRow) } },
      errors: HEAVY_READ_429,
      example: '/api/scores?period=2017-07&lens=tip&level=1',
    },
    {
      method: 'get',
      path: '/api/scores/map',
      summary: 'One month of a level in the compact form the map reads',
      description: `The same scores as \`/api/scores\` for what a map draws, as aligned arrays (entry *i* of each is region \`regions[i]\`): class (an index into \`classes\`), score, \`flags\` (1: country-level records only, no score of its own; 2: trafficking lens, conditions only; 4: a district retired in the month, no data), how many indicators were observed, 3-month trend, and the top driver (an index into \`drivers\`, −1 for none). About a tenth of the bytes of the rows; brotli or gzip as the client accepts, ETag per data version. ${HEAVY_READ_NOTE}`,
      params: {
        level: '0 countries (default), 1 first-level regions, 2 districts (from user boundary sets)',
        parent:
          'Only the regions under this one: a country’s first-level regions or districts, a first-level region’s districts',
      },
      responses: {
        200: {
          description: 'Aligned arrays',
          shape: z
            .object({
              period: z.string(),
              lens: z.enum(LENSES),
              level: z.number().int(),
              scenario: z.string(),
              regions: z.array(z.string()),
              classes: z.array(ScoreClass),
              class: z.array(z.number().int()),
              score: z.array(z.number().nullable()),
              trend: z.array(z.number().nullable()),
              flags: z.array(z.number().int()),
              indicators: z.array(z.number().int()),
              drivers: z.array(z.object({ indicatorId: z.string(), label: z.string(), region: z.string().optional() })),
              driver: z.array(z.number().int()),
            })
            .meta({ id: 'MapScores' }),
        },
      },
      errors: { 404: 'Nothing scored yet', ...HEAVY_READ_429 },
      example: '/api/scores/map?period=2017-07&lens=tip&level=1',
    },
    {
      method: 'get',
      path: '/api/regions/:code/scores',
      summary: 'One region over time',
      description: `One row per month from \`from\` to \`to\` (clamped to the months with scores); months without evidence as \`no-data\`. ${SCENARIO_HEAVY_NOTE}`,
      params: { from: 'First month (default: the first with scores)', to: 'Last month (default: the latest)' },
      responses: { 200: { description: 'The series', shape: z.array(SeriesPoint) } },
      errors: { 404: 'No such region', ...HEAVY_READ_429 },
      example: '/api/regions/IQ-NI/scores?lens=tip&from=2014-06&to=2015-06',
    },
    {
      method: 'get',
      path: '/api/regions/:code/explain',
      summary: 'Every indicator’s contribution to one score',
      description: `Computed live by the same model code as the stored scores; the points add up to the score. A country’s score is its roll-up, explained through the region it came from. Labels, display values and notes are in \`lang\`. ${HEAVY_READ_NOTE}`,
      params: { lang: TEXT_LANG },
      responses: { 200: { description: 'The explanation', shape: Explanation } },
      errors: { 404: 'No such region, or nothing scored yet', ...HEAVY_READ_429 },
      example: '/api/regions/IQ-NI/explain?period=2014-08&lens=tip',
    },
  ],
};
