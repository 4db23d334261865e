import { and, count, eq, gte, lte, max, min, sql } from 'drizzle-orm';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
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

/** {@link dataSetsUsed}'s rows, unsorted, as a builder (see db/async.ts). */
const dataSetsQuery = (db: Db, t: Tables, window: { from: string; to: string }) => {
  const o = t.observations;
  const b = t.importBatches;
  // UCDP first: the bundled UCDP sample is entered by the seed actor too, and must still be credited as UCDP.
  // `upper(…) like`: SQLite's LIKE ignores the case of ASCII letters, PostgreSQL's does not.
  const kind = sql<DataSetKind>`case
    when lower(coalesce(${b.format}, '')) like '%ucdp%' or upper(${o.sourceCitation}) like '%UCDP%' then 'ucdp'
    when ${o.enteredBy} = ${SEED_ACTOR} then 'historical'
    when ${o.batchId} is not null then 'import'
    else 'analyst' end`;
  return (
    db
      .select({ kind, observations: count(), first: min(o.period), last: max(o.period) })
      .from(o)
      .leftJoin(b, eq(b.id, o.batchId))
      .where(and(eq(o.state, 'current'), gte(o.period, window.from), lte(o.period, window.to)))
      // By the first column: PostgreSQL takes the expression with its parameter for another one in GROUP BY.
      .groupBy(sql`1`)
  );
};

/** The kinds' rows in {@link DATA_SET_KINDS} order (the months of a kind with rows are never null). */
const dataSetsOf = (rows: { kind: DataSetKind; observations: number; first: string | null; last: string | null }[]) =>
  rows
    .map((r) => ({ ...r, first: r.first!, last: r.last! }))
    .sort((a, b) => DATA_SET_KINDS.indexOf(a.kind) - DATA_SET_KINDS.indexOf(b.kind));

/**
 * The data sets behind the current observations of months `from`..`to`: UCDP GED events (by import
 * format or citation, the bundled sample included), the bundled historical cases (entered by the
 * seed), other bulk imports, and analyst entries. Used for the source line of exports.
 */
export function dataSetsUsed(db: Db, window: { from: string; to: string }): DataSetUse[] {
  return dataSetsOf(dataSetsQuery(db, schema, window).all());
}

const persistenceQuery = (db: Db, t: Tables) =>
  db.select({ m: max(t.indicators.persistenceMonths) }).from(t.indicators);

/** The longest time, in months, that any indicator's observation stays informative (0 without a catalogue). */
export function longestPersistence(db: Db): number {
  return persistenceQuery(db, schema).get()?.m ?? 0;
}

/** The export metadata's reads on the awaited interface (either engine): the same queries as above. */
export const exportsAsync = {
  /** {@link dataSetsUsed}. */
  dataSetsUsed: async (a: AsyncDb, window: { from: string; to: string }): Promise<DataSetUse[]> =>
    dataSetsOf(await dataSetsQuery(a.db, a.t, window)),
  /** {@link longestPersistence}. */
  longestPersistence: async (a: AsyncDb): Promise<number> => (await persistenceQuery(a.db, a.t))[0]?.m ?? 0,
};
