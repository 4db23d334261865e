import { and, asc, desc, eq, gte, inArray, isNotNull, ne, sql, type SQL } from 'drizzle-orm';
import { sourceKeyOf } from '../../indicators/index.ts';
import type { Measurement, ModelObservation } from '../../indicators/index.ts';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import * as schema from '../schema/index.ts';
import { observations } from '../schema/index.ts';
import { cachedStatement, sqliteOf } from './raw.ts';

export type ObservationRow = typeof observations.$inferSelect;
export type NewObservation = typeof observations.$inferInsert;

/** What identifies the one current observation of an indicator in a region for a month. */
export interface ObservationKey {
  regionCode: string;
  indicatorId: string;
  period: string;
}

/** Current observations (neither superseded nor retracted) as the model reads them, of some regions or all (a builder: see db/async.ts). */
const currentQuery = (db: Db, t: Tables, regionCodes?: readonly string[], from?: string) =>
  db
    .select({
      id: t.observations.id,
      regionCode: t.observations.regionCode,
      indicatorId: t.observations.indicatorId,
      period: t.observations.period,
      value: t.observations.value,
      confidence: t.observations.confidence,
      source: sql<string>`coalesce(${t.observations.sourceKey}, ${t.observations.sourceCitation})`,
    })
    .from(t.observations)
    .where(
      regionCodes
        ? and(
            eq(t.observations.state, 'current'),
            inArray(t.observations.regionCode, [...regionCodes]),
            from === undefined ? undefined : gte(t.observations.period, from),
          )
        : eq(t.observations.state, 'current'),
    );

/** Bytewise order of two texts (SQLite's BINARY collation, whatever the PostgreSQL database's collation). */
const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every current observation (neither superseded nor retracted), as the model reads them. */
export function currentObservations(db: Db): ModelObservation[] {
  return currentQuery(db, schema).all();
}

/** The current observations awaited, on SQLite or PostgreSQL (db/async.ts): the same builder as {@link currentObservations}. */
export const observationsAsync = {
  /** {@link currentObservations}: every current observation, in no particular order. */
  current: (a: AsyncDb): Promise<ModelObservation[]> => currentQuery(a.db, a.t),
  /** The current observations made for a few regions (their own, none inherited), in no particular order. */
  currentOf: (a: AsyncDb, regionCodes: readonly string[]): Promise<ModelObservation[]> =>
    regionCodes.length ? currentQuery(a.db, a.t, regionCodes) : Promise.resolve([]),
  /**
   * {@link eachCurrentObservation}'s rows awaited: the current observations of some regions (of months
   * from `from`, when given), in its order (`observations_current`: region, indicator, month, bytewise),
   * so that a sweep reads the same input on either engine. A family's worth: read in chunks of codes.
   */
  currentOfInIndexOrder: async (
    a: AsyncDb,
    regionCodes: readonly string[],
    from?: string,
  ): Promise<ModelObservation[]> => {
    const out: ModelObservation[] = [];
    for (let i = 0; i < regionCodes.length; i += 1000)
      for (const r of await currentQuery(a.db, a.t, regionCodes.slice(i, i + 1000), from)) out.push(r);
    return out.sort(
      (x, y) =>
        byBytes(x.regionCode, y.regionCode) || byBytes(x.indicatorId, y.indicatorId) || byBytes(x.period, y.period),
    );
  },
  /**
   * {@link observationBounds} awaited: the first and last month any current observation describes,
   * each the first current row met walking the `observations_period` index from one end.
   */
  bounds: async (a: AsyncDb): Promise<{ first: string | null; last: string | null }> => {
    const o = a.t.observations;
    const end = async (order: typeof asc) =>
      (
        await a.db.select({ period: o.period }).from(o).where(eq(o.state, 'current')).orderBy(order(o.period)).limit(1)
      )[0]?.period ?? null;
    return { first: await end(asc), last: await end(desc) };
  },
  /** Whether any current observation exists (the model has something to score). */
  any: async (a: AsyncDb): Promise<boolean> =>
    (
      await a.db
        .select({ id: a.t.observations.id })
        .from(a.t.observations)
        .where(eq(a.t.observations.state, 'current'))
        .limit(1)
    ).length > 0,
  /** {@link listObservations}: the observations matching `f`, newest month first, then newest version first. */
  list: (a: AsyncDb, f: ObservationFilter): Promise<ObservationRow[]> => listQuery(a.db, a.t, f),
  /** {@link getObservation}: one observation (any state) by id. */
  get: async (a: AsyncDb, id: number): Promise<ObservationRow | undefined> =>
    (await a.db.select().from(a.t.observations).where(eq(a.t.observations.id, id)).limit(1))[0],
  /** {@link findCurrentObservation}: the current observation for a key, if any. */
  findCurrent: async (a: AsyncDb, k: ObservationKey): Promise<ObservationRow | undefined> => {
    return (await a.db.select().from(a.t.observations).where(isCurrentAt(a.t.observations, k)).limit(1))[0];
  },
  /** {@link insertObservation}: inserts one observation and returns it as stored. */
  insert: async (a: AsyncDb, row: NewObservation): Promise<ObservationRow> =>
    (await a.db.insert(a.t.observations).values(withSourceKey(row)).returning())[0]!,
  /** {@link markSuperseded}: false when it was no longer current. */
  markSuperseded: async (a: AsyncDb, id: number, by: number, reason: string): Promise<boolean> => {
    const o = a.t.observations;
    const changed = await a.db
      .update(o)
      .set({ state: 'superseded', supersededBy: by, reason })
      .where(and(eq(o.id, id), eq(o.state, 'current')))
      .returning({ id: o.id });
    return changed.length === 1;
  },
  /** {@link markRetracted}: false when it was not current. */
  markRetracted: async (a: AsyncDb, id: number, reason: string): Promise<boolean> => {
    const o = a.t.observations;
    const changed = await a.db
      .update(o)
      .set({ state: 'retracted', reason })
      .where(and(eq(o.id, id), eq(o.state, 'current')))
      .returning({ id: o.id });
    return changed.length === 1;
  },
  /** {@link indicatorScales}: every indicator ever loaded, with its scale and retirement. */
  indicatorScales: (a: AsyncDb): Promise<IndicatorScale[]> => scalesQuery(a.db, a.t),
};

/**
 * The write lock (`withWriteLock`, db/write-lock.ts) of every write that makes an observation current
 * (an analyst's entry or correction, a retraction, an import's write phase): on PostgreSQL, where no
 * unique index holds one current observation per region, indicator and month, writers taking it one
 * at a time is what keeps a key from getting two current rows when two processes write it at once.
 * (SQLite has one writer per file anyway.)
 */
export const OBSERVATIONS_LOCK = 'observations';

/** One current observation as the bulk readers pass it: raw columns, no object per row. */
export type ObservationVisitor = (
  regionCode: string,
  indicatorId: string,
  period: string,
  value: number,
  confidence: string,
  source: string,
  id: number,
) => void;

const visitors = new WeakMap<object, { visit: ObservationVisitor | null }>();

/**
 * Streams the current observations of some regions to `visit`, without building an object per row
 * (what a full recomputation over millions of observations needs), through the
 * `observations_current` index. Rows reach JavaScript through an aggregate function that SQLite
 * calls once per row, which costs less than half of stepping a statement row by row from
 * JavaScript. `from` skips months before it. Returns how many were visited.
 */
export function eachCurrentObservation(
  db: Db,
  regionCodes: readonly string[],
  visit: ObservationVisitor,
  from = '0000-01',
): number {
  const client = sqliteOf(db);
  let slot = visitors.get(client);
  if (!slot) {
    const s: { visit: ObservationVisitor | null } = { visit: null };
    client.aggregate('vigil_visit_observations', {
      start: 0,
      // SQLite passes the seven columns; the bundled typings only know of one argument.
      step: ((
        n: number,
        region: string,
        indicator: string,
        period: string,
        value: number,
        confidence: string,
        source: string,
        id: number,
      ) => {
        s.visit!(region, indicator, period, value, confidence, source, id);
        return n + 1;
      }) as unknown as (total: number, next: number) => number,
    });
    visitors.set(client, (slot = s));
  }
  if (slot.visit) throw new Error('eachCurrentObservation does not nest');
  slot.visit = visit;
  let n = 0;
  try {
    for (let i = 0; i < regionCodes.length; i += 500) {
      const codes = regionCodes.slice(i, i + 500);
      const statement = cachedStatement(
        db,
        `select vigil_visit_observations(region_code, indicator_id, period, value, confidence, coalesce(source_key, source_citation), id) from observations where state = 'current' and region_code in (${codes.map(() => '?').join(',')}) and period >= ?`,
      );
      n += statement.pluck().get(...codes, from) as number;
    }
  } finally {
    slot.visit = null;
  }
  return n;
}

/** A row with its source key: the one given (a feed's), else derived from the citation. */
const withSourceKey = (row: NewObservation): NewObservation => ({
  ...row,
  sourceKey: row.sourceKey ?? sourceKeyOf(row.sourceCitation),
});

/** Inserts observations in one transaction; returns their ids in order. */
export function insertObservations(db: Db, rows: readonly NewObservation[]): number[] {
  return db.transaction((tx) =>
    rows.map((r) => tx.insert(observations).values(withSourceKey(r)).returning({ id: observations.id }).get().id),
  );
}

/**
 * Fills the source key of rows written before keys existed (derived from their citation), in one
 * transaction; a no-op once every row has one. Returns how many rows it filled.
 */
export function backfillSourceKeys(db: Db): number {
  const missing = cachedStatement(
    db,
    `select id, source_citation as citation from observations where source_key is null`,
  ).all() as { id: number; citation: string }[];
  if (missing.length === 0) return 0;
  const set = cachedStatement(db, `update observations set source_key = ? where id = ?`);
  db.transaction(() => {
    for (const r of missing) set.run(sourceKeyOf(r.citation), r.id);
  });
  return missing.length;
}

/**
 * First and last month that any current observation describes. Walks the `observations_period`
 * index from each end to the first current row (`+state` keeps SQLite from scanning every current
 * row through `observations_current` instead): constant time rather than a pass over millions.
 */
export function observationBounds(db: Db): { first: string | null; last: string | null } {
  const r = cachedStatement(
    db,
    `select (select period from observations where +state = 'current' order by period limit 1) as first,
            (select period from observations where +state = 'current' order by period desc limit 1) as last`,
  ).get() as { first: string | null; last: string | null } | undefined;
  return { first: r?.first ?? null, last: r?.last ?? null };
}

/** One observation (any state) by id. */
export function getObservation(db: Db, id: number): ObservationRow | undefined {
  return db.select().from(observations).where(eq(observations.id, id)).get();
}

/** Filters for {@link listObservations}; `history` adds superseded and retracted versions. */
export interface ObservationFilter {
  region?: string;
  indicator?: string;
  period?: string;
  batchId?: number;
  history?: boolean;
  limit: number;
  offset?: number;
}

/** Observations matching `f`, newest month first, then newest version first (a builder: see db/async.ts). */
const listQuery = (db: Db, t: Tables, f: ObservationFilter) => {
  const o = t.observations;
  const where: SQL[] = [];
  if (!f.history) where.push(eq(o.state, 'current'));
  if (f.region !== undefined) where.push(eq(o.regionCode, f.region));
  if (f.indicator !== undefined) where.push(eq(o.indicatorId, f.indicator));
  if (f.period !== undefined) where.push(eq(o.period, f.period));
  if (f.batchId !== undefined) where.push(eq(o.batchId, f.batchId));
  return db
    .select()
    .from(o)
    .where(and(...where))
    .orderBy(desc(o.period), asc(o.indicatorId), desc(o.id))
    .limit(f.limit)
    .offset(f.offset ?? 0);
};

/** Observations matching `f`, newest month first, then newest version first. */
export function listObservations(db: Db, f: ObservationFilter): ObservationRow[] {
  return listQuery(db, schema, f).all();
}

/** The current observation for a key, if any. */
export function findCurrentObservation(db: Db, k: ObservationKey): ObservationRow | undefined {
  return db.select().from(observations).where(isCurrentAt(observations, k)).get();
}

/** The condition "the current observation of key `k`", for either engine's observations table. */
function isCurrentAt(o: typeof observations, k: ObservationKey) {
  return and(
    eq(o.state, 'current'),
    eq(o.regionCode, k.regionCode),
    eq(o.indicatorId, k.indicatorId),
    eq(o.period, k.period),
  );
}

/** Inserts one observation and returns its id. */
export function insertObservation(db: Db, row: NewObservation): number {
  return db.insert(observations).values(withSourceKey(row)).returning({ id: observations.id }).get().id;
}

/**
 * Marks a current observation as corrected by `by`, recording why. Returns false when it was no
 * longer current (someone else corrected or retracted it first), so the caller can roll back.
 */
export function markSuperseded(db: Db, id: number, by: number, reason: string): boolean {
  const r = db
    .update(observations)
    .set({ state: 'superseded', supersededBy: by, reason })
    .where(and(eq(observations.id, id), eq(observations.state, 'current')))
    .run();
  return r.changes === 1;
}

/** Marks a current observation as retracted, recording why. Returns false when it was not current. */
export function markRetracted(db: Db, id: number, reason: string): boolean {
  const r = db
    .update(observations)
    .set({ state: 'retracted', reason })
    .where(and(eq(observations.id, id), eq(observations.state, 'current')))
    .run();
  return r.changes === 1;
}

/**
 * Carries the current observations of renumbered indicators over to their successors (`successors`:
 * old id → new id, as a catalogue version declares them). Each region and month gets one new row on the
 * new id that supersedes the old row(s), so the history keeps what was entered against the old id. The
 * new row keeps the value, confidence, source, note and import batch (a rollback of that batch still
 * takes it back) and is entered by `by` at `at`. Where several old ids of one region and month share a
 * successor, the highest value is carried (the successor covers all of them; the later entry on a tie).
 * A region and month that already has a current row on the new id keeps it, and its old rows are left
 * as they are. Run inside a transaction. Returns the number of rows carried over.
 */
export function carryObservations(
  db: Db,
  successors: Readonly<Record<string, string>>,
  version: string,
  by: string,
  at: string,
): number {
  const old = Object.keys(successors);
  if (old.length === 0) return 0;
  let carried = 0;
  for (const { group, best, to } of carryGroups(renumberedQuery(db, schema, old).all(), successors)) {
    if (findCurrentObservation(db, { regionCode: best.regionCode, indicatorId: to, period: best.period })) continue;
    const id = insertObservation(db, carriedRow(best, to, by, at));
    for (const r of group) markSuperseded(db, r.id, id, `catalogue ${version} renumbered ${r.indicatorId} as ${to}`);
    carried++;
  }
  return carried;
}

/** {@link carryObservations} on the awaited interface (either engine), inside the caller's transaction: the same rows. */
export async function carryObservationsAsync(
  a: AsyncDb,
  successors: Readonly<Record<string, string>>,
  version: string,
  by: string,
  at: string,
): Promise<number> {
  const old = Object.keys(successors);
  if (old.length === 0) return 0;
  let carried = 0;
  for (const { group, best, to } of carryGroups(await renumberedQuery(a.db, a.t, old), successors)) {
    const key = { regionCode: best.regionCode, indicatorId: to, period: best.period };
    if (await observationsAsync.findCurrent(a, key)) continue;
    const { id } = await observationsAsync.insert(a, carriedRow(best, to, by, at));
    for (const r of group)
      await observationsAsync.markSuperseded(a, r.id, id, `catalogue ${version} renumbered ${r.indicatorId} as ${to}`);
    carried++;
  }
  return carried;
}

/** The current observations of the renumbered ids `old`, in id order. */
const renumberedQuery = (db: Db, t: Tables, old: string[]) =>
  db
    .select()
    .from(t.observations)
    .where(and(eq(t.observations.state, 'current'), inArray(t.observations.indicatorId, old)))
    .orderBy(asc(t.observations.id));

/** The rows to carry, one group per region, successor and month, with the row whose value is carried (the highest; the later on a tie). */
function carryGroups(rows: readonly ObservationRow[], successors: Readonly<Record<string, string>>) {
  const groups = new Map<string, ObservationRow[]>();
  for (const r of rows) {
    const key = JSON.stringify([r.regionCode, successors[r.indicatorId], r.period]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((group) => {
    const best = group.reduce((a, b) => (b.value >= a.value ? b : a));
    return { group, best, to: successors[best.indicatorId]! };
  });
}

/** The new row on the successor id: the carried row's value, confidence, source, note and batch, entered by `by` at `at`. */
function carriedRow(best: ObservationRow, to: string, by: string, at: string): NewObservation {
  const { id: _id, state: _s, supersededBy: _b, reason: _r, ...kept } = best;
  return { ...kept, indicatorId: to, supersedes: best.id, enteredBy: by, enteredAt: at };
}

/**
 * Prepared statements for writing many observations inside one transaction (an import): a
 * current-row lookup by key, an insert returning the id, and the supersede mark. Raw better-sqlite3
 * statements with positional parameters: an import runs them once per row, and drizzle's per-call
 * placeholder mapping cost about a fifth of the write phase.
 */
export function prepareObservationWriter(db: Db) {
  const find = cachedStatement(
    db,
    `select id, value, confidence, source_citation as sourceCitation, source_url as sourceUrl, source_locator as sourceLocator, note, batch_id as batchId
     from observations where state = 'current' and region_code = ? and indicator_id = ? and period = ?`,
  );
  const insert = cachedStatement(
    db,
    `insert into observations (region_code, indicator_id, period, value, confidence, source_citation, source_key, source_url, source_locator, note, entered_by, entered_at, batch_id, supersedes)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const supersede = cachedStatement(
    db,
    `update observations set state = 'superseded', superseded_by = ?, reason = ? where id = ? and state = 'current'`,
  );
  // One import cites a few sources over many rows: each citation's key is derived once per writer.
  const keys = new Map<string, string>();
  const keyOf = (citation: string) => {
    let k = keys.get(citation);
    if (k === undefined) {
      if (keys.size >= 4096) keys.clear();
      keys.set(citation, (k = sourceKeyOf(citation)));
    }
    return k;
  };
  type Current = Pick<
    ObservationRow,
    'id' | 'value' | 'confidence' | 'sourceCitation' | 'sourceUrl' | 'sourceLocator' | 'note' | 'batchId'
  >;
  return {
    findCurrent: (k: ObservationKey) => find.get(k.regionCode, k.indicatorId, k.period) as Current | undefined,
    insert: (
      row: Required<Omit<NewObservation, 'id' | 'state' | 'supersededBy' | 'reason' | 'sourceKey'>> &
        Pick<NewObservation, 'sourceKey'>,
    ) =>
      Number(
        insert.run(
          row.regionCode,
          row.indicatorId,
          row.period,
          row.value,
          row.confidence,
          row.sourceCitation,
          row.sourceKey ?? keyOf(row.sourceCitation),
          row.sourceUrl,
          row.sourceLocator,
          row.note,
          row.enteredBy,
          row.enteredAt,
          row.batchId,
          row.supersedes,
        ).lastInsertRowid,
      ),
    supersede: (id: number, by: number, reason: string) => supersede.run(by, reason, id).changes === 1,
  };
}

/** A batch's rows changed since (see {@link batchRowsChangedSince}), one builder for both engines. */
const changedSinceQuery = (db: Db, t: Tables, batchId: number, limit: number) =>
  db
    .select({ id: t.observations.id, state: t.observations.state })
    .from(t.observations)
    .where(
      and(
        eq(t.observations.batchId, batchId),
        ne(t.observations.state, 'current'),
        sql`not exists (select 1 from ${t.observations} successor
          where successor.id = ${t.observations.supersededBy} and successor.batch_id = ${t.observations.batchId})`,
      ),
    )
    .limit(limit);

/**
 * Rows of a batch that are no longer current (corrected or retracted since), at most `limit`. A row
 * superseded by another row of the same batch (carried over to a renumbered indicator, see
 * {@link carryObservations}) does not count: rolling the batch back retracts both.
 */
export function batchRowsChangedSince(db: Db, batchId: number, limit = 20): { id: number; state: string }[] {
  return changedSinceQuery(db, schema, batchId, limit).all();
}

/**
 * The steps of undoing a batch (see {@link revertBatchRows}), in the order they must run, as builders
 * for both engines: the versions it superseded made current again, its own current rows retracted,
 * what it withdrew reinstated, and the regions of its rows.
 */
const revertSteps = (db: Db, t: Tables, batchId: number, reason: string) => {
  const o = t.observations;
  const prefix = withdrawnPrefix(batchId);
  return {
    restore: () =>
      db
        .update(o)
        .set({ state: 'current', supersededBy: null, reason: null })
        .where(
          and(
            inArray(
              o.id,
              db
                .select({ id: o.supersedes })
                .from(o)
                .where(and(eq(o.batchId, batchId), isNotNull(o.supersedes))),
            ),
            eq(o.state, 'superseded'),
          ),
        ),
    retract: () =>
      db
        .update(o)
        .set({ state: 'retracted', reason })
        .where(and(eq(o.batchId, batchId), eq(o.state, 'current'))),
    reinstate: () =>
      db
        .update(o)
        .set({ state: 'current', reason: null })
        .where(and(eq(o.state, 'retracted'), sql`substr(${o.reason}, 1, ${prefix.length}) = ${prefix}`))
        .returning({ code: o.regionCode }),
    regions: () => db.selectDistinct({ code: o.regionCode }).from(o).where(eq(o.batchId, batchId)),
  };
};

/** What undoing a batch did: versions current again, rows retracted, regions touched (sorted). */
export interface RevertedRows {
  restored: number;
  retracted: number;
  regions: string[];
}

const reverted = (restored: number, retracted: number, regions: string[], withdrawn: string[]): RevertedRows => ({
  restored: restored + withdrawn.length,
  retracted,
  regions: [...new Set([...regions, ...withdrawn])].sort(),
});

/**
 * Undoes a batch's writes: the observations it superseded become current again (their supersede
 * mark and reason cleared, exactly as before the import), and its own rows are retracted with
 * `reason`. Run inside a transaction after checking {@link batchRowsChangedSince}. Returns the
 * counts and the regions touched.
 */
export function revertBatchRows(db: Db, batchId: number, reason: string): RevertedRows {
  const steps = revertSteps(db, schema, batchId, reason);
  const restored = steps.restore().run().changes;
  const retracted = steps.retract().run().changes;
  const withdrawn = steps.reinstate().all();
  const regions = steps.regions().all();
  return reverted(
    restored,
    retracted,
    regions.map((r) => r.code),
    withdrawn.map((w) => w.code),
  );
}

/** {@link batchRowsChangedSince} and {@link revertBatchRows} awaited, on either engine. */
export const batchRevertAsync = {
  changedSince: (a: AsyncDb, batchId: number, limit = 20): Promise<{ id: number; state: string }[]> =>
    changedSinceQuery(a.db, a.t, batchId, limit),
  revert: async (a: AsyncDb, batchId: number, reason: string): Promise<RevertedRows> => {
    const steps = revertSteps(a.db, a.t, batchId, reason);
    const restored = (await steps.restore().returning({ id: a.t.observations.id })).length;
    const retracted = (await steps.retract().returning({ id: a.t.observations.id })).length;
    const withdrawn = await steps.reinstate();
    const regions = await steps.regions();
    return reverted(
      restored,
      retracted,
      regions.map((r) => r.code),
      withdrawn.map((w) => w.code),
    );
  },
};

const withdrawnPrefix = (batchId: number) => `withdrawn by import batch ${batchId}: `;

/** The current observations citing `citation` exactly, for months `from`–`to` (a feed's own earlier values). */
export function currentByCitation(
  db: Db,
  citation: string,
  from: string,
  to: string,
): { id: number; regionCode: string; indicatorId: string; period: string }[] {
  return cachedStatement(
    db,
    `select id, region_code as regionCode, indicator_id as indicatorId, period from observations
     where state = 'current' and source_citation = ? and period between ? and ?`,
  ).all(citation, from, to) as { id: number; regionCode: string; indicatorId: string; period: string }[];
}

/**
 * Withdraws observations on behalf of an import batch (a source's final release replacing its
 * preliminary values that it does not confirm): retracted with a reason naming the batch, so that
 * rolling the batch back ({@link revertBatchRows}) makes them current again. Returns how many.
 */
export function withdrawForBatch(db: Db, ids: readonly number[], batchId: number, why: string): number {
  const set = cachedStatement(
    db,
    `update observations set state = 'retracted', reason = ? where id = ? and state = 'current'`,
  );
  let n = 0;
  for (const id of ids) n += set.run(`${withdrawnPrefix(batchId)}${why}`, id).changes;
  return n;
}

/** {@link currentByCitation} and {@link withdrawForBatch} awaited, on either engine (one builder each). */
export const feedWithdrawalAsync = {
  currentByCitation: (
    a: AsyncDb,
    citation: string,
    from: string,
    to: string,
  ): Promise<{ id: number; regionCode: string; indicatorId: string; period: string }[]> => {
    const o = a.t.observations;
    return a.db
      .select({ id: o.id, regionCode: o.regionCode, indicatorId: o.indicatorId, period: o.period })
      .from(o)
      .where(
        and(eq(o.state, 'current'), eq(o.sourceCitation, citation), gte(o.period, from), sql`${o.period} <= ${to}`),
      )
      .orderBy(asc(o.id));
  },
  withdraw: async (a: AsyncDb, ids: readonly number[], batchId: number, why: string): Promise<number> => {
    if (ids.length === 0) return 0;
    const o = a.t.observations;
    return (
      await a.db
        .update(o)
        .set({ state: 'retracted', reason: `${withdrawnPrefix(batchId)}${why}` })
        .where(and(inArray(o.id, [...ids]), eq(o.state, 'current')))
        .returning({ id: o.id })
    ).length;
  },
};

/**
 * Gives every row citing one of `citations` a feed's source key (rows a feed wrote before it had
 * one carry their citation's key); a no-op once done. Returns how many rows changed.
 */
export function rekeyFeedRows(db: Db, key: string, citations: readonly string[]): number {
  const set = cachedStatement(
    db,
    `update observations set source_key = ? where source_citation = ? and (source_key is null or source_key != ?)`,
  );
  return db.transaction(() => citations.reduce((n, c) => n + set.run(key, c, key).changes, 0));
}

/** What a write needs to know of an indicator: its scale, and whether a catalogue version retired it. */
export interface IndicatorScale {
  id: string;
  label: string;
  measurement: Measurement;
  retiredIn: string | null;
}

/** Every indicator ever loaded (retired ones too, so a write can say it was retired). */
export function indicatorScales(db: Db): IndicatorScale[] {
  return scalesQuery(db, schema).all();
}

/** {@link indicatorScales} as a builder (see db/async.ts). */
const scalesQuery = (db: Db, t: Tables) =>
  db
    .select({
      id: t.indicators.id,
      label: t.indicators.label,
      measurement: t.indicators.measurement,
      retiredIn: t.indicators.retiredIn,
    })
    .from(t.indicators);

/**
 * A summary that changes whenever the set of current observations or regions changes (an entry, a
 * correction, an import, a rollback, a boundary set): counts, the highest id and the sum of ids of
 * current observations, and the count of regions. Cheap (one index scan), and the same from any
 * connection, so a result derived from the data can be stored beside it and checked later.
 */
export function evidenceState(db: Db): { observations: number; key: string } {
  const row = cachedStatement(
    db,
    `select count(*) as n, coalesce(max(id), 0) as maxId, coalesce(sum(id), 0) as sumId,
            (select count(*) from regions) as regions
       from observations where state = 'current'`,
  ).get() as { n: number; maxId: number; sumId: number; regions: number };
  return { observations: row.n, key: `${row.n}:${row.maxId}:${row.sumId}:${row.regions}` };
}

/** {@link evidenceState} awaited, on either engine: the same count and key (the sums read back as numbers). */
export async function evidenceStateAsync(a: AsyncDb): Promise<{ observations: number; key: string }> {
  const o = a.t.observations;
  const [row] = await a.db
    .select({
      n: sql<number | string>`count(*)`,
      maxId: sql<number | string>`coalesce(max(${o.id}), 0)`,
      sumId: sql<number | string>`coalesce(sum(${o.id}), 0)`,
      regions: sql<number | string>`(select count(*) from ${a.t.regions})`,
    })
    .from(o)
    .where(eq(o.state, 'current'));
  const [n, maxId, sumId, regions] = [row?.n, row?.maxId, row?.sumId, row?.regions].map((v) => Number(v ?? 0));
  return { observations: n!, key: `${n}:${maxId}:${sumId}:${regions}` };
}
