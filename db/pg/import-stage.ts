import { sql, type SQL } from 'drizzle-orm';
import type pg from 'pg';
import { pgAsync, type AsyncDb } from '../async.ts';
import type { StagedRow, StageWrite } from '../queries/imports.ts';
import { OBSERVATIONS_LOCK } from '../queries/observations.ts';
import { withWriteLock } from '../write-lock.ts';
import { pgOnClient, type PgConnection } from './client.ts';
import { CopyIn } from './copy-text.ts';

/** The stage's columns, in the order COPY receives them. */
const COLUMNS =
  'seq, row, region_code, indicator_id, period, value, confidence, source_citation, source_url, source_locator, note, source_key';

/**
 * Each staged row with its current observation (same region, indicator and month), whether the row
 * is identical to it, and whether the current version is one the batch must leave alone (`kept`: a
 * feed's batch replaces only current versions citing one of its citations; `replaces` is that list as
 * SQL literals, or null for a batch that may replace any): the one matching rule of a plan and a
 * write, as SQLite's `writeStage` and `writeBatch` have it.
 */
const match = (
  replaces: string | null,
) => `select s.seq, s.region_code, s.period, o.id as cur, o.source_citation as cur_citation,
    coalesce(o.value = s.value and o.confidence = s.confidence and o.source_citation = s.source_citation
      and o.source_url is not distinct from s.source_url and o.source_locator is not distinct from s.source_locator
      and o.note is not distinct from s.note, false) as same,
    ${replaces === null ? 'false' : `coalesce(o.source_citation not in (${replaces}), false)`} as kept
  from import_stage s left join observations o
    on o.state = 'current' and o.region_code = s.region_code and o.indicator_id = s.indicator_id and o.period = s.period`;

/** The counts of a matched stage (`m`), as {@link StageWrite} and {@link StageKept} have them. */
const COUNTS = `select count(*) filter (where cur is null)::int as created,
    count(*) filter (where cur is not null and not same and not kept)::int as superseded,
    count(*) filter (where same)::int as unchanged,
    count(*) filter (where cur is not null and not same and kept)::int as kept from m`;
/** The kept rows of a matched stage (`m`) by their current version's citation. */
const KEPT_BY = `select cur_citation as citation, count(*)::int as n from m
  where cur is not null and not same and kept group by cur_citation`;
/** Rows a matched stage (`m`) writes: neither identical to their current version nor kept. */
const WRITTEN = `not same and not kept`;

/** What a plan or write of a stage did besides {@link StageWrite}: rows left alone for their current version, and by its citation. */
export interface StageKept {
  kept: number;
  keptBy: Record<string, number>;
}

/** How a staged batch is recorded, and what runs in its transaction around the rows. */
export interface PgStageWrite {
  enteredBy: string;
  enteredAt: string;
  /** Creates the batch's row (first statement after the lock and `check`), returning its id. */
  createBatch: (tx: AsyncDb) => Promise<number>;
  /** The supersede reason of the batch's corrections. */
  reason: (batchId: number) => string;
  /** Runs first in the transaction, under the lock: throws to refuse the write (nothing written). */
  check: (tx: AsyncDb) => Promise<void>;
  /**
   * A feed's batch: the citations of the current versions it may replace (any other is kept), or
   * undefined for a batch that replaces any current version it differs from.
   */
  replaces?: readonly string[];
  /** More changes after the rows (e.g. withdrawing preliminary values): the regions they changed and their earliest month. */
  afterRows?: (tx: AsyncDb, batchId: number) => Promise<{ regions: string[]; from?: string }>;
  /** Runs last in the transaction: the batch's report and audit entry. */
  finish: (tx: AsyncDb, batchId: number, done: StageWrite & StageKept) => Promise<void>;
}

/**
 * An import's stage on PostgreSQL: a TEMP table on one connection taken from the pool for the whole
 * import (a temporary table lives on its connection), filled by ONE `COPY … FROM STDIN` as the file is
 * read, then checked for in-file duplicates, planned (dry run, rejected file) or written as one batch
 * in one transaction on that connection, set-wise (`INSERT … SELECT` from the stage). `close` drops
 * the table and gives the connection back; a process killed mid-import leaves nothing (the table dies
 * with its session, the transaction was not committed).
 */
export class PgImportStage {
  private copy: CopyIn | undefined;
  private seq = 0;
  private broken = false;
  private analysed = false;

  private constructor(private readonly client: pg.PoolClient) {}

  static async open(a: AsyncDb): Promise<PgImportStage> {
    const client = await (a.db as unknown as PgConnection).$client.connect();
    const stage = new PgImportStage(client);
    try {
      await client.query(`drop table if exists pg_temp.import_stage`);
      await client.query(`create temp table import_stage (
        seq integer primary key, row integer not null, region_code text not null, indicator_id text not null,
        period text not null, value double precision not null, confidence text not null, source_citation text not null,
        source_url text, source_locator text, note text, source_key text)`);
    } catch (e) {
      stage.broken = true;
      await stage.close();
      throw e;
    }
    return stage;
  }

  /** Appends rows to the stage through the import's COPY (started by the first call), waiting while the server catches up. */
  async add(rows: readonly StagedRow[], keyOf: (citation: string) => string): Promise<void> {
    if (rows.length === 0) return;
    this.copy ??= new CopyIn(this.client, `copy import_stage (${COLUMNS}) from stdin`);
    for (const r of rows) {
      this.seq += 1;
      await this.copy.add([
        this.seq,
        r.row,
        r.regionCode,
        r.indicatorId,
        r.period,
        r.value,
        r.confidence,
        r.sourceCitation,
        r.sourceUrl,
        r.sourceLocator,
        r.note,
        keyOf(r.sourceCitation),
      ]);
    }
  }

  /** Ends the COPY (every row is in the table) and gathers the table's statistics for the planner. */
  private async staged(): Promise<void> {
    if (this.copy) {
      const copy = this.copy;
      this.copy = undefined;
      await copy.end();
    } else if (this.analysed) return;
    await this.client.query('analyze pg_temp.import_stage');
    this.analysed = true;
  }

  /** Groups of rows (file row numbers) sharing a region, indicator and month. */
  async duplicateGroups(): Promise<number[][]> {
    await this.staged();
    const { rows } = await this.client.query<{ rows: number[] }>(
      `select array_agg(row order by row) as rows from import_stage
       group by region_code, indicator_id, period having count(*) > 1`,
    );
    return rows.map((r) => r.rows);
  }

  /** Keeps only the first row of each region, indicator and month (the others were reported as duplicates). */
  async dropDuplicates(): Promise<void> {
    await this.client.query(`delete from import_stage where seq not in (
      select min(seq) from import_stage group by region_code, indicator_id, period)`);
  }

  /** `replaces` as the SQL list {@link match} takes (literals escaped by the client), or null. */
  private replacing(replaces: readonly string[] | undefined): string | null {
    if (!replaces) return null;
    return replaces.length ? replaces.map((c) => this.client.escapeLiteral(c)).join(', ') : 'null';
  }

  /**
   * What writing the stage would do, writing nothing: the counts and regions {@link write} would give
   * (with `replaces`, as a feed's batch: see {@link match}).
   */
  async plan(replaces?: readonly string[]): Promise<StageWrite & StageKept> {
    await this.staged();
    const m = `with m as (${match(this.replacing(replaces))})`;
    const { rows } = await this.client.query<{ created: number; superseded: number; unchanged: number; kept: number }>(
      `${m} ${COUNTS}`,
    );
    // Only a feed's batch keeps rows: no scan of the match for the others.
    const keptBy = replaces
      ? await this.client.query<{ citation: string; n: number }>(`${m} ${KEPT_BY}`)
      : { rows: [] };
    const regions = await this.client.query<{ code: string }>(
      `${m} select distinct region_code as code from m where ${WRITTEN}`,
    );
    return {
      ...rows[0]!,
      keptBy: Object.fromEntries(keptBy.rows.map((r) => [r.citation, r.n])),
      regions: regions.rows.map((r) => r.code).sort(),
    };
  }

  /**
   * Writes the stage as one batch in ONE transaction on the stage's connection, holding the
   * `observations` write lock (`OBSERVATIONS_LOCK`, the one analyst entries, corrections and
   * retractions hold: PostgreSQL has no unique key for a current observation, so an import matching
   * its rows while an analyst's entry for the same key is between its check and its commit would
   * otherwise leave both current; two imports also write one after the other):
   * `w.check`, the batch row, the rows matched with their current versions, the current versions
   * that change marked superseded, the new rows inserted in file order from the stage (each naming
   * the version it supersedes), the superseded ones pointed at their successors, `w.afterRows`,
   * `w.finish` (report, audit). Rows identical to their current version are left alone, and so are
   * rows whose current version a feed's batch must keep (`w.replaces`). All or nothing. `from` is the
   * earliest month written (for the rescoring's window).
   */
  async write(w: PgStageWrite): Promise<StageWrite & StageKept & { batchId: number; from?: string }> {
    await this.staged();
    const data = pgAsync(pgOnClient(this.client));
    const matched = match(this.replacing(w.replaces));
    return withWriteLock(data, OBSERVATIONS_LOCK, async (tx) => {
      const run = async <R extends Record<string, unknown>>(q: SQL) =>
        (await (tx.db as unknown as PgConnection).execute<R>(q)) as unknown as { rows: R[]; rowCount: number };
      await w.check(tx);
      const batchId = await w.createBatch(tx);
      await run(sql.raw(`create temp table import_match on commit drop as ${matched}`));
      const counts = (
        await run<{ created: number; superseded: number; unchanged: number; kept: number }>(
          sql.raw(`with m as (select * from import_match) ${COUNTS}`),
        )
      ).rows[0]!;
      const keptBy = Object.fromEntries(
        (w.replaces
          ? (await run<{ citation: string; n: number }>(sql.raw(`with m as (select * from import_match) ${KEPT_BY}`)))
              .rows
          : []
        ).map((r) => [r.citation, r.n]),
      );
      // Current versions first, so that at no point two rows of one key are current.
      const marked = (
        await run(
          sql`update observations set state = 'superseded', reason = ${w.reason(batchId)}
            where state = 'current' and id in (select cur from import_match where cur is not null and ${sql.raw(WRITTEN)})`,
        )
      ).rowCount;
      if (marked !== counts.superseded)
        throw new Error(`import batch ${batchId}: ${counts.superseded} corrections, ${marked} current versions marked`);
      await run(
        sql`insert into observations (region_code, indicator_id, period, value, confidence, source_citation, source_key,
            source_url, source_locator, note, entered_by, entered_at, batch_id, supersedes)
          select s.region_code, s.indicator_id, s.period, s.value, s.confidence, s.source_citation, s.source_key,
            s.source_url, s.source_locator, s.note, ${w.enteredBy}, ${w.enteredAt}, ${batchId}::integer, m.cur
          from import_stage s join import_match m on m.seq = s.seq where not m.same and not m.kept order by s.seq`,
      );
      await run(
        sql`update observations o set superseded_by = n.id from observations n
          where n.batch_id = ${batchId}::integer and n.supersedes = o.id`,
      );
      const written = (
        await run<{ code: string; from: string }>(
          sql.raw(
            `select region_code as code, min(period) as from from import_match where ${WRITTEN} group by region_code`,
          ),
        )
      ).rows;
      const after = (await w.afterRows?.(tx, batchId)) ?? { regions: [] };
      const regions = [...new Set([...written.map((r) => r.code), ...after.regions])].sort();
      const from = [...written.map((r) => r.from), ...(after.from ? [after.from] : [])].sort()[0];
      const done = { ...counts, keptBy, regions };
      await w.finish(tx, batchId, done);
      return { ...done, batchId, from };
    });
  }

  /** Drops the stage and gives the connection back to the pool (or ends it, when a COPY was cut short or it failed). */
  async close(): Promise<void> {
    const unfinished = this.copy !== undefined;
    if (this.copy) {
      this.copy.abort();
      this.copy = undefined;
    }
    if (unfinished || this.broken) {
      this.client.release(true);
      return;
    }
    try {
      await this.client.query('drop table if exists pg_temp.import_stage');
      this.client.release();
    } catch (e) {
      this.client.release(e as Error);
    }
  }
}
