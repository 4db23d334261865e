import { and, asc, eq, getTableColumns, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Lens, ModelObservation } from '../../indicators/index.ts';
import type { AsyncDb, Tables } from '../async.ts';
import type { Db } from '../client.ts';
import { copyRows, copyUpsert } from '../pg/bulk-write.ts';
import type { PgConnection } from '../pg/client.ts';
import { observations, scores } from '../schema/index.ts';
import { cachedStatement, sqliteOf } from './raw.ts';

export type ScoreRow = typeof scores.$inferSelect;
export type NewScore = typeof scores.$inferInsert;

const CHUNK = 400;

const COLUMNS = [
  'scenario',
  'lens',
  'period',
  'regionCode',
  'level',
  'score',
  'class',
  'coverage',
  'confidence',
  'trend3',
  'trend12',
  'drivers',
  'rolledUpFrom',
  'indicatorsObserved',
  'groupsObserved',
  'sourcesObserved',
  'signsObserved',
  'ownObserved',
] as const satisfies readonly (keyof NewScore)[];

/** Inserts through one prepared statement (three times faster than multi-row inserts here). Call inside a transaction. */
function insertRows(db: Db, scenario: string, rows: readonly NewScore[]): void {
  if (rows.length === 0) return;
  const values = Object.fromEntries(COLUMNS.map((c) => [c, sql.placeholder(c)])) as unknown as NewScore;
  const statement = db.insert(scores).values(values).prepare();
  for (const r of rows) {
    statement.run({
      ...Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])),
      scenario,
      indicatorsObserved: r.indicatorsObserved ?? 0,
      groupsObserved: r.groupsObserved ?? 0,
      sourcesObserved: r.sourcesObserved ?? 0,
      signsObserved: r.signsObserved ?? 0,
      ownObserved: r.ownObserved ?? 0,
    });
  }
}

/**
 * Deletes every stored score of a scenario; when no other scenario is stored, by emptying the table
 * (SQLite then drops the pages instead of visiting millions of rows). Call inside a transaction.
 */
export function clearScores(db: Db, scenario: string): void {
  const others = db
    .select({ scenario: scores.scenario })
    .from(scores)
    .where(sql`${scores.scenario} <> ${scenario}`)
    .limit(1)
    .all();
  if (others.length === 0) db.run(sql`delete from scores`);
  else db.delete(scores).where(eq(scores.scenario, scenario)).run();
}

/**
 * Runs `fill` with the secondary indexes of `scores` dropped, then builds them again from their
 * stored definitions: one sort per index after millions of inserts costs less than keeping them up
 * to date row by row. Call inside a transaction (a failure rolls the indexes back too).
 */
export function withScoreIndexesRebuilt<T>(db: Db, fill: () => T): T {
  const indexes = sqliteOf(db)
    .prepare(`select name, sql from sqlite_master where type = 'index' and tbl_name = 'scores' and sql is not null`)
    .all() as { name: string; sql: string }[];
  for (const i of indexes) sqliteOf(db).exec(`drop index "${i.name.replace(/"/g, '""')}"`);
  const out = fill();
  for (const i of indexes) sqliteOf(db).exec(i.sql);
  return out;
}

/**
 * A bulk writer of score rows for one scenario: one raw prepared statement, positional parameters,
 * no per-row mapping (about a third of the cost of the drizzle insert at millions of rows). Call
 * inside a transaction.
 */
export function scoreInserter(db: Db, scenario: string): (r: NewScore) => void {
  const statement = cachedStatement(
    db,
    `insert into scores (scenario, lens, period, region_code, level, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from, indicators_observed, groups_observed, sources_observed, signs_observed, own_observed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (r) => {
    statement.run(
      scenario,
      r.lens,
      r.period,
      r.regionCode,
      r.level,
      r.score ?? null,
      r.class,
      r.coverage,
      r.confidence ?? null,
      r.trend3 ?? null,
      r.trend12 ?? null,
      JSON.stringify(r.drivers),
      r.rolledUpFrom ?? null,
      r.indicatorsObserved ?? 0,
      r.groupsObserved ?? 0,
      r.sourcesObserved ?? 0,
      r.signsObserved ?? 0,
      r.ownObserved ?? 0,
    );
  };
}

/**
 * A bulk writer of score rows for one scenario taking each row's 17 values after the scenario, in
 * `scoreInserter`'s column order (drivers already as JSON text): what a full recompute's sweep
 * threads hand back. Call inside a transaction.
 */
export function scoreValuesInserter(db: Db, scenario: string): (...values: unknown[]) => void {
  const statement = cachedStatement(
    db,
    `insert into scores (scenario, lens, period, region_code, level, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from, indicators_observed, groups_observed, sources_observed, signs_observed, own_observed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  return (...values) => {
    statement.run(scenario, ...values);
  };
}

/**
 * A cheap fingerprint of what stored scores depend on besides observations: the catalogue version in
 * force, the regions and the boundary sets (a new version may only retire codes, which adds no
 * region). It changes when any is replaced, so callers can cache what they derive from them.
 */
export function scoringInputsSignature(db: Db): string {
  return cachedStatement(
    db,
    `select coalesce((select id || '@' || loaded_at from catalogue_versions where is_current = 1), '') || '|' || (select count(*) || ':' || coalesce(max(rowid), 0) from regions) || '|' || (select count(*) || ':' || coalesce(max(loaded_at), '') from boundary_sets)`,
  )
    .pluck()
    .get() as string;
}

/** A stored score row with its drivers as the stored JSON text (compared as text by incremental rescoring). */
export type StoredScore = Required<Omit<NewScore, 'scenario' | 'drivers'>> & { drivers: string };

const STORED_COLUMNS =
  'lens, period, level, region_code as regionCode, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from as rolledUpFrom, indicators_observed as indicatorsObserved, groups_observed as groupsObserved, sources_observed as sourcesObserved, signs_observed as signsObserved, own_observed as ownObserved';

/** Every stored row of some regions (all lenses and levels; months from `from` when given) of a scenario, through `scores_region`. */
export function storedScoresOf(
  db: Db,
  scenario: string,
  regionCodes: readonly string[],
  from = '0000-01',
): StoredScore[] {
  return cachedStatement(
    db,
    `select ${STORED_COLUMNS} from scores where region_code in (${regionCodes.map(() => '?').join(',')}) and scenario = ? and period >= ?`,
  ).all(...regionCodes, scenario, from) as StoredScore[];
}

/** Stored rows of one lens, month and level for some regions (a country's regions, for a roll-up). */
export function storedScoresAt(
  db: Db,
  q: { scenario: string; lens: string; period: string; level: number },
  regionCodes: readonly string[],
): StoredScore[] {
  const out: StoredScore[] = [];
  for (let i = 0; i < regionCodes.length; i += CHUNK) {
    const codes = regionCodes.slice(i, i + CHUNK);
    out.push(
      ...(cachedStatement(
        db,
        `select ${STORED_COLUMNS} from scores where scenario = ? and lens = ? and period = ? and level = ? and region_code in (${codes.map(() => '?').join(',')})`,
      ).all(q.scenario, q.lens, q.period, q.level, ...codes) as StoredScore[]),
    );
  }
  return out;
}

/** Writes some rows (inserting or replacing by key) and deletes others, of one scenario. Call inside a transaction. */
export function patchScores(
  db: Db,
  scenario: string,
  upserts: readonly StoredScore[],
  deletes: readonly { lens: string; period: string; level: number; regionCode: string }[],
): void {
  const put = cachedStatement(
    db,
    `insert or replace into scores (scenario, lens, period, region_code, level, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from, indicators_observed, groups_observed, sources_observed, signs_observed, own_observed) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const del = cachedStatement(
    db,
    `delete from scores where scenario = ? and lens = ? and period = ? and level = ? and region_code = ?`,
  );
  for (const r of upserts)
    put.run(
      scenario,
      r.lens,
      r.period,
      r.regionCode,
      r.level,
      r.score,
      r.class,
      r.coverage,
      r.confidence,
      r.trend3,
      r.trend12,
      r.drivers,
      r.rolledUpFrom,
      r.indicatorsObserved,
      r.groupsObserved,
      r.sourcesObserved,
      r.signsObserved,
      r.ownObserved,
    );
  for (const k of deletes) del.run(scenario, k.lens, k.period, k.level, k.regionCode);
}

/** Replaces every stored score of a scenario with `rows`, in one transaction. */
export function replaceScores(db: Db, scenario: string, rows: readonly NewScore[]): void {
  db.transaction((tx) => {
    tx.delete(scores).where(eq(scores.scenario, scenario)).run();
    insertRows(tx, scenario, rows);
  });
}

/**
 * Replaces the stored scores of some regions (every lens, and every month or those from `from`, of
 * one scenario) with `rows`, in one transaction: the incremental path after a write. `regions` names
 * each region with its level.
 */
export function replaceRegionScores(
  db: Db,
  scenario: string,
  regions: readonly { code: string; level: number }[],
  rows: readonly NewScore[],
  from = '0000-01',
): void {
  db.transaction((tx) => {
    for (const level of [0, 1, 2]) {
      const codes = regions.filter((r) => r.level === level).map((r) => r.code);
      for (let i = 0; i < codes.length; i += CHUNK) {
        tx.delete(scores)
          .where(
            and(
              eq(scores.scenario, scenario),
              eq(scores.level, level),
              inArray(scores.regionCode, codes.slice(i, i + CHUNK)),
              gte(scores.period, from),
            ),
          )
          .run();
      }
    }
    insertRows(tx, scenario, rows);
  });
}

const SCORE_COLUMNS =
  'scenario, lens, period, region_code as regionCode, level, score, class, coverage, confidence, trend3, trend12, drivers, rolled_up_from as rolledUpFrom, indicators_observed as indicatorsObserved, groups_observed as groupsObserved, sources_observed as sourcesObserved, signs_observed as signsObserved, own_observed as ownObserved';

/** Rows as drizzle would map them (drivers parsed), through a raw statement: a whole map is thousands of rows, and drizzle's mapping cost four times the query. */
function scoreRows(db: Db, sqlText: string, params: readonly unknown[]): ScoreRow[] {
  const rows = cachedStatement(db, sqlText).all(...params) as { drivers: unknown }[];
  for (const r of rows) r.drivers = JSON.parse(r.drivers as string);
  return rows as ScoreRow[];
}

/**
 * The stored scores of a scenario as text, one entry per month, lens and level (`period|lens|level`):
 * every column of every row, in region order, so that equal texts mean equal rows. What a restore
 * drill compares between two databases before building any answer from them.
 */
export function storedScoreTexts(db: Db, scenario: string): Map<string, string> {
  const columns = (sqliteOf(db).pragma('table_info(scores)') as { name: string }[]).map((c) => `"${c.name}"`);
  const rows = sqliteOf(db)
    .prepare(
      `select period || '|' || lens || '|' || level, group_concat(json_array(${columns.join(', ')}), char(10) order by region_code) from scores where scenario = ? group by period, lens, level`,
    )
    .raw()
    .all(scenario) as [string, string][];
  return new Map(rows);
}

/** Stored scores of one level for one month, lens and scenario (one primary-key range). */
export function readScores(db: Db, q: { scenario: string; lens: Lens; period: string; level: number }): ScoreRow[] {
  return scoreRows(
    db,
    `select ${SCORE_COLUMNS} from scores where scenario = ? and lens = ? and period = ? and level = ?`,
    [q.scenario, q.lens, q.period, q.level],
  );
}

/** Stored scores of every region (both levels, or one) for a range of months, one lens and scenario. */
export function readScoresWindow(
  db: Db,
  q: { scenario: string; lens: Lens; from: string; to: string; level?: number },
): ScoreRow[] {
  if (q.level === undefined)
    return scoreRows(
      db,
      `select ${SCORE_COLUMNS} from scores where scenario = ? and lens = ? and period >= ? and period <= ?`,
      [q.scenario, q.lens, q.from, q.to],
    );
  return scoreRows(
    db,
    `select ${SCORE_COLUMNS} from scores where scenario = ? and lens = ? and period >= ? and period <= ? and level = ?`,
    [q.scenario, q.lens, q.from, q.to, q.level],
  );
}

/** One region's stored scores over time, oldest first. */
export function readRegionSeries(
  db: Db,
  q: { region: string; scenario: string; lens: Lens; from?: string; to?: string },
): ScoreRow[] {
  return scoreRows(
    db,
    `select ${SCORE_COLUMNS} from scores where region_code = ? and scenario = ? and lens = ? and period >= ? and period <= ? order by period`,
    [q.region, q.scenario, q.lens, q.from ?? '0000-01', q.to ?? '9999-12'],
  );
}

/**
 * Months that have stored scores, oldest first. Hops from month to month through the primary key
 * (one index seek per month) instead of grouping every row of the lens.
 */
export function scoredPeriods(db: Db, scenario = 'baseline'): string[] {
  return cachedStatement(
    db,
    `with recursive months(period) as (
       select min(period) from scores where scenario = @scenario and lens = 'overall'
       union all
       select (select min(period) from scores where scenario = @scenario and lens = 'overall' and period > months.period) from months where months.period is not null
     )
     select period from months where period is not null`,
  )
    .pluck()
    .all({ scenario }) as string[];
}

/** One level's stored rows for one month, lens and scenario, as a builder (see db/async.ts): {@link readScores}'s rows. */
const scoresAtQuery = (
  db: Db,
  t: Tables,
  q: { scenario: string; lens: Lens; period: string; level: number },
  regions?: readonly string[],
) =>
  db
    .select()
    .from(t.scores)
    .where(
      and(
        eq(t.scores.scenario, q.scenario),
        eq(t.scores.lens, q.lens),
        eq(t.scores.period, q.period),
        eq(t.scores.level, q.level),
        regions ? inArray(t.scores.regionCode, [...regions]) : undefined,
      ),
    );

/** The scenarios and months that have stored scores, in order (bytewise, as SQLite and a C-collated PostgreSQL sort). */
const storedMonthsQuery = (db: Db, t: Tables) =>
  db
    .selectDistinct({ scenario: t.scores.scenario, period: t.scores.period })
    .from(t.scores)
    .orderBy(asc(t.scores.scenario), asc(t.scores.period));

/**
 * The score reads of `/api/scores` awaited, on SQLite or PostgreSQL (db/async.ts): the same rows as
 * {@link readScores} (which keeps its raw statement on the synchronous path: a whole map is thousands
 * of rows, and drizzle's mapping costs more than the query), mapped by drizzle on both engines.
 */
export const scoresAsync = {
  /**
   * Stored scores of one level for one month, lens and scenario, in no particular order; with
   * `regions`, only theirs (a few: one parameter each).
   */
  at: (
    a: AsyncDb,
    q: { scenario: string; lens: Lens; period: string; level: number },
    regions?: readonly string[],
  ): Promise<ScoreRow[]> =>
    regions
      ? regions.length
        ? scoresAtQuery(a.db, a.t, q, regions)
        : Promise.resolve([])
      : scoresAtQuery(a.db, a.t, q),
  /**
   * {@link scoredPeriods}: the months with stored scores of a scenario, oldest first, each found by
   * one index seek (SQLite keeps its prepared statement; PostgreSQL runs the same walk).
   */
  periods: async (a: AsyncDb, scenario = 'baseline'): Promise<string[]> => {
    if (a.engine === 'sqlite') return scoredPeriods(a.db, scenario);
    const { rows } = await (a.db as unknown as PgConnection).execute<{ period: string }>(
      sql`with recursive months(period) as (
        select min(period) from scores where scenario = ${scenario} and lens = 'overall'
        union all
        select (select min(s.period) from scores s where s.scenario = ${scenario} and s.lens = 'overall' and s.period > months.period)
        from months where months.period is not null
      )
      select period from months where period is not null`,
    );
    return rows.map((r) => r.period);
  },
  /** Each scenario with stored scores and its months, oldest first. */
  storedMonths: (a: AsyncDb): Promise<{ scenario: string; period: string }[]> => storedMonthsQuery(a.db, a.t),
  /**
   * What the alert rules read of {@link readScoresWindow}'s rows (region, level, month, score, class)
   * for every level, months `from`–`to`, one lens and scenario: in primary-key order, so without a sort.
   */
  window: (a: AsyncDb, q: { scenario: string; lens: Lens; from: string; to: string }): Promise<AlertScoreRow[]> => {
    const s = a.t.scores;
    return a.db
      .select({ regionCode: s.regionCode, level: s.level, period: s.period, score: s.score, class: s.class })
      .from(s)
      .where(and(eq(s.scenario, q.scenario), eq(s.lens, q.lens), gte(s.period, q.from), lte(s.period, q.to)))
      .orderBy(asc(s.period), asc(s.level), asc(s.regionCode));
  },
  /**
   * What ranking by trend reads of one level's stored rows for a month, lens and scenario (region,
   * score, class, 3- and 12-month trends), in no particular order; {@link scoresAsync.at} with
   * `regions` then reads the whole rows of the few it keeps.
   */
  trends: (a: AsyncDb, q: { scenario: string; lens: Lens; period: string; level: number }) => {
    const s = a.t.scores;
    return a.db
      .select({ regionCode: s.regionCode, score: s.score, class: s.class, trend3: s.trend3, trend12: s.trend12 })
      .from(s)
      .where(and(eq(s.scenario, q.scenario), eq(s.lens, q.lens), eq(s.period, q.period), eq(s.level, q.level)));
  },
  /** {@link readRegionSeries}: one region's stored scores over time, oldest first. */
  series: (a: AsyncDb, q: SeriesQuery): Promise<ScoreRow[]> =>
    a.db.select().from(a.t.scores).where(seriesWhere(a.t, q)).orderBy(asc(a.t.scores.period)),
  /** {@link observationSources} awaited: where some observations come from, by id. */
  observationSources: async (a: AsyncDb, ids: readonly number[]): Promise<Map<number, ObservationSource>> => {
    const o = a.t.observations;
    const out = new Map<number, ObservationSource>();
    for (let i = 0; i < ids.length; i += CHUNK)
      for (const r of await a.db
        .select({ id: o.id, citation: o.sourceCitation, locator: o.sourceLocator, url: o.sourceUrl })
        .from(o)
        .where(inArray(o.id, ids.slice(i, i + CHUNK))))
        out.set(r.id, { citation: r.citation, locator: r.locator, url: r.url });
    return out;
  },
  /** What the alert rules read of {@link scoresAsync.series} (region, level, month, score, class). */
  alertSeries: (a: AsyncDb, q: SeriesQuery): Promise<AlertScoreRow[]> => {
    const s = a.t.scores;
    return a.db
      .select({ regionCode: s.regionCode, level: s.level, period: s.period, score: s.score, class: s.class })
      .from(s)
      .where(seriesWhere(a.t, q))
      .orderBy(asc(s.period));
  },
};

/** One region's months `from`–`to` (default: all) for one lens and scenario. */
type SeriesQuery = { region: string; scenario: string; lens: Lens; from?: string; to?: string };
const seriesWhere = (t: Tables, q: SeriesQuery) =>
  and(
    eq(t.scores.regionCode, q.region),
    eq(t.scores.scenario, q.scenario),
    eq(t.scores.lens, q.lens),
    gte(t.scores.period, q.from ?? '0000-01'),
    lte(t.scores.period, q.to ?? '9999-12'),
  );

/** The columns of a stored score the alert rules read. */
export type AlertScoreRow = Pick<ScoreRow, 'regionCode' | 'level' | 'period' | 'score' | 'class'>;

/** Number of stored score rows (all scenarios). */
export function countScores(db: Db): number {
  return db.get<{ n: number }>(sql`select count(*) as n from scores`).n;
}

/** Current observations made for some regions, as the model reads them: the input of incremental rescoring. */
export function currentObservationsOf(db: Db, regionCodes: readonly string[]): ModelObservation[] {
  const out: ModelObservation[] = [];
  for (let i = 0; i < regionCodes.length; i += CHUNK) {
    const codes = regionCodes.slice(i, i + CHUNK);
    const rows = cachedStatement(
      db,
      `select id, region_code as regionCode, indicator_id as indicatorId, period, value, confidence, coalesce(source_key, source_citation) as source from observations where state = 'current' and region_code in (${codes.map(() => '?').join(',')})`,
    ).all(...codes) as ModelObservation[];
    // A loop, not push(...rows): a large country's family holds more rows than a call takes arguments.
    for (const r of rows) out.push(r);
  }
  return out;
}

/** Where an observation comes from: its citation, locator and link. */
export type ObservationSource = { citation: string; locator: string | null; url: string | null };

/** Where some observations come from (citation, locator, link), by id: for explanations. */
export function observationSources(db: Db, ids: readonly number[]): Map<number, ObservationSource> {
  const out = new Map<number, ObservationSource>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = db
      .select({
        id: observations.id,
        citation: observations.sourceCitation,
        locator: observations.sourceLocator,
        url: observations.sourceUrl,
      })
      .from(observations)
      .where(inArray(observations.id, ids.slice(i, i + CHUNK)))
      .all();
    for (const r of rows) out.set(r.id, { citation: r.citation, locator: r.locator, url: r.url });
  }
  return out;
}

/** The value columns of a score row (every column but the key), as upserts set them from the proposed row. */
const VALUE_COLUMNS = COLUMNS.filter(
  (c) => c !== 'scenario' && c !== 'lens' && c !== 'period' && c !== 'regionCode' && c !== 'level',
);

/** A swept row as the scores table takes it, for `scenario` (the defaults {@link scoreInserter} writes). */
const rowOf = (scenario: string, r: NewScore): NewScore => ({
  ...(Object.fromEntries(COLUMNS.map((c) => [c, r[c] ?? null])) as NewScore),
  scenario,
  drivers: r.drivers,
  indicatorsObserved: r.indicatorsObserved ?? 0,
  groupsObserved: r.groupsObserved ?? 0,
  sourcesObserved: r.sourcesObserved ?? 0,
  signsObserved: r.signsObserved ?? 0,
  ownObserved: r.ownObserved ?? 0,
});

/** Rows per multi-row statement: 18 parameters a row, well under PostgreSQL's 65,535 per statement. */
const WRITE_CHUNK = 500;

/** A column's name in the table (snake case, as drizzle's casing writes them). */
const snake = (c: string) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
const SNAKE_COLUMNS = COLUMNS.map(snake);
/** The scores table's primary key. */
const SCORE_KEY = ['scenario', 'lens', 'period', 'level', 'region_code'];

/** Rows of `scenario` as COPY takes them: {@link rowOf}'s values in {@link COLUMNS} order, drivers as JSON text. */
function* copyValues(scenario: string, rows: readonly NewScore[]): Generator<unknown[]> {
  for (const r of rows) {
    const row = rowOf(scenario, r);
    yield COLUMNS.map((c) => (c === 'drivers' ? JSON.stringify(row.drivers) : row[c]));
  }
}

/** The key of a stored score within a scenario. */
export type ScoreKey = { lens: string; period: string; level: number; regionCode: string };

/**
 * The score writes of rescoring awaited, on either engine (db/async.ts): reads of the stored rows to
 * compare with, and multi-row inserts, upserts and deletes (one statement per few hundred rows, no
 * round trip per row). Call inside the transaction that holds the scores' write lock (`withWriteLock`).
 */
export const scoreWritesAsync = {
  /** {@link scoringInputsSignature} on either engine (PostgreSQL has no rowid: regions are only added, so their count moves). */
  inputsSignature: async (a: AsyncDb): Promise<string> => {
    if (a.engine === 'sqlite') return scoringInputsSignature(a.db);
    const { rows } = await (a.db as unknown as PgConnection).execute<{ signature: string }>(
      sql`select coalesce((select id || '@' || loaded_at from catalogue_versions where is_current), '') || '|' || (select count(*) || ':' || coalesce(max(code), '') from regions) || '|' || (select count(*) || ':' || coalesce(max(loaded_at), '') from boundary_sets) as signature`,
    );
    return rows[0]!.signature;
  },
  /** {@link storedScoresOf}: every stored row of some regions (months from `from`) of a scenario, drivers as JSON text. */
  storedOf: async (
    a: AsyncDb,
    scenario: string,
    regionCodes: readonly string[],
    from = '0000-01',
  ): Promise<StoredScore[]> => {
    const s = a.t.scores;
    const { scenario: _s, ...columns } = getTableColumns(s);
    const out: StoredScore[] = [];
    for (let i = 0; i < regionCodes.length; i += 1000) {
      const rows = await a.db
        // The drivers as stored (JSON text written once), not parsed and written out again.
        .select({ ...columns, drivers: sql<string>`cast(${s.drivers} as text)` })
        .from(s)
        .where(
          and(inArray(s.regionCode, regionCodes.slice(i, i + 1000)), eq(s.scenario, scenario), gte(s.period, from)),
        );
      for (const r of rows) out.push(r);
    }
    return out;
  },
  /** Deletes every stored score of a scenario. */
  clear: async (a: AsyncDb, scenario: string): Promise<void> => {
    await a.db.delete(a.t.scores).where(eq(a.t.scores.scenario, scenario));
  },
  /** Inserts rows of one scenario (none stored with their keys): one COPY on PostgreSQL, a few hundred per statement on SQLite. */
  insert: async (a: AsyncDb, scenario: string, rows: readonly NewScore[]): Promise<void> => {
    if (a.engine === 'postgres') return copyRows(a.db, 'scores', SNAKE_COLUMNS, copyValues(scenario, rows));
    for (let i = 0; i < rows.length; i += WRITE_CHUNK)
      await a.db.insert(a.t.scores).values(rows.slice(i, i + WRITE_CHUNK).map((r) => rowOf(scenario, r)));
  },
  /** {@link patchScores} awaited: writes some rows (inserted, or replacing the row of their key) and deletes others, of one scenario. */
  patch: async (
    a: AsyncDb,
    scenario: string,
    upserts: readonly NewScore[],
    deletes: readonly ScoreKey[],
  ): Promise<void> => {
    const s = a.t.scores;
    if (a.engine === 'postgres' && upserts.length > 0)
      await copyUpsert(a.db, 'scores', SNAKE_COLUMNS, SCORE_KEY, copyValues(scenario, upserts));
    else {
      // The proposed row's columns, by their names in the table.
      const set = Object.fromEntries(VALUE_COLUMNS.map((c) => [c, sql.raw(`excluded."${snake(c)}"`)]));
      for (let i = 0; i < upserts.length; i += WRITE_CHUNK)
        await a.db
          .insert(s)
          .values(upserts.slice(i, i + WRITE_CHUNK).map((r) => rowOf(scenario, r)))
          .onConflictDoUpdate({ target: [s.scenario, s.lens, s.period, s.level, s.regionCode], set });
    }
    for (let i = 0; i < deletes.length; i += 1000) {
      const keys = deletes.slice(i, i + 1000).map((k) => sql`(${k.lens}, ${k.period}, ${k.level}, ${k.regionCode})`);
      await a.db
        .delete(s)
        .where(
          and(
            eq(s.scenario, scenario),
            sql`(${s.lens}, ${s.period}, ${s.level}, ${s.regionCode}) in (${sql.join(keys, sql`, `)})`,
          ),
        );
    }
  },
};
