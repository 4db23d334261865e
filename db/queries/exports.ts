import { and, eq, gte, lte, max, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { importBatches, indicators, observations } from '../schema/index.ts';
import { SEED_ACTOR } from '../seed/index.ts';

/** The kinds of data set an export credits: what the observations behind a map came from. */
export const DATA_SET_KINDS = ['historical', 'ucdp', 'import', 'analyst'] as const;
export type DataSetKind = (typeof DATA_SET_KINDS)[number];

/** How many current observations of one kind of data set fall in a window of months. */
export interface DataSetUse {
  kind: DataSetKind;
  observations: number;
  first: string;
  last: string;
}

/**
 * The data sets behind the current observations of months `from`..`to`: UCDP GED events (by import
 * format or citation, the bundled sample included), the bundled historical cases (entered by the
 * seed), other bulk imports, and analyst entries. Used for the source line of exports.
 */
export function dataSetsUsed(db: Db, window: { from: string; to: string }): DataSetUse[] {
  // UCDP first: the bundled UCDP sample is entered by the seed actor too, and must still be credited as UCDP.
  const kind = sql<DataSetKind>`case
    when lower(coalesce(${importBatches.format}, '')) like '%ucdp%' or ${observations.sourceCitation} like '%UCDP%' then 'ucdp'
    when ${observations.enteredBy} = ${SEED_ACTOR} then 'historical'
    when ${observations.batchId} is not null then 'import'
    else 'analyst' end`;
  const rows = db
    .select({
      kind,
      observations: sql<number>`count(*)`,
      first: sql<string>`min(${observations.period})`,
      last: sql<string>`max(${observations.period})`,
    })
    .from(observations)
    .leftJoin(importBatches, eq(importBatches.id, observations.batchId))
    .where(
      and(
        eq(observations.state, 'current'),
        gte(observations.period, window.from),
        lte(observations.period, window.to),
      ),
    )
    .groupBy(kind)
    .all();
  return rows.sort((a, b) => DATA_SET_KINDS.indexOf(a.kind) - DATA_SET_KINDS.indexOf(b.kind));
}

/** The longest time, in months, that any indicator's observation stays informative (0 without a catalogue). */
export function longestPersistence(db: Db): number {
  return (
    db
      .select({ m: max(indicators.persistenceMonths) })
      .from(indicators)
      .get()?.m ?? 0
  );
}
