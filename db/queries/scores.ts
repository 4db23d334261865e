import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Lens } from '../../indicators/vocabulary.ts';
import type { Db } from '../client.ts';
import { scores } from '../schema/index.ts';

export type ScoreRow = typeof scores.$inferSelect;
export type NewScore = typeof scores.$inferInsert;

/** Replaces every stored score of a scenario with `rows`, in one transaction. */
export function replaceScores(db: Db, scenario: string, rows: readonly NewScore[]): void {
  const CHUNK = 500;
  db.transaction((tx) => {
    tx.delete(scores).where(eq(scores.scenario, scenario)).run();
    for (let i = 0; i < rows.length; i += CHUNK) tx.insert(scores).values(rows.slice(i, i + CHUNK).map((r) => ({ ...r, scenario }))).run();
  });
}

/** Stored scores of one level for one month, lens and scenario. */
export function readScores(db: Db, q: { scenario: string; lens: Lens; period: string; level: number }): ScoreRow[] {
  return db
    .select()
    .from(scores)
    .where(and(eq(scores.scenario, q.scenario), eq(scores.lens, q.lens), eq(scores.period, q.period), eq(scores.level, q.level)))
    .all();
}

/** One region's stored scores over time, oldest first. */
export function readRegionSeries(db: Db, q: { region: string; scenario: string; lens: Lens; from?: string; to?: string }): ScoreRow[] {
  const where: SQL[] = [eq(scores.regionCode, q.region), eq(scores.scenario, q.scenario), eq(scores.lens, q.lens)];
  if (q.from) where.push(gte(scores.period, q.from));
  if (q.to) where.push(lte(scores.period, q.to));
  return db.select().from(scores).where(and(...where)).orderBy(asc(scores.period)).all();
}

/** Months that have stored scores, oldest first. */
export function scoredPeriods(db: Db, scenario = 'baseline'): string[] {
  return db
    .select({ period: scores.period })
    .from(scores)
    .where(and(eq(scores.scenario, scenario), eq(scores.lens, 'overall')))
    .groupBy(scores.period)
    .orderBy(asc(scores.period))
    .all()
    .map((r) => r.period);
}

/** Number of stored score rows (all scenarios). */
export function countScores(db: Db): number {
  return db.get<{ n: number }>(sql`select count(*) as n from scores`).n;
}
