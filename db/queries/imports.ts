import { and, asc, count, desc, eq, gt, sql } from 'drizzle-orm';
import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { Confidence } from '../../indicators/index.ts';
import type { Db } from '../client.ts';
import { importBatches, regionAliases, regions } from '../schema/index.ts';

export type ImportBatchRow = typeof importBatches.$inferSelect;
export type NewImportBatch = typeof importBatches.$inferInsert;

/** Records a new import batch and returns its id. Call inside the import's transaction. */
export function createImportBatch(db: Db, batch: NewImportBatch): number {
  return db.insert(importBatches).values(batch).returning({ id: importBatches.id }).get().id;
}

/** Stores a batch's final row count and report. */
export function finishImportBatch(db: Db, id: number, rowCount: number, report: unknown): void {
  db.update(importBatches).set({ rowCount, report }).where(eq(importBatches.id, id)).run();
}

/** Import batches, newest first. */
export function listImportBatches(db: Db, limit = 100): Omit<ImportBatchRow, 'report'>[] {
  return db
    .select({
      id: importBatches.id,
      fileName: importBatches.fileName,
      format: importBatches.format,
      rowCount: importBatches.rowCount,
      createdBy: importBatches.createdBy,
      createdAt: importBatches.createdAt,
      state: importBatches.state,
      rolledBackAt: importBatches.rolledBackAt,
    })
    .from(importBatches)
    .orderBy(desc(importBatches.id))
    .limit(limit)
    .all();
}

/** One batch with its report, or undefined. */
export function getImportBatch(db: Db, id: number): ImportBatchRow | undefined {
  return db.select().from(importBatches).where(eq(importBatches.id, id)).get();
}

/** Marks an applied batch rolled back; returns false if it was not applied (already rolled back). */
export function markBatchRolledBack(db: Db, id: number, at: string): boolean {
  return (
    db
      .update(importBatches)
      .set({ state: 'rolled-back', rolledBackAt: at })
      .where(and(eq(importBatches.id, id), eq(importBatches.state, 'applied')))
      .run().changes === 1
  );
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
});

/** One validated row waiting to be written. `row` is its row number in the file. */
export type StagedRow = Omit<typeof importStage.$inferInsert, 'seq' | 'token'>;

let stageSeq = 0;

/** Creates the staging table if needed and returns a fresh token for one import. */
export function openStage(db: Db): string {
  db.run(sql`create temp table if not exists import_stage (
    seq integer primary key, token text not null, row integer not null, region_code text not null,
    indicator_id text not null, period text not null, value real not null, confidence text not null,
    source_citation text not null, source_url text, source_locator text, note text)`);
  db.run(
    sql`create index if not exists temp.import_stage_key on import_stage (token, region_code, indicator_id, period)`,
  );
  stageSeq += 1;
  return `${process.pid}-${Date.now()}-${stageSeq}`;
}

const STAGE_COLUMNS = [
  'token',
  'row',
  'regionCode',
  'indicatorId',
  'period',
  'value',
  'confidence',
  'sourceCitation',
  'sourceUrl',
  'sourceLocator',
  'note',
] as const;

/** Appends rows to a stage in one small transaction, through one prepared statement. */
export function stageRows(db: Db, token: string, rows: readonly StagedRow[]): void {
  if (rows.length === 0) return;
  db.transaction((tx) => {
    const insert = tx
      .insert(importStage)
      .values(
        Object.fromEntries(
          STAGE_COLUMNS.map((c) => [c, sql.placeholder(c)]),
        ) as unknown as typeof importStage.$inferInsert,
      )
      .prepare();
    for (const r of rows)
      insert.run({
        token,
        row: r.row,
        regionCode: r.regionCode,
        indicatorId: r.indicatorId,
        period: r.period,
        value: r.value,
        confidence: r.confidence,
        sourceCitation: r.sourceCitation,
        sourceUrl: r.sourceUrl ?? null,
        sourceLocator: r.sourceLocator ?? null,
        note: r.note ?? null,
      });
  });
}

/** Staged rows in file order, read page by page so that memory stays flat. */
export function* readStage(db: Db, token: string, pageSize = 5000): Generator<StagedRow> {
  const page = db
    .select({
      seq: importStage.seq,
      row: importStage.row,
      regionCode: importStage.regionCode,
      indicatorId: importStage.indicatorId,
      period: importStage.period,
      value: importStage.value,
      confidence: importStage.confidence,
      sourceCitation: importStage.sourceCitation,
      sourceUrl: importStage.sourceUrl,
      sourceLocator: importStage.sourceLocator,
      note: importStage.note,
    })
    .from(importStage)
    // `+token`: page through the primary key. With the token's index SQLite would read and sort the
    // whole stage for every page (quadratic: 18 of 31 s when writing a million rows).
    .where(and(sql`+${importStage.token} = ${sql.placeholder('token')}`, gt(importStage.seq, sql.placeholder('after'))))
    .orderBy(asc(importStage.seq))
    .limit(pageSize)
    .prepare();
  let after = 0;
  for (;;) {
    const rows = page.all({ token, after });
    for (const { seq: _s, ...r } of rows) yield r;
    const last = rows.at(-1);
    if (!last || rows.length < pageSize) return;
    after = last.seq;
  }
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
  const rows: [number, number][] = [];
  let total = 0;
  for (const g of groups) {
    const nums = g.rows
      .split(',')
      .map(Number)
      .sort((a, b) => a - b);
    total += nums.length - 1;
    for (const r of nums.slice(1)) if (rows.length < limit) rows.push([r, nums[0]!]);
  }
  return { rows: rows.sort((a, b) => a[0] - b[0]), total };
}

/** Drops a stage's rows. */
export function closeStage(db: Db, token: string): void {
  db.delete(importStage).where(eq(importStage.token, token)).run();
}

/** Everything an import needs to match region codes and names: regions and their aliases. */
export function regionMatchData(db: Db) {
  return {
    regions: db
      .select({ code: regions.code, name: regions.name, level: regions.level, parent: regions.parent })
      .from(regions)
      .all(),
    aliases: db.select().from(regionAliases).all(),
  };
}

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
