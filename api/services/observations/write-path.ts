import type { z } from 'zod';
import type { AsyncDb } from '../../../db/async.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import { OBSERVATIONS_LOCK, observationsAsync, type ObservationRow } from '../../../db/queries/observations.ts';
import { withWriteLock } from '../../../db/write-lock.ts';
import { ApiError, badRequest, notFound, type FieldError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { rescoreAfterWriteAsync } from '../scores/rescore-async.ts';
import { observationFields } from './batch.ts';
import { checkObservation, checkText, loadWriteContextAsync, type WriteContext } from './checks.ts';
import { authorityOver } from './ownership.ts';
import { ObservationInputSchema, RetractInputSchema, SupersedeInputSchema, type ObservationInput } from './input.ts';

const FIELDS = ['region', 'indicator', 'period', 'value', 'confidence', 'source', 'note'] as const;

function issuesToFields(error: z.ZodError): FieldError[] {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || 'body', message: i.message }));
}

/**
 * Validates an untrusted observation completely: shape (zod) and meaning (region, indicator, scale,
 * month, note), so that one 400 names every bad field, not just the first kind of problem.
 */
export function validateObservation(
  raw: unknown,
  ctx: WriteContext,
): { ok: true; input: ObservationInput } | { ok: false; errors: FieldError[] } {
  const parsed = ObservationInputSchema.safeParse(raw);
  if (parsed.success) {
    const errors = checkObservation(parsed.data, ctx);
    return errors.length ? { ok: false, errors } : { ok: true, input: parsed.data };
  }
  const errors = issuesToFields(parsed.error);
  const flagged = new Set(errors.map((e) => e.field.split('.')[0]));
  const body = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const partial = Object.fromEntries(FIELDS.filter((f) => !flagged.has(f)).map((f) => [f, body[f]]));
  const domain = checkObservation(
    { region: '', indicator: '', period: '', value: NaN, ...partial } as ObservationInput,
    ctx,
  ).filter((e) => {
    const top = e.field.split('.')[0]!;
    return !flagged.has(top) && partial[top] !== undefined && !(top === 'value' && flagged.has('indicator'));
  });
  return { ok: false, errors: [...errors, ...domain] };
}

const at = (now: Date) => now.toISOString();

function toRow(input: ObservationInput, actor: Actor, now: Date) {
  return {
    ...observationFields(input),
    enteredBy: actor.name,
    enteredAt: at(now),
  };
}

/**
 * The 409 a new observation meets when a current one already holds its region, indicator and month
 * (correct that one with supersede), or null.
 */
export async function conflictOf(a: AsyncDb, input: ObservationInput): Promise<ApiError | null> {
  const existing = await observationsAsync.findCurrent(a, {
    regionCode: input.region,
    indicatorId: input.indicator,
    period: input.period,
  });
  return existing
    ? new ApiError(
        409,
        'conflict',
        `Observation ${existing.id} already holds this indicator for ${input.region} in ${input.period}: correct it with POST /api/observations/${existing.id}/supersede`,
        [{ field: 'period', message: `observation ${existing.id} is current for this region, indicator and month` }],
      )
    : null;
}

/**
 * Adds one observation (analyst entry), on either engine. Validates everything first (400 naming each
 * bad field); a current observation for the same region, indicator and month is a 409: correct it
 * with supersede. Writes the row and its audit entry in one transaction holding the observations'
 * write lock (two processes entering the same key at once: one 201, one 409), then brings scores up to date.
 */
export async function createObservation(
  data: AsyncDb,
  actor: Actor,
  raw: unknown,
  now = new Date(),
): Promise<ObservationRow> {
  const v = validateObservation(raw, await loadWriteContextAsync(data, now));
  if (!v.ok) throw badRequest(v.errors, 'Invalid observation');
  const row = await withWriteLock(data, OBSERVATIONS_LOCK, async (tx) => {
    const conflict = await conflictOf(tx, v.input);
    if (conflict) throw conflict;
    const stored = await observationsAsync.insert(tx, toRow(v.input, actor, now));
    await auditAsync.append(tx, {
      at: at(now),
      actor: actor.name,
      action: 'create',
      entity: 'observation',
      entityId: String(stored.id),
      before: null,
      after: stored,
    });
    return stored;
  });
  await rescoreAfterWriteAsync(data, [row.regionCode], { from: row.period });
  return row;
}

async function currentOr409(a: AsyncDb, id: number): Promise<ObservationRow> {
  const old = await observationsAsync.get(a, id);
  if (!old) throw notFound(`Observation ${id}`);
  if (old.state !== 'current') {
    const by = old.supersededBy ? ` by observation ${old.supersededBy}` : '';
    throw new ApiError(
      409,
      'conflict',
      `Observation ${id} is ${old.state}${by}; only the current version can be changed`,
    );
  }
  return old;
}

/**
 * Corrects a current observation: inserts the new version (same region, indicator and month; fields
 * not given are kept) and marks the old one superseded with the reason. Both rows and the audit entry
 * are written in one transaction (holding the observations' write lock). Returns the new version.
 */
export async function supersedeObservation(
  data: AsyncDb,
  actor: Actor,
  id: number,
  raw: unknown,
  now = new Date(),
): Promise<ObservationRow> {
  const parsed = SupersedeInputSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(issuesToFields(parsed.error), 'Invalid correction');
  const change = parsed.data;
  const reasonErrors = checkText('reason', 'reasons', change.reason);
  const ctx = await loadWriteContextAsync(data, now);
  const row = await withWriteLock(data, OBSERVATIONS_LOCK, async (tx) => {
    const old = await currentOr409(tx, id);
    const input: ObservationInput = {
      region: old.regionCode,
      indicator: old.indicatorId,
      period: old.period,
      value: change.value,
      confidence: change.confidence ?? old.confidence,
      source: change.source ?? {
        citation: old.sourceCitation,
        url: old.sourceUrl ?? undefined,
        locator: old.sourceLocator ?? undefined,
      },
      note: change.note ?? old.note ?? undefined,
    };
    const errors = [...checkObservation(input, { ...ctx, latestPeriod: '9999-12' }), ...reasonErrors];
    if (errors.length) throw badRequest(errors, 'Invalid correction');
    const inserted = await observationsAsync.insert(tx, { ...toRow(input, actor, now), supersedes: old.id });
    if (!(await observationsAsync.markSuperseded(tx, old.id, inserted.id, change.reason)))
      throw new ApiError(409, 'conflict', `Observation ${id} changed meanwhile; reload and try again`);
    await auditAsync.append(tx, {
      at: at(now),
      actor: actor.name,
      action: 'supersede',
      entity: 'observation',
      entityId: String(old.id),
      before: old,
      after: inserted,
    });
    return inserted;
  });
  await rescoreAfterWriteAsync(data, [row.regionCode], { from: row.period });
  return row;
}

/**
 * Withdraws a current observation (it stays in the history, marked retracted with the reason).
 * Someone else's needs an admin or an `onBehalfOf` reason, which the audit entry keeps (403 otherwise).
 */
export async function retractObservation(
  data: AsyncDb,
  actor: Actor,
  id: number,
  raw: unknown,
  now = new Date(),
): Promise<ObservationRow> {
  const parsed = RetractInputSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(issuesToFields(parsed.error), 'Invalid retraction');
  const reasonErrors = checkText('reason', 'reasons', parsed.data.reason);
  if (reasonErrors.length) throw badRequest(reasonErrors, 'Invalid retraction');
  const row = await withWriteLock(data, OBSERVATIONS_LOCK, async (tx) => {
    const old = await currentOr409(tx, id);
    const authority = authorityOver(actor, old.enteredBy, `Observation ${id}`, parsed.data.onBehalfOf);
    if (!(await observationsAsync.markRetracted(tx, id, parsed.data.reason)))
      throw new ApiError(409, 'conflict', `Observation ${id} changed meanwhile; reload and try again`);
    const stored = (await observationsAsync.get(tx, id))!;
    await auditAsync.append(tx, {
      at: at(now),
      actor: actor.name,
      action: 'retract',
      entity: 'observation',
      entityId: String(id),
      before: old,
      after: { ...stored, ...authority },
    });
    return stored;
  });
  await rescoreAfterWriteAsync(data, [row.regionCode], { from: row.period });
  return row;
}
