import type { AsyncDb } from '../../../db/async.ts';
import type { StagedRow } from '../../../db/queries/imports.ts';
import { badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContextAsync } from '../observations/checks.ts';
import { countsForReport, type BatchCounts } from '../observations/batch.ts';
import { mapHxlColumns, mapPlainColumns, parseMapping, requireColumns } from './columns.ts';
import type { OpenedCsv } from './records.ts';
import { regionMatcherAsync } from './region-matcher.ts';
import { MAX_LISTED_REJECTIONS, type ImportOptions, type ImportReport } from './report.ts';
import { DEFAULT_CONFIDENCE, readRow, type RowRejection } from './rows.ts';
import { openStageSink } from './stage-sink.ts';

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
  const stage = await openStageSink(data);
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
