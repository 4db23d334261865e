import { and, count, desc, eq, sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sourceKeyOf, type Confidence } from '../../indicators/index.ts';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import { dataVersionOf } from '../data-version.ts';
import * as schema from '../schema/index.ts';
import { regionAliases, type importBatches } from '../schema/index.ts';
import { cachedStatement, sqliteOf } from './raw.ts';

export type ImportBatchRow = typeof importBatches.$inferSelect;
export type NewImportBatch = typeof importBatches.$inferInsert;

/** The batch writes as drizzle builders over `(db, t)`, for both engines (see db/async.ts). */
const createBatchQuery = (db: Db, t: Tables, batch: NewImportBatch) =>
  db.insert(t.importBatches).values(batch).returning({ id: t.importBatches.id });
const finishBatchQuery = (db: Db, t: Tables, id: number, rowCount: number, report: unknown) =>
  db.update(t.importBatches).set({ rowCount, report }).where(eq(t.importBatches.id, id));
const markRolledBackQuery = (db: Db, t: Tables, id: number, at: string) =>
  db
    .update(t.importBatches)
    .set({ state: 'rolled-back', rolledBackAt: at })
    .where(and(eq(t.importBatches.id, id), eq(t.importBatches.state, 'applied')))
    .returning({ id: t.importBatches.id });

/** Records a new import batch and returns its id. Call inside the import's transaction. */
export function createImportBatch(db: Db, batch: NewImportBatch): number {
  return createBatchQuery(db, schema, batch).get()!.id;
}

/** Stores a batch's final row count and report. */
export function finishImportBatch(db: Db, id: number, rowCount: number, report: unknown): void {
  finishBatchQuery(db, schema, id, rowCount, report).run();
}

/** Import batches, newest first, without their reports: one drizzle builder for both engines. */
const batchListQuery = (db: Db, t: Tables, limit: number) =>
  db
    .select({
      id: t.importBatches.id,
      fileName: t.importBatches.fileName,
      format: t.importBatches.format,
      rowCount: t.importBatches.rowCount,
      createdBy: t.importBatches.createdBy,
      createdAt: t.importBatches.createdAt,
      state: t.importBatches.state,
      rolledBackAt: t.importBatches.rolledBackAt,
    })
    .from(t.importBatches)
    .orderBy(desc(t.importBatches.id))
    .limit(limit);

/** One batch with its report. */
const batchQuery = (db: Db, t: Tables, id: number) =>
  db.select().from(t.importBatches).where(eq(t.importBatches.id, id)).limit(1);

/** Import batches, newest first. */
export function listImportBatches(db: Db, limit = 100): Omit<ImportBatchRow, 'report'>[] {
  return batchListQuery(db, schema, limit).all();
}

/** One batch with its report, or undefined. */
export function getImportBatch(db: Db, id: number): ImportBatchRow | undefined {
  return batchQuery(db, schema, id).get();
}

/** The import log's reads on the awaited interface (either engine), the same queries as above. */
export const importBatchesAsync = {
  /** Import batches, newest first, without their reports. */
  list: (a: AsyncDb, limit = 100): Promise<Omit<ImportBatchRow, 'report'>[]> => batchListQuery(a.db, a.t, limit),
  /** One batch with its report, or undefined. */
  get: async (a: AsyncDb, id: number): Promise<ImportBatchRow | undefined> => (await batchQuery(a.db, a.t, id))[0],
  /** {@link createImportBatch}, awaited. */
  create: async (a: AsyncDb, batch: NewImportBatch): Promise<number> =>
    (await createBatchQuery(a.db, a.t, batch))[0]!.id,
  /** {@link finishImportBatch}, awaited. */
  finish: async (a: AsyncDb, id: number, rowCount: number, report: unknown): Promise<void> => {
    await finishBatchQuery(a.db, a.t, id, rowCount, report);
  },
  /** {@link markBatchRolledBack}, awaited. */
  markRolledBack: async (a: AsyncDb, id: number, at: string): Promise<boolean> =>
    (await markRolledBackQuery(a.db, a.t, id, at)).length === 1,
};

/** Marks an applied batch rolled back; returns false if it was not applied (already rolled back). */
export function markBatchRolledBack(db: Db, id: number, at: string): boolean {
  return markRolledBackQuery(db, schema, id, at).all().length === 1;
}

/**
 * Staging area for an import's validated rows between reading the file (streamed, asynchronous) and
 * writing them (one synchronous transaction). A TEMP table: private to the connection, never in a
 * migration, gone when the connection closes. `token` separates concurrent imports.
 */
const importStage = sqliteTable('import_stage', {
  seq: integer().primaryKey(),
  token: text().notNull(),
  row: integer().notNull(),
  regionCode: text().notNull(),
  indicatorId: text().notNull(),
  period: text().notNull(),
  value: real().notNull(),
  confidence: text().$type<Confidence>().notNull(),
  sourceCitation: text().notNull(),
  sourceUrl: text(),
  sourceLocator: text(),
  note: text(),
  sourceKey: text(),
});

/** One validated row waiting to be written. `row` is its row number in the file. */
export type StagedRow = Omit<typeof importStage.$inferInsert, 'seq' | 'token' | 'sourceKey'>;

let stageSeq = 0;

/** Creates the staging table if needed and returns a fresh token for one import. */
export function openStage(db: Db): string {
  db.run(sql`create temp table if not exists import_stage (
    seq integer primary key, token text not null, row integer not null, region_code text not null,
    indicator_id text not null, period text not null, value real not null, confidence text not null,
    source_citation text not null, source_url text, source_locator text, note text, source_key text)`);
  db.run(
    sql`create index if not exists temp.import_stage_key on import_stage (token, region_code, indicator_id, period)`,
  );
  stageSeq += 1;
  return `${process.pid}-${Date.now()}-${stageSeq}`;
}

/** Citations' source keys (a row's key is staged with it, for {@link writeStage}); an import repeats a few citations. */
const sourceKeys = new Map<string, string>();

/** A citation's source key (`sourceKeyOf`), kept for the next rows citing it: what every stage stores with a row. */
export function stagedSourceKey(citation: string): string {
  let k = sourceKeys.get(citation);
  if (k === undefined) {
    if (sourceKeys.size >= 4096) sourceKeys.clear();
    sourceKeys.set(citation, (k = sourceKeyOf(citation)));
  }
  return k;
}

/** Rows per INSERT statement when staging (12 values each: well under SQLite's 32,766 parameters). */
const STAGE_ROWS_PER_INSERT = 200;

const stageInsert = (rows: number) =>
  `insert into import_stage (token, row, region_code, indicator_id, period, value, confidence, source_citation, source_url, source_locator, note, source_key) values ${Array(
    rows,
  )
    .fill('(?,?,?,?,?,?,?,?,?,?,?,?)')
    .join(',')}`;

/**
 * Appends rows to a stage in one small transaction, through prepared multi-row INSERTs (one statement
 * per {@link STAGE_ROWS_PER_INSERT} rows, the rest one by one), values bound in a flat array: a
 * statement call per row through the query builder was a seventh of a large import's time.
 */
export function stageRows(db: Db, token: string, rows: readonly StagedRow[]): void {
  if (rows.length === 0) return;
  const many = cachedStatement(db, stageInsert(STAGE_ROWS_PER_INSERT));
  const one = cachedStatement(db, stageInsert(1));
  const values: unknown[] = [];
  const keyOf = stagedSourceKey;
  const push = (r: StagedRow) =>
    values.push(
      token,
      r.row,
      r.regionCode,
      r.indicatorId,
      r.period,
      r.value,
      r.confidence,
      r.sourceCitation,
      r.sourceUrl ?? null,
      r.sourceLocator ?? null,
      r.note ?? null,
      keyOf(r.sourceCitation),
    );
  sqliteOf(db).transaction(() => {
    let i = 0;
    for (; i + STAGE_ROWS_PER_INSERT <= rows.length; i += STAGE_ROWS_PER_INSERT) {
      values.length = 0;
      for (let k = i; k < i + STAGE_ROWS_PER_INSERT; k++) push(rows[k]!);
      many.run(values);
    }
    for (; i < rows.length; i++) {
      values.length = 0;
      push(rows[i]!);
      one.run(values);
    }
  })();
}

/**
 * Staged rows in file order, read page by page so that memory stays flat. `+token`: page through the
 * primary key. With the token's index SQLite would read and sort the whole stage for every page
 * (quadratic: 18 of 31 s when writing a million rows).
 */
export function* readStage(db: Db, token: string, pageSize = 5000): Generator<StagedRow> {
  const page = cachedStatement(
    db,
    `select seq, row, region_code as regionCode, indicator_id as indicatorId, period, value, confidence,
       source_citation as sourceCitation, source_url as sourceUrl, source_locator as sourceLocator, note
     from import_stage where +token = ? and seq > ? order by seq limit ?`,
  );
  let after = 0;
  for (;;) {
    const rows = page.all(token, after, pageSize) as (StagedRow & { seq: number })[];
    for (const r of rows) yield r;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.seq;
  }
}

/** What {@link writeStage} did: rows written as new observations, as corrections of current ones, and rows left alone as identical. */
export interface StageWrite {
  created: number;
  superseded: number;
  unchanged: number;
  /** Regions of the rows written, sorted. */
  regions: string[];
}

/**
 * Writes a stage's rows as observations of batch `batchId` in a few set-wise statements, in file
 * order: each row's current observation (same region, indicator and month) is looked up; a row
 * identical to it is left alone; any other row is inserted (superseding the current one, marked with
 * `reason`). The same outcome, row for row and id for id, as looking up and inserting row by row
 * (`prepareObservationWriter`), without a statement call per row. Call inside the batch's
 * transaction, after duplicates within the stage were dropped; each row carries its citation's
 * source key (staged with it). Throws when a correction finds its current version gone.
 */
export function writeStage(
  db: Db,
  token: string,
  w: { batchId: number; enteredBy: string; enteredAt: string; reason: string },
): StageWrite {
  const run = (q: string, ...params: unknown[]) => cachedStatement(db, q).run(...params);
  run(`create temp table if not exists import_match (seq integer primary key, cur integer, same integer not null)`);
  run(`delete from temp.import_match`);
  run(
    `insert into temp.import_match (seq, cur, same)
     select s.seq, o.id, coalesce(o.value = s.value and o.confidence = s.confidence and o.source_citation = s.source_citation
       and o.source_url is s.source_url and o.source_locator is s.source_locator and o.note is s.note, 0)
     from import_stage s left join observations o
       on o.state = 'current' and o.region_code = s.region_code and o.indicator_id = s.indicator_id and o.period = s.period
     where s.token = ?`,
    token,
  );
  const counts = cachedStatement(
    db,
    `select count(*) filter (where cur is null) as created, count(*) filter (where cur is not null and same = 0) as superseded,
       count(*) filter (where same = 1) as unchanged from temp.import_match`,
  ).get() as { created: number; superseded: number; unchanged: number };
  run(
    `insert into observations (region_code, indicator_id, period, value, confidence, source_citation, source_key, source_url,
       source_locator, note, entered_by, entered_at, batch_id, supersedes)
     select s.region_code, s.indicator_id, s.period, s.value, s.confidence, s.source_citation, s.source_key, s.source_url,
       s.source_locator, s.note, ?, ?, ?, m.cur
     from import_stage s join temp.import_match m on m.seq = s.seq
     where s.token = ? and m.same = 0 order by s.seq`,
    w.enteredBy,
    w.enteredAt,
    w.batchId,
    token,
  );
  const marked = run(
    `update observations as o set state = 'superseded', superseded_by = n.id, reason = ?
     from observations as n
     where n.batch_id = ? and n.supersedes = o.id and o.state = 'current'`,
    w.reason,
    w.batchId,
  ).changes;
  if (marked !== counts.superseded)
    throw new Error(`import batch ${w.batchId}: ${counts.superseded} corrections, ${marked} current versions marked`);
  const regions = (
    cachedStatement(
      db,
      `select distinct s.region_code from import_stage s join temp.import_match m on m.seq = s.seq where s.token = ? and m.same = 0`,
    )
      .pluck()
      .all(token) as string[]
  ).sort();
  run(`delete from temp.import_match`);
  return { ...counts, regions };
}

/** Rows of a stage that repeat an earlier row's region, indicator and month: `[row, firstRow]` pairs, at most `limit`. */
export function stagedDuplicates(db: Db, token: string, limit: number): { rows: [number, number][]; total: number } {
  const groups = db
    .select({ rows: sql<string>`group_concat(${importStage.row})`, n: count() })
    .from(importStage)
    .where(eq(importStage.token, token))
    .groupBy(importStage.regionCode, importStage.indicatorId, importStage.period)
    .having(sql`count(*) > 1`)
    .all();
  return duplicatePairs(
    groups.map((g) => g.rows.split(',').map(Number)),
    limit,
  );
}

/**
 * Groups of rows sharing a region, indicator and month (file row numbers, any order) as `[row, firstRow]`
 * pairs of the rows after the first, at most `limit`, by row, and how many such rows there are.
 */
export function duplicatePairs(
  groups: readonly number[][],
  limit: number,
): { rows: [number, number][]; total: number } {
  const rows: [number, number][] = [];
  let total = 0;
  for (const g of groups) {
    const nums = [...g].sort((a, b) => a - b);
    total += nums.length - 1;
    for (const r of nums.slice(1)) if (rows.length < limit) rows.push([r, nums[0]!]);
  }
  return { rows: rows.sort((a, b) => a[0] - b[0]), total };
}

/** Drops a stage's rows. */
export function closeStage(db: Db, token: string): void {
  db.delete(importStage).where(eq(importStage.token, token)).run();
}

/**
 * A cheap fingerprint of {@link regionMatchData}: regions and aliases are only added (a boundary set's
 * regions renamed or retired come with a new `boundary_sets` row), so their counts and last rowids move
 * whenever it changes. The version a cached region matcher is kept by.
 */
export function regionMatchVersion(db: Db): string {
  return cachedStatement(
    db,
    `select (select count(*) || ':' || coalesce(max(rowid), 0) from regions) || '|' || (select count(*) || ':' || coalesce(max(rowid), 0) from region_aliases) || '|' || (select count(*) || ':' || coalesce(max(rowid), 0) from boundary_sets)`,
  )
    .pluck()
    .get() as string;
}

/** The regions and the aliases a matcher reads (builders: see db/async.ts). */
const matchRegionsQuery = (db: Db, t: Tables) =>
  db
    .select({ code: t.regions.code, name: t.regions.name, level: t.regions.level, parent: t.regions.parent })
    .from(t.regions);
const matchAliasesQuery = (db: Db, t: Tables) => db.select().from(t.regionAliases);

/** Everything an import needs to match region codes and names: regions and their aliases. */
export function regionMatchData(db: Db) {
  return { regions: matchRegionsQuery(db, schema).all(), aliases: matchAliasesQuery(db, schema).all() };
}

/** What a region matcher is built from, and kept by, on the awaited interface (either engine). */
export const regionMatchAsync = {
  /** {@link regionMatchData}, awaited. */
  data: async (a: AsyncDb) => {
    const [regionRows, aliases] = await Promise.all([matchRegionsQuery(a.db, a.t), matchAliasesQuery(a.db, a.t)]);
    return { regions: regionRows, aliases };
  },
  /**
   * The version a cached matcher is kept by: {@link regionMatchVersion} on SQLite (its rowids); on
   * PostgreSQL, whose tables have none, the data version (dataVersionOf), which moves with any write.
   */
  version: (a: AsyncDb): Promise<string> =>
    a.engine === 'sqlite' ? Promise.resolve(regionMatchVersion(a.db)) : dataVersionOf(a),
};

/** Adds region aliases (e.g. OCHA p-codes, kind `pcode`), ignoring ones already known. Returns how many were new. */
export function addRegionAliases(db: Db, rows: readonly { alias: string; kind: string; regionCode: string }[]): number {
  return db.transaction((tx) =>
    rows.reduce((n, r) => n + tx.insert(regionAliases).values(r).onConflictDoNothing().run().changes, 0),
  );
}

/** Keeps only the first row of each region, indicator and month in a stage (the others were reported as duplicates). */
export function dropStagedDuplicates(db: Db, token: string): void {
  db.run(sql`delete from import_stage where token = ${token} and seq not in (
    select min(seq) from import_stage where token = ${token} group by region_code, indicator_id, period)`);
}
