import { isPlausible, plausibleRange, type Measurement } from '../../../indicators/index.ts';
import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { perDataVersionAsync } from '../../../db/data-version.ts';
import { indicatorScales, observationsAsync, type IndicatorScale } from '../../../db/queries/observations.ts';
import { perDataVersion } from '../../../db/queries/raw.ts';
import { regionCodes, regionsAsync } from '../../../db/queries/regions.ts';
import { scoreWritesAsync, scoringInputsSignature } from '../../../db/queries/scores.ts';
import type { FieldError } from '../../errors.ts';
import type { ObservationInput } from './input.ts';
import { personalDataProblem, type FreeTextKind } from './personal-data.ts';

/** What validating a write needs, loaded once per request or per import: indicators, regions, the current month. */
export interface WriteContext {
  indicators: ReadonlyMap<string, IndicatorScale>;
  regions: ReadonlySet<string>;
  /** The latest month a value may describe (the current month, UTC). */
  latestPeriod: string;
}

/** The month of `now` in UTC, `YYYY-MM`. */
export function monthOf(now: Date): string {
  return now.toISOString().slice(0, 7);
}

/**
 * The indicators and region codes a write is checked against, kept per connection until the
 * catalogue in force or the regions change (the one cache policy, `perDataVersion`, with the version
 * narrowed to {@link scoringInputsSignature}: a catalogue version is the only way indicators change,
 * and regions are only added): a write after a write reuses them, a region or catalogue added by this
 * process or another is seen by the next write. Shared, so never changed in place.
 */
const writeData = perDataVersion(
  (db): Omit<WriteContext, 'latestPeriod'> => ({
    indicators: new Map(indicatorScales(db).map((i) => [i.id, i])),
    regions: new Set(regionCodes(db)),
  }),
  scoringInputsSignature,
);

/** The validation context: the indicators and regions in the database (kept while they last), and the month of `now`. */
export function loadWriteContext(db: Db, now: Date): WriteContext {
  return { ...writeData(db), latestPeriod: monthOf(now) };
}

/**
 * {@link writeData} read through `a` on PostgreSQL, kept per pool under the awaited cache policy
 * (`perDataVersionAsync`) with the same narrowed version.
 */
const writeDataAsync = perDataVersionAsync(async (a): Promise<Omit<WriteContext, 'latestPeriod'>> => {
  const [scales, regions] = await Promise.all([observationsAsync.indicatorScales(a), regionsAsync.list(a)]);
  return { indicators: new Map(scales.map((i) => [i.id, i])), regions: new Set(regions.map((r) => r.code)) };
}, scoreWritesAsync.inputsSignature);

/** {@link loadWriteContext} on either engine (on SQLite, the same kept context). */
export async function loadWriteContextAsync(a: AsyncDb, now: Date): Promise<WriteContext> {
  const db = sqliteHandleOf(a);
  return db ? loadWriteContext(db, now) : { ...(await writeDataAsync(a)), latestPeriod: monthOf(now) };
}

/**
 * Whether two write contexts accept exactly the same observations: the same regions, the same
 * indicators with the same scales and retirement, the same latest month.
 */
export function sameWriteContext(a: WriteContext, b: WriteContext): boolean {
  if (a.latestPeriod === b.latestPeriod && a.regions === b.regions && a.indicators === b.indicators) return true;
  if (a.latestPeriod !== b.latestPeriod || a.regions.size !== b.regions.size || a.indicators.size !== b.indicators.size)
    return false;
  for (const r of a.regions) if (!b.regions.has(r)) return false;
  for (const [id, scale] of a.indicators) {
    const other = b.indicators.get(id);
    if (!other || JSON.stringify(scale) !== JSON.stringify(other)) return false;
  }
  return true;
}

const fmt = (n: number) => n.toLocaleString('en');

/** Describes an indicator's plausible range for people, e.g. "a severity from 0 to 4 (whole numbers)". */
export function describeScale(m: Measurement): string {
  const r = plausibleRange(m);
  switch (m.kind) {
    case 'severity':
      return `a severity from 0 to ${m.max} (whole numbers)`;
    case 'binary':
      return '0 (absent) or 1 (present)';
    case 'count':
      return `a count of ${m.unit} (a whole number from 0 to ${fmt(r.max)})`;
    case 'rate':
      return `a rate in ${m.unit} (from 0 to ${fmt(r.max)})`;
    default: {
      const never: never = m;
      return never;
    }
  }
}

/** Why `value` is not plausible for the measurement (off its scale, beyond its range), or null when it is. */
export function checkValue(m: Measurement, value: number): string | null {
  const r = plausibleRange(m);
  if (isPlausible(r, value)) return null;
  const beyond = Number.isFinite(value) && value > r.max && (!r.integer || Number.isInteger(value));
  return beyond && m.kind !== 'severity' && m.kind !== 'binary'
    ? `${value} is beyond the indicator's plausible range: expected ${describeScale(m)}`
    : `${value} is outside the indicator's scale: expected ${describeScale(m)}`;
}

/**
 * The free-text fields of an observation that are stored and shown (citation, locator and note reach
 * anonymous visitors through explain and the brief), each with the words an error message uses.
 */
const FREE_TEXT: readonly [field: string, what: FreeTextKind, read: (o: ObservationInput) => string | undefined][] = [
  ['source.citation', 'citations', (o) => o.source?.citation],
  ['source.locator', 'locators', (o) => o.source?.locator],
  ['note', 'notes', (o) => o.note],
];

/** A field error when `text` holds personal data (`what` names the kind of field: "reasons", "file names"…). */
export function checkText(field: string, what: FreeTextKind, text: string | undefined): FieldError[] {
  const problem = text ? personalDataProblem(text, what) : null;
  return problem ? [{ field, message: problem }] : [];
}

/** Field errors for personal data in an observation's free text (citation, locator, note). */
export function checkFreeText(input: ObservationInput): FieldError[] {
  return FREE_TEXT.flatMap(([field, what, read]) => checkText(field, what, read(input)));
}

/**
 * Checks a shape-valid observation against the catalogue, the regions and the clock: known region,
 * known indicator still in force, value on the indicator's scale, month not in the future, citation,
 * locator and note free of personal data. Returns every problem, each naming its field.
 */
export function checkObservation(input: ObservationInput, ctx: WriteContext): FieldError[] {
  const errors: FieldError[] = [];
  if (!ctx.regions.has(input.region))
    errors.push({
      field: 'region',
      message: `unknown region '${input.region}' (use a code listed by GET /api/regions)`,
    });
  const ind = ctx.indicators.get(input.indicator);
  if (!ind)
    errors.push({
      field: 'indicator',
      message: `unknown indicator '${input.indicator}' (use an id listed by GET /api/indicators)`,
    });
  else if (ind.retiredIn)
    errors.push({
      field: 'indicator',
      message: `indicator '${input.indicator}' was retired in catalogue version ${ind.retiredIn}`,
    });
  else {
    const bad = checkValue(ind.measurement, input.value);
    if (bad) errors.push({ field: 'value', message: bad });
  }
  if (input.period > ctx.latestPeriod)
    errors.push({
      field: 'period',
      message: `${input.period} is in the future (latest month allowed: ${ctx.latestPeriod})`,
    });
  errors.push(...checkFreeText(input));
  return errors;
}
