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
import { ApiError } from '../../errors.ts';
import type { Actor } from '../auth/actor.ts';
import { loadWriteContextAsync, sameWriteContext, type WriteContext } from '../observations/checks.ts';
import {
  correctionReason,
  importAuditEntry,
  planBatch,
  writeBatch,
  type BatchCounts,
  type BatchMeta,
  type BatchRow,
  type CurrentVersion,
} from '../observations/batch.ts';
import { rescoreAfterWriteAsync } from '../scores/rescore-async.ts';

/** What a plan or a write did: a batch's counts, and the rows left alone for their current version by that version's citation. */
export type SinkCounts = BatchCounts & { keptBy: Record<string, number> };

/** What writing a stage needs besides its rows. */
export interface StageWriteArgs {
  actor: Actor;
  meta: BatchMeta;
  now: Date;
  /** The context every staged row was validated against. */
  checkedWith: WriteContext;
  onRow: () => void;
  onCommitted: (c: BatchCounts) => void;
  report: (c: SinkCounts, batchId: number) => unknown;
}

/**
 * Where an import's validated rows wait between reading and writing, and how they are planned and
 * written: the one thing that differs between the engines (reading and validating a file, and the
 * report, are shared). `plan` and `write` give `keptBy`: rows left alone for their current version,
 * by that version's citation.
 */
export interface StageSink {
  add(rows: readonly StagedRow[]): Promise<void>;
  duplicates(limit: number): Promise<{ rows: [number, number][]; total: number }>;
  dropDuplicates(): Promise<void>;
  /** What writing would do (dry run, rejected file), writing nothing. */
  plan(onRow: () => void): Promise<SinkCounts>;
  /** Writes the stage as one batch, all or nothing, then rescores the regions it changed. */
  write(w: StageWriteArgs): Promise<SinkCounts & { batchId: number }>;
  close(): Promise<void>;
}

/**
 * How a feed's batch differs from a table of observations: every row carries the feed's source key,
 * it replaces only the current versions citing one of `replaces` (an analyst's or another source's
 * observation of the same region, indicator and month is kept), and it may change more in its
 * transaction after its rows (`afterRows`, one form per engine: SQLite's transaction is synchronous).
 */
export interface FeedRule {
  sourceKey: string;
  replaces: readonly string[];
  afterRows?: {
    sqlite: (tx: Db, batchId: number) => string[];
    awaited: (tx: AsyncDb, batchId: number) => Promise<{ regions: string[]; from?: string }>;
  };
}

/** The stage of an import on the engine of `data`: a table of observations, or (with `feed`) a feed's derived rows. */
export async function openStageSink(data: AsyncDb, feed?: FeedRule): Promise<StageSink> {
  const db = sqliteHandleOf(data);
  if (db) return feed ? sqliteFeedSink(db, feed) : sqliteSink(db);
  return pgSink(data, feed);
}

const noKeep = { keptBy: {} as Record<string, number> };

/** SQLite: a TEMP table filled by prepared multi-row INSERTs, written by the synchronous batch write path. */
function sqliteSink(db: Db): StageSink {
  const token = openStage(db);
  return {
    add: async (rows) => stageRows(db, token, rows),
    duplicates: async (limit) => stagedDuplicates(db, token, limit),
    dropDuplicates: async () => dropStagedDuplicates(db, token),
    plan: async (onRow) => ({ ...planBatch(db, readStage(db, token), { onRow }), ...noKeep }),
    write: async (w) => ({
      ...writeBatch(db, w.actor, w.meta, () => readStage(db, token), {
        now: w.now,
        // Every staged row passed validation against `checkedWith`, as staged (cells are trimmed before checking).
        staged: { token, checkedWith: w.checkedWith },
        onRow: w.onRow,
        onCommitted: w.onCommitted,
        report: (c, batchId) => w.report({ ...c, ...noKeep }, batchId),
      }),
      ...noKeep,
    }),
    close: async () => closeStage(db, token),
  };
}

/**
 * SQLite, a feed's rows (a few thousand derived values at most): kept in memory and written row by
 * row by the synchronous batch write path, each checked again as it is written.
 */
function sqliteFeedSink(db: Db, feed: FeedRule): StageSink {
  const rows: BatchRow[] = [];
  const keeping = () => {
    const keptBy: Record<string, number> = {};
    const keep = (cur: CurrentVersion) => {
      if (feed.replaces.includes(cur.sourceCitation)) return false;
      keptBy[cur.sourceCitation] = (keptBy[cur.sourceCitation] ?? 0) + 1;
      return true;
    };
    return { keep, keptBy };
  };
  return {
    add: async (more) => void rows.push(...more),
    duplicates: async () => ({ rows: [], total: 0 }),
    dropDuplicates: async () => {},
    plan: async (onRow) => {
      const { keep, keptBy } = keeping();
      return { ...planBatch(db, rows, { keep, onRow }), keptBy };
    },
    write: async (w) => {
      const { keep, keptBy } = keeping();
      const after = feed.afterRows?.sqlite;
      const done = writeBatch(db, w.actor, { ...w.meta, sourceKey: feed.sourceKey }, () => rows, {
        now: w.now,
        keep,
        afterRows: after ? (tx, batchId) => after(tx, batchId) : undefined,
        onCommitted: w.onCommitted,
        report: (c, batchId) => w.report({ ...c, keptBy }, batchId),
      });
      return { ...done, keptBy };
    },
    close: async () => {},
  };
}

/**
 * PostgreSQL: a TEMP table on one pooled connection filled by one COPY, planned and written set-wise
 * (db/pg/import-stage.ts) in one transaction under the `import` advisory lock; the write context is
 * loaded again under the lock and must be the one the rows were checked against (else 409, nothing
 * written). Scores of the changed regions are brought up to date after the commit. A feed's rows
 * carry its source key and replace only the current versions it names.
 */
async function pgSink(data: AsyncDb, feed?: FeedRule): Promise<StageSink> {
  const stage = await PgImportStage.open(data);
  return {
    add: (rows) => stage.add(rows, feed ? () => feed.sourceKey : stagedSourceKey),
    duplicates: async (limit) => duplicatePairs(await stage.duplicateGroups(), limit),
    dropDuplicates: () => stage.dropDuplicates(),
    plan: () => stage.plan(feed?.replaces),
    write: async (w) => {
      if (feed) {
        // As SQLite's row-by-row write finds a row whose current version the batch itself wrote.
        const repeated = duplicatePairs(await stage.duplicateGroups(), 1).rows[0];
        if (repeated)
          throw new ApiError(
            409,
            'conflict',
            `Row ${repeated[0]} repeats an earlier row of the same file; nothing was written`,
          );
      }
      const at = w.now.toISOString();
      const meta = feed ? { ...w.meta, sourceKey: feed.sourceKey } : w.meta;
      const done = await stage.write({
        enteredBy: w.actor.name,
        enteredAt: at,
        reason: (batchId) => correctionReason(batchId, meta),
        replaces: feed?.replaces,
        afterRows: feed?.afterRows?.awaited,
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
            fileName: meta.fileName,
            format: meta.format,
            rowCount: 0,
            createdBy: w.actor.name,
            createdAt: at,
          }),
        finish: async (tx, batchId, d) => {
          await importBatchesAsync.finish(tx, batchId, d.created + d.superseded, w.report(d, batchId));
          await auditAsync.append(tx, importAuditEntry(w.actor, meta, d, batchId, w.now));
        },
      });
      const { from, ...result } = done;
      w.onCommitted(result);
      if (result.regions.length) await rescoreAfterWriteAsync(data, result.regions, { from });
      return result;
    },
    close: () => stage.close(),
  };
}
