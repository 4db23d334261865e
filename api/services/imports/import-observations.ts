import { sqliteHandleOf, type AsyncDb } from '../../../db/async.ts';
import type { Db } from '../../../db/client.ts';
import { auditAsync } from '../../../db/queries/audit.ts';
import {
  closeStage,
  dropStagedDuplicates,
  duplicatePairs,
  importBatchesAsync,
  openStage,
  readStage,
  stagedDuplicates,
  stagedSourceKey,
  stageRows,
  type StagedRow,
} from '../../../db/queries/imports.ts';
import { PgImportStage } from '../../../db/pg/import-stage.ts';
import { ApiError, badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContextAsync, sameWriteContext, type WriteContext } from '../observations/checks.ts';
import {
  correctionReason,
  countsForReport,
  importAuditEntry,
  planBatch,
  writeBatch,
  type BatchCounts,
  type BatchMeta,
} from '../observations/batch.ts';
import { rescoreAfterWriteAsync } from '../scores/rescore-async.ts';
import { mapHxlColumns, mapPlainColumns, parseMapping, requireColumns } from './columns.ts';
import type { OpenedCsv } from './records.ts';
import { regionMatcherAsync } from './region-matcher.ts';
import { MAX_LISTED_REJECTIONS, type ImportOptions, type ImportReport } from './report.ts';
import { DEFAULT_CONFIDENCE, readRow, type RowRejection } from './rows.ts';

/** What writing a stage needs besides its rows. */
interface StageWriteArgs {
  actor: Actor;
  meta: BatchMeta;
  now: Date;
  /** The context every staged row was validated against. */
  checkedWith: WriteContext;
  onRow: () => void;
  onCommitted: (c: BatchCounts) => void;
  report: (c: BatchCounts, batchId: number) => unknown;
}

/**
 * Where an import's validated rows wait between reading and writing, and how they are planned and
 * written: the one thing that differs between the engines (the reading and validating loop is shared).
 */
interface StageSink {
  add(rows: readonly StagedRow[]): Promise<void>;
  duplicates(limit: number): Promise<{ rows: [number, number][]; total: number }>;
  dropDuplicates(): Promise<void>;
  /** What writing would do (dry run, rejected file), writing nothing. */
  plan(onRow: () => void): Promise<BatchCounts>;
  /** Writes the stage as one batch, all or nothing, then rescores the regions it changed. */
  write(w: StageWriteArgs): Promise<BatchCounts & { batchId: number }>;
  close(): Promise<void>;
}

/** SQLite: a TEMP table filled by prepared multi-row INSERTs, written by the synchronous batch write path. */
function sqliteSink(db: Db): StageSink {
  const token = openStage(db);
  return {
    add: async (rows) => stageRows(db, token, rows),
    duplicates: async (limit) => stagedDuplicates(db, token, limit),
    dropDuplicates: async () => dropStagedDuplicates(db, token),
    plan: async (onRow) => planBatch(db, readStage(db, token), { onRow }),
    write: async (w) =>
      writeBatch(db, w.actor, w.meta, () => readStage(db, token), {
        now: w.now,
        // Every staged row passed validation against `checkedWith`, as staged (cells are trimmed before checking).
        staged: { token, checkedWith: w.checkedWith },
        onRow: w.onRow,
        onCommitted: w.onCommitted,
        report: w.report,
      }),
    close: async () => closeStage(db, token),
  };
}

/**
 * PostgreSQL: a TEMP table on one pooled connection filled by one COPY, planned and written set-wise
 * (db/pg/import-stage.ts) in one transaction under the `import` advisory lock; the write context is
 * loaded again under the lock and must be the one the rows were checked against (else 409, nothing
 * written). Scores of the changed regions are brought up to date after the commit.
 */
async function pgSink(data: AsyncDb): Promise<StageSink> {
  const stage = await PgImportStage.open(data);
  return {
    add: (rows) => stage.add(rows, stagedSourceKey),
    duplicates: async (limit) => duplicatePairs(await stage.duplicateGroups(), limit),
    dropDuplicates: () => stage.dropDuplicates(),
    plan: async () => ({ ...(await stage.plan()), kept: 0 }),
    write: async (w) => {
      const at = w.now.toISOString();
      const done = await stage.write({
        enteredBy: w.actor.name,
        enteredAt: at,
        reason: (batchId) => correctionReason(batchId, w.meta),
        check: async (tx) => {
          if (!sameWriteContext(await loadWriteContextAsync(tx, w.now), w.checkedWith))
            throw new ApiError(
              409,
              'conflict',
              'The catalogue or the regions changed while the file was read; nothing was written: import it again',
            );
        },
        createBatch: (tx) =>
          importBatchesAsync.create(tx, {
            fileName: w.meta.fileName,
            format: w.meta.format,
            rowCount: 0,
            createdBy: w.actor.name,
            createdAt: at,
          }),
        finish: async (tx, batchId, d) => {
          const counts = { ...d, kept: 0 };
          await importBatchesAsync.finish(tx, batchId, d.created + d.superseded, w.report(counts, batchId));
          await auditAsync.append(tx, importAuditEntry(w.actor, w.meta, counts, batchId, w.now));
        },
      });
      const { from, ...result } = { ...done, kept: 0 };
      w.onCommitted(result);
      if (result.regions.length) await rescoreAfterWriteAsync(data, result.regions, { from });
      return result;
    },
    close: () => stage.close(),
  };
}

const MAX_LISTED_UNMATCHED = 500;
const STAGE_CHUNK = 2000;

/**
 * Imports a CSV or HXL table of observations (one row per region, indicator and month, each citing
 * its source) through the write path, all or nothing. Reading streams the file and stages validated
 * rows in a temporary table (memory stays flat for any size); duplicates within the file are
 * rejected; then, if no row was rejected and this is not a dry run, every staged row is written in
 * ONE transaction as one import batch. A dry run, or a file with any rejected row, writes nothing and
 * reports what would have happened. A file with a header and no rows is a 400 (no empty batch).
 */
export async function importObservations(
  data: AsyncDb,
  actor: Actor,
  csv: OpenedCsv,
  opts: ImportOptions,
  profile = 'generic',
): Promise<ImportReport> {
  const format: 'hxl' | 'csv' = csv.format === 'hxl' ? 'hxl' : 'csv';
  const columns =
    format === 'hxl' ? mapHxlColumns(csv.header) : mapPlainColumns(csv.header, parseMapping(opts.mapping));
  requireColumns(columns, format);
  const now = opts.now ?? new Date();
  const ctx = await loadWriteContextAsync(data, now);
  const matcher = await regionMatcherAsync(data);
  const warnings: string[] = [];
  if (!columns.confidence)
    warnings.push(`No confidence column: every row is taken as '${DEFAULT_CONFIDENCE}' confidence.`);

  const rejections: RowRejection[] = [];
  const rejectedRows = new Set<number>();
  let rejectedCount = 0;
  const unmatched = new Set<string>();
  const toSuggest = new Map<string, { name: string; country?: string }>();
  let rowsRead = 0;
  const db = sqliteHandleOf(data);
  const stage = db ? sqliteSink(db) : await pgSink(data);
  try {
    let buffer: StagedRow[] = [];
    for await (const rec of csv.records) {
      rowsRead += 1;
      const r = readRow(rec.row, rec.cells, columns, ctx, matcher);
      if (r.ok) buffer.push(r.row);
      else {
        rejectedCount += 1;
        if (rejections.length < MAX_LISTED_REJECTIONS) {
          rejections.push(...r.rejections.slice(0, MAX_LISTED_REJECTIONS - rejections.length));
          rejectedRows.add(rec.row);
        }
        if (r.unmatchedRegion && unmatched.size < MAX_LISTED_UNMATCHED) unmatched.add(r.unmatchedRegion);
        if (r.unmatched && r.unmatchedRegion && toSuggest.size < MAX_LISTED_UNMATCHED)
          toSuggest.set(r.unmatchedRegion, r.unmatched);
      }
      if (buffer.length >= STAGE_CHUNK) {
        await stage.add(buffer);
        buffer = [];
      }
      if (rowsRead % 1000 === 0) opts.onProgress?.('read', rowsRead);
    }
    await stage.add(buffer);
    opts.onProgress?.('read', rowsRead);
    if (rowsRead === 0)
      throw badRequest([{ field: 'file', message: 'has a header but no rows' }], 'The file has no rows to import');

    const dups = await stage.duplicates(MAX_LISTED_REJECTIONS);
    rejectedCount += dups.total;
    for (const [row, first] of dups.rows) {
      if (rejections.length >= MAX_LISTED_REJECTIONS) break;
      rejections.push({
        row,
        column: [columns.region?.label ?? columns.country?.label, columns.indicator?.label, columns.period?.label].join(
          ' + ',
        ),
        reason: `repeats row ${first}: same region, indicator and month`,
      });
    }
    await stage.dropDuplicates();
    rejections.sort((a, b) => a.row - b.row);

    const rejected = rejectedCount > 0;
    let written = 0;
    const toWrite = rowsRead - rejectedCount;
    const progress = () => {
      written += 1;
      if (written % 1000 === 0) opts.onProgress?.('write', written, toWrite);
    };
    const base = {
      fileName: opts.fileName,
      format,
      profile,
      sourceKey: null,
      dryRun: opts.dryRun,
      rowsRead,
      rowsOk: rowsRead - rejectedCount,
      rowsRejectedCount: rejectedCount,
      rowsRejected: rejections,
      unmatchedRegions: [...unmatched].sort(),
      suggestions: [...toSuggest]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([, u]) => ({ ...u, regions: matcher.suggest(u.name, u.country) })),
      columns: Object.fromEntries(Object.entries(columns).map(([f, c]) => [f, c.label])),
      warnings,
    };
    const toReport = (c: BatchCounts, status: ImportReport['status'], batchId: number | null): ImportReport => ({
      ...base,
      status,
      batchId,
      ...countsForReport(c),
    });
    opts.onProgress?.('write', 0, toWrite);
    if (opts.dryRun || rejected) {
      const plan = await stage.plan(progress);
      return toReport(plan, opts.dryRun ? 'dry-run' : 'rejected', null);
    }
    let report: ImportReport | undefined;
    const done = await stage.write({
      actor,
      meta: { fileName: opts.fileName, format },
      now,
      checkedWith: ctx,
      onRow: progress,
      onCommitted: (c) => opts.onProgress?.('rescore', c.regions.length, c.regions.length),
      report: (c, batchId) => (report = toReport(c, 'applied', batchId)),
    });
    return report ?? toReport(done, 'applied', done.batchId);
  } finally {
    await stage.close();
  }
}
