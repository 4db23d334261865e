import { z } from 'zod';
import { ALERT_KINDS } from '../../indicators/model/alerts.ts';
import { LENSES } from '../../indicators/vocabulary.ts';
import type { ResourceDoc } from './route-doc.ts';
import { ScoreClass, ScoreRow } from './scores.ts';

const Alert = z
  .object({
    region: z.string(),
    name: z.string(),
    level: z.number().int(),
    lens: z.enum(LENSES),
    period: z.string(),
    kind: z.enum(ALERT_KINDS),
    reason: z.string().meta({ description: 'One line, in plain words' }),
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
      description:
        'A class threshold crossed upward, a sharp rise against the region’s own trailing mean, or a new direct trafficking indicator. First-level regions alert only on evidence of their own.',
      params: { lens: 'Default tip', level: 'Only this level (default both)' },
      responses: { 200: { description: 'Alerts, highest score first', shape: z.array(Alert) } },
      example: '/api/alerts?period=2014-08&lens=tip',
    },
    {
      method: 'get',
      path: '/api/regions/:code/alerts',
      summary: 'One region’s alerts in every scored month',
      description:
        'The same alerts as the region’s entries in /api/alerts, month by month, for a trend chart or a brief.',
      params: {
        lens: 'Default tip',
        from: 'First month (default: the first scored)',
        to: 'Last month (default: the latest)',
      },
      responses: { 200: { description: 'Alerts, oldest month first', shape: z.array(Alert) } },
      errors: { 404: 'No such region' },
      example: '/api/regions/IQ-NI/alerts?lens=tip',
    },
    {
      method: 'get',
      path: '/api/risers',
      summary: 'Classed regions whose score rose the most',
      params: {
        lens: 'Default tip',
        level: 'Default 1',
        months: 'Window of the change: 3 or 12 months',
        limit: 'At most this many',
      },
      responses: { 200: { description: 'Score rows, largest rise first', shape: z.array(ScoreRow) } },
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
      params: {
        id: 'The scenario to compare',
        base: 'The scenario compared with (default baseline)',
        lens: 'Default tip',
        level: 'Default 1',
      },
      responses: { 200: { description: 'Summary and moves, largest change first', shape: Comparison } },
      example: '/api/scenarios/children-focus/compare?period=2017-07&lens=tip',
    },
    {
      method: 'get',
      path: '/api/sensitivity',
      summary: 'Rank stability of the top regions when every weight is perturbed at random',
      description: 'Seeded, so the same query gives the same answer. Null when nothing is scored.',
      params: {
        lens: 'Default tip',
        level: 'Default 0',
        runs: 'Random weightings tried',
        spread: 'Each weight is multiplied by a factor in 1 ± spread',
        top: 'Size of the top list compared',
        seed: 'Random seed',
      },
      responses: { 200: { description: 'The analysis', shape: Sensitivity.nullable() } },
      example: '/api/sensitivity?period=2017-07&lens=tip&runs=50',
    },
  ],
};
