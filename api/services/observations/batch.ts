import type { Db } from '../../../db/client.ts';
import { appendAudit } from '../../../db/queries/audit.ts';
import { createImportBatch, finishImportBatch, writeStage, type StagedRow } from '../../../db/queries/imports.ts';
import { prepareObservationWriter } from '../../../db/queries/observations.ts';
import { ApiError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { recomputeAfterWrite } from '../scores/recompute.ts';
import { checkObservation, loadWriteContext, sameWriteContext, type WriteContext } from './checks.ts';
import type { ObservationInput } from './input.ts';

const at = (now: Date) => now.toISOString();

/** A batch's row as the write path takes it: an already validated observation and its row number in the file. */
export type BatchRow = StagedRow;

/** The stored fields of a validated observation input, shared by single entries and batches. */
export function observationFields(input: ObservationInput) {
  return {
    regionCode: input.region,
    indicatorId: input.indicator,
    period: input.period,
    value: input.value,
    confidence: input.confidence,
    sourceCitation: input.source.citation,
    sourceUrl: input.source.url ?? null,
    sourceLocator: input.source.locator || null,
    note: input.note?.trim() || null,
  };
}

/** Turns a validated input into a batch row. */
export function toBatchRow(row: number, input: ObservationInput): BatchRow {
  return { row, ...observationFields(input) };
}

/** The counts of a planned or written batch, as an import report gives them. */
export function countsForReport(c: BatchCounts) {
  return { wouldCreate: c.created, wouldSupersede: c.superseded, unchanged: c.unchanged, regions: c.regions.length };
}

/** What a batch did, or would do. */
export interface BatchCounts {
  created: number;
  superseded: number;
  unchanged: number;
  /** Rows not written because the current version is one the batch must not replace (see `keep`). */
  kept: number;
  regions: string[];
}

/** A current observation as a batch sees it when deciding whether to replace it. */
export type CurrentVersion = {
  value: number;
  confidence: string;
  sourceCitation: string;
  sourceUrl: string | null;
  sourceLocator: string | null;
  note: string | null;
};

/** Options shared by {@link planBatch} and {@link writeBatch}. */
export interface BatchOptions {
  /** Current versions the batch leaves alone (e.g. derived event data never replaces an analyst's assessment). */
  keep?: (current: CurrentVersion) => boolean;
  onRow?: () => void;
}

const same = (a: CurrentVersion, b: BatchRow) =>
  a.value === b.value &&
  a.confidence === b.confidence &&
  a.sourceCitation === b.sourceCitation &&
  a.sourceUrl === (b.sourceUrl ?? null) &&
  a.sourceLocator === (b.sourceLocator ?? null) &&
  a.note === (b.note ?? null);

/**
 * Counts what writing `rows` would do, without writing: new observations, corrections of current
 * ones, and rows identical to the current version (left alone). Duplicates inside the batch must
 * have been rejected before.
 */
export function planBatch(db: Db, rows: Iterable<BatchRow>, opts: BatchOptions = {}): BatchCounts {
  const w = prepareObservationWriter(db);
  const counts: BatchCounts = { created: 0, superseded: 0, unchanged: 0, kept: 0, regions: [] };
  const regions = new Set<string>();
  for (const r of rows) {
    const cur = w.findCurrent(r);
    const unchanged = cur !== undefined && same(cur, r);
    const kept = cur !== undefined && !unchanged && opts.keep?.(cur) === true;
    if (!cur) counts.created += 1;
    else if (unchanged) counts.unchanged += 1;
    else if (kept) counts.kept += 1;
    else counts.superseded += 1;
    if (!unchanged && !kept) regions.add(r.regionCode);
    opts.onRow?.();
  }
  counts.regions = [...regions].sort();
  return counts;
}

/** What {@link writeBatch} needs to record the batch. */
export interface BatchMeta {
  fileName: string;
  format: string;
  /** The feed's source key for every row (see `feedSourceKey`); rows of partners' tables key their own citation. */
  sourceKey?: string;
}

/** Why the current versions a batch corrects were superseded, as stored with them. */
export const correctionReason = (batchId: number, meta: BatchMeta) =>
  `corrected by import batch ${batchId} (${meta.fileName})`;

/** The audit entry of a written batch, in its transaction. */
export const importAuditEntry = (actor: Actor, meta: BatchMeta, counts: BatchCounts, batchId: number, now: Date) => ({
  at: at(now),
  actor: actor.name,
  action: 'import',
  entity: 'import_batch',
  entityId: String(batchId),
  before: null,
  after: {
    fileName: meta.fileName,
    format: meta.format,
    created: counts.created,
    superseded: counts.superseded,
    unchanged: counts.unchanged,
    kept: counts.kept,
    regions: counts.regions.length,
  },
  batchId,
});

/**
 * Writes a whole batch in ONE transaction: an import batch record, every new observation (each
 * superseding the current version of its key; identical rows and versions `keep` protects are
 * skipped), and one audit entry. Each row
 * is checked again against the catalogue as it is written; any failure rolls everything back.
 * `rows` is read inside the transaction (a generator over staged rows keeps memory flat). After the
 * commit (`onCommitted`), scores of the touched regions are recomputed. `report` is stored with the batch.
 */
export function writeBatch(
  db: Db,
  actor: Actor,
  meta: BatchMeta,
  rows: () => Iterable<BatchRow>,
  opts: BatchOptions & {
    now?: Date;
    report?: (c: BatchCounts, batchId: number) => unknown;
    onCommitted?: (c: BatchCounts) => void;
    /** More changes in the batch's transaction after its rows (e.g. withdrawing superseded preliminary data); returns the regions changed. */
    afterRows?: (tx: Db, batchId: number) => string[];
    /**
     * The rows are a stage's (`token`), every one validated against `checkedWith`: when the write
     * context is still that one (same regions, indicators and scales, same month) checking them again
     * would find exactly what it found, so they are written set-wise (`writeStage`) instead of row by row.
     */
    staged?: { token: string; checkedWith: WriteContext };
  } = {},
): BatchCounts & { batchId: number } {
  const now = opts.now ?? new Date();
  const ctx = loadWriteContext(db, now);
  const result = db.transaction((tx) => {
    const batchId = createImportBatch(tx, {
      fileName: meta.fileName,
      format: meta.format,
      rowCount: 0,
      createdBy: actor.name,
      createdAt: at(now),
    });
    const w = prepareObservationWriter(tx);
    const counts: BatchCounts = { created: 0, superseded: 0, unchanged: 0, kept: 0, regions: [] };
    const regions = new Set<string>();
    const reason = correctionReason(batchId, meta);
    const setWise =
      opts.staged && !opts.keep && meta.sourceKey === undefined && sameWriteContext(ctx, opts.staged.checkedWith);
    if (setWise) {
      const done = writeStage(tx, opts.staged!.token, {
        batchId,
        enteredBy: actor.name,
        enteredAt: at(now),
        reason,
      });
      counts.created = done.created;
      counts.superseded = done.superseded;
      counts.unchanged = done.unchanged;
      for (const code of done.regions) regions.add(code);
      for (let i = done.created + done.superseded + done.unchanged; i > 0; i--) opts.onRow?.();
    }
    for (const r of setWise ? [] : rows()) {
      const errors = checkObservation(
        {
          region: r.regionCode,
          indicator: r.indicatorId,
          period: r.period,
          value: r.value,
          confidence: r.confidence,
          source: { citation: r.sourceCitation, locator: r.sourceLocator ?? undefined },
          note: r.note ?? undefined,
        },
        ctx,
      );
      if (errors.length)
        throw new ApiError(
          409,
          'conflict',
          `Row ${r.row} no longer passes validation (${errors.map((e) => `${e.field} ${e.message}`).join('; ')}); nothing was written`,
        );
      const cur = w.findCurrent(r);
      if (cur && cur.batchId === batchId)
        throw new ApiError(
          409,
          'conflict',
          `Row ${r.row} repeats an earlier row of the same file; nothing was written`,
        );
      if (cur && same(cur, r)) {
        counts.unchanged += 1;
      } else if (cur && opts.keep?.(cur)) {
        counts.kept += 1;
      } else {
        const id = w.insert({
          ...r,
          sourceKey: meta.sourceKey ?? null,
          sourceUrl: r.sourceUrl ?? null,
          sourceLocator: r.sourceLocator ?? null,
          note: r.note ?? null,
          enteredBy: actor.name,
          enteredAt: at(now),
          batchId,
          supersedes: cur?.id ?? null,
        });
        if (cur) {
          w.supersede(cur.id, id, reason);
          counts.superseded += 1;
        } else counts.created += 1;
        regions.add(r.regionCode);
      }
      opts.onRow?.();
    }
    for (const code of opts.afterRows?.(tx, batchId) ?? []) regions.add(code);
    counts.regions = [...regions].sort();
    finishImportBatch(tx, batchId, counts.created + counts.superseded, opts.report?.(counts, batchId) ?? counts);
    appendAudit(tx, importAuditEntry(actor, meta, counts, batchId, now));
    return { ...counts, batchId };
  });
  opts.onCommitted?.(result);
  if (result.regions.length) recomputeAfterWrite(db, result.regions);
  return result;
}
