import { z } from 'zod';
import { citesSomething, CONFIDENCES } from '../../../indicators/index.ts';
import { PeriodSchema, RegionCodeSchema } from '../../schemas.ts';

/** Longest note accepted. Notes describe the area; a short cap keeps them from becoming case files. */
export const NOTE_MAX = 500;
/** Longest citation, locator and reason accepted. */
export const CITATION_MAX = 500;
export const LOCATOR_MAX = 200;
export const REASON_MAX = 500;

const required = (what: string) => ({
  error: (iss: { input: unknown }) => (iss.input === undefined ? `is required (${what})` : undefined),
});
const text = (max: number, what: string) =>
  z
    .string(required(what))
    .trim()
    .min(1, { error: `must not be empty (${what})` })
    .max(max, { error: `must be at most ${max} characters` });

/**
 * {@link citesSomething}, answered once per distinct citation (a pure function of the text): an import
 * checks the same few citations on every row, and their Unicode normalisation was a large part of
 * validating a row. Bounded; emptied when full.
 */
const citesSomethingOnce = (() => {
  const known = new Map<string, boolean>();
  return (citation: string): boolean => {
    let ok = known.get(citation);
    if (ok === undefined) {
      if (known.size >= 4096) known.clear();
      known.set(citation, (ok = citesSomething(citation)));
    }
    return ok;
  };
})();

/** Where a value comes from: a citation (required), and optionally a link and where in the source. */
export const SourceSchema = z.object(
  {
    citation: text(CITATION_MAX, 'a citation of the source document').refine(citesSomethingOnce, {
      error: 'must name the source in letters or digits: it is how independent sources are told apart',
    }),
    url: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) link' })
      .max(2000)
      .optional(),
    locator: z
      .string()
      .trim()
      .max(LOCATOR_MAX, { error: `must be at most ${LOCATOR_MAX} characters` })
      .optional(),
  },
  required('a source with at least a citation'),
);

/** Analyst confidence in one value. */
export const ConfidenceSchema = z.enum(CONFIDENCES, {
  error: (iss) =>
    iss.input === undefined ? 'is required (low, medium or high)' : `must be one of ${CONFIDENCES.join(', ')}`,
});

const value = z.number({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a number') }).finite();
const note = z
  .string()
  .max(NOTE_MAX, { error: `must be at most ${NOTE_MAX} characters (notes are about the area, not a case file)` })
  .optional();

/** Body of `POST /api/observations`: one new observation. */
export const ObservationInputSchema = z.object({
  region: RegionCodeSchema,
  indicator: z.string({ error: 'is required' }).min(1).max(80),
  period: PeriodSchema,
  value,
  confidence: ConfidenceSchema,
  source: SourceSchema,
  note,
});

/** A new observation as the write path takes it (region already resolved to a stored code). */
export type ObservationInput = z.infer<typeof ObservationInputSchema>;

/** Body of `POST /api/observations/:id/supersede`: the corrected value, and why. Omitted fields keep the old ones. */
export const SupersedeInputSchema = z.object({
  value,
  confidence: ConfidenceSchema.optional(),
  source: SourceSchema.optional(),
  note,
  reason: text(REASON_MAX, 'why the value is corrected'),
});

/** Body of `POST /api/observations/:id/retract`. */
export const RetractInputSchema = z.object({
  reason: text(REASON_MAX, 'why the observation is withdrawn'),
  /** Needed to retract someone else's observation without the admin role (see ownership.ts). */
  onBehalfOf: z
    .string({ error: 'must be text: on whose behalf, or why, you retract someone else’s observation' })
    .trim()
    .min(1, { error: 'must not be empty' })
    .max(REASON_MAX, { error: `must be at most ${REASON_MAX} characters` })
    .optional(),
});

/** Query of `GET /api/observations`. */
export const ObservationListQuery = z.object({
  region: RegionCodeSchema.optional(),
  indicator: z.string().min(1).max(80).optional(),
  period: PeriodSchema.optional(),
  batch: z.coerce.number().int().positive().optional(),
  history: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The path parameter of the per-observation routes. */
export const ObservationIdParam = z.object({
  id: z.coerce.number({ error: 'must be an observation id' }).int().positive(),
});
