import type { Confidence } from '../../../indicators/index.ts';
import type { AsyncDb } from '../../../db/async.ts';
import { badRequest } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContextAsync, type WriteContext } from '../observations/checks.ts';
import { countsForReport, toBatchRow, type BatchMeta, type BatchRow } from '../observations/batch.ts';
import { validateObservation } from '../observations/write-path.ts';
import type { ImportOptions, ImportReport } from './report.ts';
import type { RowRejection } from './rows.ts';
import { openStageSink, type FeedRule, type SinkCounts } from './stage-sink.ts';

/** One observation a feed profile derived from the rows of a file (area, indicator, month, value). */
export interface DerivedObservation {
  region: string;
  indicator: string;
  period: string;
  value: number;
  confidence: Confidence;
  /** Where in the file it comes from, in words (counts and the rule). */
  locator: string;
}

/** What a feed profile read from a file, and the observations it derived. */
export interface DerivedImport {
  profile: string;
  format: ImportReport['format'];
  sourceKey: string;
  citation: string;
  /** A link to the source, or '' when it has none to give. */
  url: string;
  rowsRead: number;
  rejectedCount: number;
  rejections: RowRejection[];
  unmatchedRegions: string[];
  dropped: Record<string, number>;
  warnings: string[];
  columns: Record<string, string>;
  derived: readonly DerivedObservation[];
}

/**
 * Checks derived observations against the catalogue and the write rules, as every write is checked:
 * the rows that pass, ready for a batch, and a rejection per problem of those that do not (a rule
 * deriving an indicator the catalogue no longer has, say). Shared by every feed import.
 */
export function checkDerived(
  ctx: WriteContext,
  derived: readonly DerivedObservation[],
  /** The feed's citation, and its link ('' when it has none). */
  source: { citation: string; url: string },
): { rows: BatchRow[]; rejectedCount: number; rejections: RowRejection[] } {
  const rows: BatchRow[] = [];
  const rejections: RowRejection[] = [];
  let rejectedCount = 0;
  for (const o of derived) {
    const v = validateObservation(
      {
        region: o.region,
        indicator: o.indicator,
        period: o.period,
        value: o.value,
        confidence: o.confidence,
        source: { citation: source.citation, ...(source.url ? { url: source.url } : {}), locator: o.locator },
      },
      ctx,
    );
    if (v.ok) rows.push(toBatchRow(0, v.input));
    else {
      rejectedCount += 1;
      rejections.push(
        ...v.errors.map((e) => ({
          row: 0,
          column: e.field,
          reason: `derived ${o.indicator} for ${o.region} in ${o.period}: ${e.message}`,
        })),
      );
    }
  }
  return { rows, rejectedCount, rejections };
}

/** What a feed's batch writes besides its rows: the meta of the batch and what it may replace (see {@link FeedRule}). */
export interface FeedWrite {
  meta: BatchMeta;
  feed: FeedRule;
  /** The context the rows were checked against (a write refuses to go on if it changed meanwhile). */
  checkedWith: WriteContext;
}

/**
 * Plans (dry run, rejected file) or writes the checked rows of a feed as one batch through the stage
 * of the engine (stage-sink.ts): the one write path of every feed import (area-count templates,
 * ACLED, DTM, UCDP). `toReport` turns the counts into the report, which is stored with the batch.
 */
export async function planOrWriteFeed(
  data: AsyncDb,
  actor: Actor,
  rows: readonly BatchRow[],
  w: FeedWrite,
  opts: ImportOptions & { plan: boolean; now: Date },
  toReport: (c: SinkCounts, status: ImportReport['status'], batchId: number | null) => ImportReport,
): Promise<ImportReport> {
  const stage = await openStageSink(data, w.feed);
  try {
    await stage.add(rows);
    opts.onProgress?.('write', 0, rows.length);
    if (opts.plan) return toReport(await stage.plan(() => {}), opts.dryRun ? 'dry-run' : 'rejected', null);
    let report: ImportReport | undefined;
    const done = await stage.write({
      actor,
      meta: w.meta,
      now: opts.now,
      checkedWith: w.checkedWith,
      onRow: () => {},
      onCommitted: (c) => opts.onProgress?.('rescore', c.regions.length, c.regions.length),
      report: (c, id) => (report = toReport(c, 'applied', id)),
    });
    return report ?? toReport(done, 'applied', done.batchId);
  } finally {
    await stage.close();
  }
}

/**
 * Writes (or, dry run, plans) the observations a feed profile derived, through the write path every
 * import uses: each checked against the catalogue, all or nothing, one batch keyed with the feed's
 * source key. A feed's values replace only its own earlier values (same citation), never an
 * analyst's or another source's observation of the same region, indicator and month. A file whose
 * rows were all read but some rejected writes nothing; a file with a header and no rows is a 400.
 */
export async function writeDerived(
  data: AsyncDb,
  actor: Actor,
  d: DerivedImport,
  opts: ImportOptions,
): Promise<ImportReport> {
  if (d.rowsRead === 0)
    throw badRequest([{ field: 'file', message: 'has a header but no rows' }], 'The file has no rows');
  const now = opts.now ?? new Date();
  const ctx = await loadWriteContextAsync(data, now);
  const checked = checkDerived(ctx, d.derived, { citation: d.citation, url: d.url });
  const rows = checked.rows;
  const rejectedCount = d.rejectedCount + checked.rejectedCount;
  const rejections = [...d.rejections, ...checked.rejections];
  const base = {
    fileName: opts.fileName,
    format: d.format,
    profile: d.profile,
    sourceKey: d.sourceKey,
    dryRun: opts.dryRun,
    rowsRead: d.rowsRead,
    rowsOk: d.rowsRead - d.rejectedCount,
    rowsRejectedCount: rejectedCount,
    rowsRejected: rejections.slice(0, 1000),
    unmatchedRegions: d.unmatchedRegions,
    columns: d.columns,
    warnings: d.warnings,
    dropped: d.dropped,
    derivedObservations: rows.length,
  };
  return planOrWriteFeed(
    data,
    actor,
    rows,
    {
      meta: { fileName: opts.fileName, format: d.profile, sourceKey: d.sourceKey },
      feed: { sourceKey: d.sourceKey, replaces: [d.citation] },
      checkedWith: ctx,
    },
    { ...opts, plan: opts.dryRun || rejectedCount > 0, now },
    (c, status, batchId) => ({ ...base, status, batchId, ...countsForReport(c) }),
  );
}
