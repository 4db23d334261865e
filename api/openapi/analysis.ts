import { z } from 'zod';
import { ALERT_KINDS, LENSES } from '../../indicators/index.ts';
import { HEAVY_READ_429, HEAVY_READ_NOTE, SCENARIO_HEAVY_NOTE, TEXT_LANG, type ResourceDoc } from './route-doc.ts';
import { ScoreClass, ScoreRow } from './scores.ts';

const Alert = z
  .object({
    region: z.string(),
    name: z.string(),
    level: z.number().int(),
    lens: z.enum(LENSES),
    period: z.string(),
    kind: z.enum(ALERT_KINDS),
    reason: z.string().meta({ description: 'One line, in plain words, in the language asked for (lang)' }),
    score: z.number().nullable(),
    previousScore: z.number().nullable(),
    baseline: z.number().optional().meta({ description: 'For a sharp rise: the region’s trailing mean' }),
  })
  .meta({ id: 'Alert' });

const Scenario = z.object({
  id: z.string(),
  label: z.string(),
  description: z.string(),
  purpose: z.string(),
  multipliers: z
    .record(z.string(), z.record(z.string(), z.number()))
    .meta({ description: 'Weight multipliers by relevance, frameworks, groups, forms, indicators' }),
  weights: z.record(z.string(), z.number()).meta({ description: 'Absolute weights by indicator id' }),
  reweighted: z.number().int(),
  switchedOff: z.number().int(),
  baseline: z.boolean(),
});

const Move = z.object({
  region: z.string(),
  name: z.string(),
  baseScore: z.number().nullable(),
  altScore: z.number().nullable(),
  delta: z.number().nullable(),
  baseClass: ScoreClass,
  altClass: ScoreClass,
  baseRank: z.number().int().nullable(),
  altRank: z.number().int().nullable(),
  rankChange: z.number().int().nullable(),
  classChanged: z.boolean(),
});
const Extreme = z.object({ region: z.string(), name: z.string(), delta: z.number() }).nullable();

const Comparison = z.object({
  scenario: z.string(),
  base: z.string(),
  period: z.string().nullable(),
  lens: z.enum(LENSES),
  level: z.number().int(),
  summary: z
    .object({
      regions: z.number().int(),
      moved: z.number().int(),
      classChanges: z.number().int(),
      meanAbsDelta: z.number(),
      maxRise: Extreme,
      maxFall: Extreme,
      threshold: z.number(),
    })
    .nullable(),
  moves: z.array(Move),
});

const Sensitivity = z.object({
  period: z.string(),
  lens: z.enum(LENSES),
  level: z.number().int(),
  scenario: z.string(),
  runs: z.number().int(),
  spread: z.number(),
  top: z.number().int(),
  seed: z.number().int(),
  regions: z.number().int(),
  meanTopOverlap: z.number().nullable(),
  meanSpearman: z.number().nullable(),
  minSpearman: z.number().nullable(),
  topRegions: z.array(
    z.object({
      region: z.string(),
      name: z.string(),
      baseScore: z.number().nullable(),
      baseRank: z.number().int(),
      medianRank: z.number(),
      bestRank: z.number().int(),
      worstRank: z.number().int(),
      inTopShare: z.number(),
    }),
  ),
});

const Progress = z.object({ done: z.number().int(), total: z.number().int() });
const Standing = z.object({
  period: z.string(),
  score: z.number().nullable(),
  class: z.string(),
  rank: z.number().int().nullable(),
  of: z.number().int(),
  percentile: z.number().nullable(),
  topDecile: z.boolean(),
});
const MethodBacktest = z.object({
  before: Standing,
  at: Standing,
  leadMonths: z.number().int().nullable(),
  leadFrom: z.string().nullable(),
});
const Shift = z.object({
  comparisons: z.number().int(),
  medianTopShift: z.number().nullable(),
  worstTopShift: z.number().nullable(),
  droppedShare: z.number().nullable(),
  medianSpearman: z.number().nullable(),
  worstSpearman: z.number().nullable(),
});
const Validation = z
  .object({
    status: z.enum(['current', 'stale']).meta({
      description: 'stale: data or model changed since; these are the previous figures while a recomputation runs',
    }),
    computing: Progress.nullable(),
    computedAt: z.string(),
    seconds: z.number(),
    modelVersion: z.string(),
    backtest: z.object({
      lens: z.literal('tip'),
      leadWindow: z.number().int(),
      rows: z.array(
        z.object({
          onset: z.object({
            id: z.string(),
            place: z.string(),
            region: z.string(),
            level: z.number().int(),
            month: z.string(),
            dated: z.enum(['month', 'year']),
            summary: z.string(),
            source: z.object({ title: z.string(), section: z.string() }),
          }),
          byMethod: z.object({ v2: MethodBacktest, v1: MethodBacktest }),
        }),
      ),
    }),
    sensitivity: z.object({
      lens: z.enum(LENSES),
      level: z.number().int(),
      top: z.number().int(),
      months: z.number().int(),
      weightRuns: z.number().int(),
      weightSpread: z.number(),
      seed: z.number().int(),
      variants: z.array(Shift.extend({ id: z.string(), label: z.string(), family: z.string() })),
      overall: Shift,
    }),
    classChanges: z.array(
      z.object({
        lens: z.enum(LENSES),
        regionMonths: z.number().int(),
        changed: z.number().int(),
        transitions: z.array(z.object({ from: z.string(), to: z.string(), count: z.number().int() })),
      }),
    ),
  })
  .meta({ id: 'Validation' });

/** Alerts, risers, weighting scenarios and their comparison, and rank stability. */
export const analysisDoc: ResourceDoc = {
  name: 'Alerts and scenarios',
  description:
    'What changed (alerts, risers), and how much the picture depends on the weights (scenarios, their comparison with the baseline, rank stability under perturbed weights).',
  routes: [
    {
      method: 'get',
      path: '/api/alerts',
      summary: 'The month’s alerts, each with its reason',
      description: `A class threshold crossed upward, a sharp rise against the region’s own trailing mean, or a new direct trafficking indicator. First-level regions and districts alert only on evidence of their own. ${SCENARIO_HEAVY_NOTE}`,
      params: {
        lens: 'Default tip',
        level: 'Only this level: 0 countries, 1 first-level regions, 2 districts (default all)',
        lang: TEXT_LANG,
      },
      responses: { 200: { description: 'Alerts, highest score first', shape: z.array(Alert) } },
      errors: HEAVY_READ_429,
      example: '/api/alerts?period=2014-08&lens=tip',
    },
    {
      method: 'get',
      path: '/api/regions/:code/alerts',
      summary: 'One region’s alerts in every scored month',
      description: `The same alerts as the region’s entries in /api/alerts, month by month, for a trend chart or a brief. ${SCENARIO_HEAVY_NOTE}`,
      params: {
        lens: 'Default tip',
        from: 'First month (default: the first scored)',
        to: 'Last month (default: the latest)',
        lang: TEXT_LANG,
      },
      responses: { 200: { description: 'Alerts, oldest month first', shape: z.array(Alert) } },
      errors: { 404: 'No such region', ...HEAVY_READ_429 },
      example: '/api/regions/IQ-NI/alerts?lens=tip',
    },
    {
      method: 'get',
      path: '/api/risers',
      summary: 'Classed regions whose score rose the most',
      description: SCENARIO_HEAVY_NOTE,
      params: {
        lens: 'Default tip',
        level: 'Default 1 (0 countries, 2 districts)',
        months: 'Window of the change: 3 or 12 months',
        limit: 'At most this many',
      },
      responses: { 200: { description: 'Score rows, largest rise first', shape: z.array(ScoreRow) } },
      errors: HEAVY_READ_429,
      example: '/api/risers?period=2016-07&lens=tip&level=1&months=12&limit=5',
    },
    {
      method: 'get',
      path: '/api/scenarios',
      summary: 'The bundled weighting scenarios',
      responses: { 200: { description: 'Scenarios, baseline first', shape: z.array(Scenario) } },
      example: '/api/scenarios',
    },
    {
      method: 'get',
      path: '/api/scenarios/:id/compare',
      summary: 'Which regions move under a scenario, against the baseline (or `base`)',
      description: `One side is always computed from every observation. ${HEAVY_READ_NOTE}`,
      params: {
        id: 'The scenario to compare',
        base: 'The scenario compared with (default baseline)',
        lens: 'Default tip',
        level: 'Default 1 (0 countries, 2 districts)',
      },
      responses: { 200: { description: 'Summary and moves, largest change first', shape: Comparison } },
      errors: HEAVY_READ_429,
      example: '/api/scenarios/children-focus/compare?period=2017-07&lens=tip',
    },
    {
      method: 'get',
      path: '/api/sensitivity',
      summary: 'Rank stability of the top regions when every weight is perturbed at random',
      description:
        'Seeded, so the same query gives the same answer. Null when nothing is scored. Heavy: computed in a process of its own and kept until the data change; at most VIGIL_HEAVY_JOBS such computations run at once (default 2), one per client (VIGIL_HEAVY_JOBS_PER_CLIENT), and a request beyond that is refused with 429 busy and Retry-After rather than queued.',
      params: {
        lens: 'Default tip',
        level: 'Default 0 (1: first-level regions, 2: districts of user boundary sets)',
        runs: 'Random weightings tried (at most 200 without signing in, 1,000 signed in)',
        spread: 'Each weight is multiplied by a factor in 1 ± spread',
        top: 'Size of the top list compared',
        seed: 'Random seed',
      },
      responses: { 200: { description: 'The analysis', shape: Sensitivity.nullable() } },
      errors: { 429: 'Too many heavy computations running (Retry-After says when to try again)' },
      example: '/api/sensitivity?period=2017-07&lens=tip&runs=50',
    },
    {
      method: 'get',
      path: '/api/validation',
      summary:
        'How the risk model performs: backtest of documented onsets, structural sensitivity, class changes v1 → v2',
      description:
        'Computed in the background on the current data and model and stored; served as stale (with the progress of the recomputation) after the data or the model changed. Before a first computation the request waits for it, or answers 202 with the progress when wait=false.',
      params: { wait: 'true (default): wait for a first computation; false: answer 202 with its progress' },
      responses: {
        200: { description: 'The validation', shape: Validation },
        202: {
          description: 'Being computed for the first time',
          shape: z.object({ status: z.literal('computing'), computing: Progress }),
        },
      },
      errors: { 409: 'No current observation: nothing to validate' },
      example: '/api/validation',
    },
  ],
};
