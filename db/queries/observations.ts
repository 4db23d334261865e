import { eq, max, min } from 'drizzle-orm';
import type { ModelObservation } from '../../indicators/types.ts';
import type { Db } from '../client.ts';
import { observations } from '../schema/index.ts';

export type ObservationRow = typeof observations.$inferSelect;
export type NewObservation = typeof observations.$inferInsert;

/** Every current observation (neither superseded nor retracted), as the model reads them. */
export function currentObservations(db: Db): ModelObservation[] {
  return db
    .select({
      id: observations.id,
      regionCode: observations.regionCode,
      indicatorId: observations.indicatorId,
      period: observations.period,
      value: observations.value,
      confidence: observations.confidence,
    })
    .from(observations)
    .where(eq(observations.state, 'current'))
    .all();
}

/** Inserts observations in one transaction; returns their ids in order. */
export function insertObservations(db: Db, rows: readonly NewObservation[]): number[] {
  return db.transaction((tx) => rows.map((r) => tx.insert(observations).values(r).returning({ id: observations.id }).get().id));
}

/** First and last month that any current observation describes. */
export function observationBounds(db: Db): { first: string | null; last: string | null } {
  const r = db
    .select({ first: min(observations.period), last: max(observations.period) })
    .from(observations)
    .where(eq(observations.state, 'current'))
    .get();
  return { first: r?.first ?? null, last: r?.last ?? null };
}
