import { z } from 'zod';
import { CONFIDENCES } from '../../indicators/index.ts';
import { ObservationInputSchema, RetractInputSchema, SupersedeInputSchema } from '../services/observations/input.ts';
import type { ResourceDoc } from './route-doc.ts';
import { ScoreClass } from './scores.ts';

/** One stored observation (a version: corrections supersede, the history stays). */
export const Observation = z
  .object({
    id: z.number().int(),
    regionCode: z.string().meta({ examples: ['IQ-NI'] }),
    indicatorId: z.string().meta({ examples: ['afac.rf1'] }),
    period: z.string().meta({ examples: ['2016-05'] }),
    value: z.number(),
    confidence: z.enum(CONFIDENCES),
    sourceCitation: z.string(),
    sourceUrl: z.string().nullable(),
    sourceLocator: z.string().nullable(),
    note: z.string().nullable().meta({ description: 'About the area, never about a person' }),
    state: z.enum(['current', 'superseded', 'retracted']),
    supersedes: z.number().int().nullable(),
    supersededBy: z.number().int().nullable(),
    reason: z.string().nullable().meta({ description: 'Why it was corrected or retracted' }),
    enteredBy: z.string(),
    enteredAt: z.string(),
    batchId: z.number().int().nullable(),
  })
  .meta({ id: 'Observation' });

/** One region's score in one lens, now or once the observation is saved. */
/** One observation as an analyst enters it; the entry and its preview take the same body. */
const OBSERVATION_EXAMPLE = {
  region: 'IQ-NI',
  indicator: 'afac.rf1',
  period: '2016-05',
  value: 3,
  confidence: 'medium',
  source: { citation: 'Partner situation report, May 2016', locator: 'p. 4' },
};

const PreviewSide = z.object({
  score: z
    .number()
    .nullable()
    .meta({
      description: '0–10, or null when the region has no score of its own (see `basis`)',
      examples: [4.12],
    }),
  class: ScoreClass,
  basis: z.enum(['own', 'country', 'none']).meta({
    description: "The region's own evidence; its country's records only (no score of its own); or nothing",
  }),
  conditionsOnly: z.boolean().meta({ description: 'Trafficking lens: scored on conditions only, no direct sign' }),
});

const PreviewChange = z.object({
  before: PreviewSide,
  after: PreviewSide,
  classChanges: z.boolean().meta({ description: 'Whether saving moves the region to another class' }),
});

const PreviewRegion = z.object({
  code: z.string().meta({ examples: ['IQ-NI'] }),
  name: z.string().meta({ examples: ['Ninewa'] }),
  level: z.number().int(),
  overall: PreviewChange,
  tip: PreviewChange.meta({ description: 'The trafficking lens' }),
});

/** What saving an observation would do to its region's scores that month. */
export const ObservationPreview = z
  .object({
    period: z.string().meta({ examples: ['2016-05'] }),
    region: PreviewRegion,
    parent: PreviewRegion.nullable().meta({
      description: "The country's score (its roll-up) when the region is a first-level one",
    }),
  })
  .meta({ id: 'ObservationPreview' });

const writes =
  'Validated against the catalogue in force, written in one transaction with its audit entry, then the touched regions are rescored. A 400 names each bad field.';

/** Analyst entry, corrections, retractions, and the history of observations. */
export const observationsDoc: ResourceDoc = {
  name: 'Observations',
  description:
    'Assessments of one indicator in one region for one month, each citing its source. Never overwritten in place: a correction supersedes, a retraction withdraws, and the history stays.',
  routes: [
    {
      method: 'get',
      path: '/api/observations',
      summary: 'Current observations, or every version with history=true',
      params: {
        region: 'Only this region',
        indicator: 'Only this indicator',
        period: 'Only this month',
        batch: 'Only those an import batch wrote',
        history: 'Every version, with who entered it, when and why it changed',
        limit: 'At most this many',
        offset: 'Skip this many',
      },
      responses: { 200: { description: 'Observations, newest month first', shape: z.array(Observation) } },
      example: '/api/observations?region=IQ-NI&history=true',
    },
    {
      method: 'post',
      path: '/api/observations',
      summary: 'Enter one observation',
      description: writes,
      body: {
        description: 'The observation',
        contentTypes: ['application/json'],
        shape: ObservationInputSchema,
        example: OBSERVATION_EXAMPLE,
      },
      responses: { 201: { description: 'The stored observation', shape: Observation } },
      errors: {
        409: 'It conflicts with the current data (e.g. the same region, indicator and month already has a current observation: correct that one)',
      },
    },
    {
      method: 'post',
      path: '/api/observations/preview',
      summary: 'What entering an observation would do to the scores',
      description:
        "Takes the body of `POST /api/observations` and answers the region's score that month (overall and the trafficking lens, with class), and its country's roll-up, as they are and as they would be once the observation is saved, computed by the same model as the stored scores. Writes nothing (no observation, score or audit entry). Validated like the entry: a 400 names each bad field, a 409 says the month already has a current observation of the indicator.",
      body: {
        description: 'The observation as it would be entered',
        contentTypes: ['application/json'],
        shape: ObservationInputSchema,
        example: OBSERVATION_EXAMPLE,
      },
      responses: { 200: { description: 'The scores now and after saving', shape: ObservationPreview } },
      errors: { 409: 'The region already has a current observation of the indicator for the month: correct that one' },
    },
    {
      method: 'post',
      path: '/api/observations/:id/supersede',
      summary: 'Correct an observation, with a reason',
      description: `Omitted fields keep the old values. ${writes}`,
      params: { id: 'The observation corrected (must be current)' },
      body: {
        description: 'The correction',
        contentTypes: ['application/json'],
        shape: SupersedeInputSchema,
        example: { value: 2, reason: 'Partner revised its estimate' },
      },
      responses: { 201: { description: 'The new version', shape: Observation } },
      errors: { 404: 'No such observation', 409: 'Not current (already corrected or retracted)' },
    },
    {
      method: 'post',
      path: '/api/observations/:id/retract',
      summary: 'Withdraw an observation, with a reason',
      description: writes,
      params: { id: 'The observation withdrawn (must be current)' },
      body: {
        description: 'Why',
        contentTypes: ['application/json'],
        shape: RetractInputSchema,
        example: { reason: 'Entered for the wrong region' },
      },
      responses: { 200: { description: 'The retracted observation', shape: Observation } },
      errors: { 404: 'No such observation', 409: 'Not current (already corrected or retracted)' },
    },
  ],
};
