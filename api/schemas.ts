import { z } from 'zod';
import { FRAMEWORK_IDS, isPeriod, LENSES, METHODS, RELEVANCES } from '../indicators/index.ts';

/** A month `YYYY-MM`. */
export const PeriodSchema = z.string().refine(isPeriod, { message: 'must be a month written YYYY-MM (e.g. 2014-08)' });

/** One of the score lenses. */
export const LensSchema = z.enum(LENSES, { message: `must be one of ${LENSES.join(', ')}` });

/** Admin level 0 (countries) or 1 (first-level regions), from a query string. */
export const LevelSchema = z.enum(['0', '1'], { message: 'must be 0 or 1' }).transform(Number);

/** Levels that user boundary sets add (districts, 2), where a route serves them: regions and boundaries. */
export const AnyLevelSchema = z.enum(['0', '1', '2'], { message: 'must be 0, 1 or 2' }).transform(Number);

/** A region code as stored (ISO 3166-1 alpha-3, ISO 3166-2, Natural Earth or p-code). */
export const RegionCodeSchema = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._~-]{1,31}$/, 'must be a region code such as IRQ or IQ-NI');

/** A scenario id. */
export const ScenarioSchema = z
  .string()
  .regex(/^[a-z0-9-]{1,40}$/, 'must be a scenario id such as baseline')
  .default('baseline');

/** A scoring method: `v2` (evidence accumulates, the default) or `v1` (the first release's mean, for comparison). */
export const MethodSchema = z.enum(METHODS, { message: `must be one of ${METHODS.join(', ')}` }).default('v2');

export const FrameworkSchema = z.enum(FRAMEWORK_IDS, { message: `must be one of ${FRAMEWORK_IDS.join(', ')}` });
export const RelevanceSchema = z.enum(RELEVANCES, { message: `must be one of ${RELEVANCES.join(', ')}` });

/** A yes/no query flag: `true`, `1` or present without a value mean yes; `false`, `0` or absent mean no. */
export const FlagSchema = z
  .enum(['true', 'false', '1', '0', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === '');
