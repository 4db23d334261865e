import type { z } from 'zod';
import type { Db } from '../../../db/client.ts';
import { appendAudit } from '../../../db/queries/audit.ts';
import {
  findCurrentObservation,
  getObservation,
  insertObservation,
  markRetracted,
  markSuperseded,
  type ObservationRow,
} from '../../../db/queries/observations.ts';
import { ApiError, badRequest, notFound, type FieldError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recomputeAfterWrite } from '../scores/recompute.ts';
import { observationFields } from './batch.ts';
import { checkObservation, checkText, loadWriteContext, type WriteContext } from './checks.ts';
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
export function conflictOf(db: Db, input: ObservationInput): ApiError | null {
  const existing = findCurrentObservation(db, {
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
 * Adds one observation (analyst entry). Validates everything first (400 naming each bad field); a
 * current observation for the same region, indicator and month is a 409: correct it with supersede.
 * Writes the row and its audit entry in one transaction, then brings scores up to date.
 */
export function createObservation(db: Db, actor: Actor, raw: unknown, now = new Date()): ObservationRow {
  const v = validateObservation(raw, loadWriteContext(db, now));
  if (!v.ok) throw badRequest(v.errors, 'Invalid observation');
  const row = db.transaction((tx) => {
    const conflict = conflictOf(tx, v.input);
    if (conflict) throw conflict;
    const id = insertObservation(tx, toRow(v.input, actor, now));
    const stored = getObservation(tx, id)!;
    appendAudit(tx, {
      at: at(now),
      actor: actor.name,
      action: 'create',
      entity: 'observation',
      entityId: String(id),
      before: null,
      after: stored,
    });
    return stored;
  });
  recomputeAfterWrite(db, [row.regionCode], { from: row.period });
  return row;
}

function currentOr409(db: Db, id: number): ObservationRow {
  const old = getObservation(db, id);
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
 * are written in one transaction. Returns the new version.
 */
export function supersedeObservation(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): ObservationRow {
  const parsed = SupersedeInputSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(issuesToFields(parsed.error), 'Invalid correction');
  const change = parsed.data;
  const reasonErrors = checkText('reason', 'reasons', change.reason);
  const ctx = loadWriteContext(db, now);
  const row = db.transaction((tx) => {
    const old = currentOr409(tx, id);
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
    const newId = insertObservation(tx, { ...toRow(input, actor, now), supersedes: old.id });
    if (!markSuperseded(tx, old.id, newId, change.reason))
      throw new ApiError(409, 'conflict', `Observation ${id} changed meanwhile; reload and try again`);
    const stored = getObservation(tx, newId)!;
    appendAudit(tx, {
      at: at(now),
      actor: actor.name,
      action: 'supersede',
      entity: 'observation',
      entityId: String(old.id),
      before: old,
      after: stored,
    });
    return stored;
  });
  recomputeAfterWrite(db, [row.regionCode], { from: row.period });
  return row;
}

/**
 * Withdraws a current observation (it stays in the history, marked retracted with the reason).
 * Someone else's needs an admin or an `onBehalfOf` reason, which the audit entry keeps (403 otherwise).
 */
export function retractObservation(db: Db, actor: Actor, id: number, raw: unknown, now = new Date()): ObservationRow {
  const parsed = RetractInputSchema.safeParse(raw);
  if (!parsed.success) throw badRequest(issuesToFields(parsed.error), 'Invalid retraction');
  const reasonErrors = checkText('reason', 'reasons', parsed.data.reason);
  if (reasonErrors.length) throw badRequest(reasonErrors, 'Invalid retraction');
  const row = db.transaction((tx) => {
    const old = currentOr409(tx, id);
    const authority = authorityOver(actor, old.enteredBy, `Observation ${id}`, parsed.data.onBehalfOf);
    if (!markRetracted(tx, id, parsed.data.reason))
      throw new ApiError(409, 'conflict', `Observation ${id} changed meanwhile; reload and try again`);
    const stored = getObservation(tx, id)!;
    appendAudit(tx, {
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
  recomputeAfterWrite(db, [row.regionCode], { from: row.period });
  return row;
}
